"""Expected errors: each prints as one located line and makes the run exit 2."""

from __future__ import annotations


class TermcheckError(Exception):
    """An error the user can fix; `str()` is the one line printed for it."""

    def __init__(
        self, message: str, path: str | None = None, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return where + self.message


class ConfigError(TermcheckError):
    """A configuration file or option is unusable."""


class GlossaryError(TermcheckError):
    """A term base file cannot be read or does not fit the schema."""


class SourceError(TermcheckError):
    """A text to check cannot be read or decoded."""


def nearest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The closest valid spelling of `word`, for "did you mean" hints."""
    import difflib

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None
