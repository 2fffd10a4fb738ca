"""Placeholders, markup and code inside a translatable string: masked, so no term or word runs through
them and no fix touches them. By the format flags of a PO entry where it has them; otherwise only the
forms that no prose takes (`%(name)s`, `%1$s`, `{name}`, `{{ name }}`, `%name%`, `${name}`, tags).

Whatever the flags, code that a unit quotes as it is is masked too: a line that is a command
(`$ pip install x`, `sudo apt-get install x`, `git clone URL`), a file path (`/usr/share/zoneinfo`,
`~/.config/x`, `C:\\Users\\x`) and an IANA time-zone name (`Europe/Moscow`, `Asia/Almaty`): the city in a
time-zone name is part of an identifier, not a rendering of the city's name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .base import MASK, Builder

# Placeholders: by format flag; without a flag only the forms no prose takes.
_PRINTF = r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t|I64|I32)?[diouxXeEfFgGaAcspn%]"
_PYTHON = r"%\([^)\s]{1,64}\)[-+ #0]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]"
_BRACE = r"\{[A-Za-z_0-9.\[\]]{0,64}(?:![rsa])?(?::[^{}\s]{0,32})?\}"
_TAG = r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>"
_ALWAYS = (
    r"%\d+\$[a-zA-Z]|%\([^)\s]{1,64}\)[sdifr]|\$\{[A-Za-z_][A-Za-z_0-9]*\}|%[sd](?![A-Za-z])"
    r"|\{\{[^{}]{1,64}\}\}|\{[A-Za-z_0-9.]{1,64}\}|%[A-Za-z_][A-Za-z_0-9.]{0,63}%"
)
# Code quoted in a unit. A command line: after a `$ ` prompt, after sudo, or a program's name followed
# by an option, a file name or a path, or one of its subcommands ("pip install x", "git clone URL"; not
# "python model class name", nor a line of prose that starts with "make" or "node").
_PROGRAMS = (
    r"apt-get|apt|aptitude|brew|cargo|choco|composer|conda|curl|django-admin|dnf|docker|git|kubectl|npm|npx"
    r"|pacman|pip3?|pipx|pnpm|poetry|python3?|systemctl|uv|virtualenv|wget|winget|yarn|yum|zypper"
)
_SUBCOMMANDS = (
    r"add|build|clone|commit|compose|config|exec|init|install|pull|push|remove|run|start|stop|test|uninstall"
    r"|update|upgrade"
)
_COMMAND_LINE = (
    rf"(?m:^[ \t]*(?:\$[ \t]+(?=[a-z./~])|(?:sudo|doas)[ \t]+(?=\S)"
    rf"|(?:{_PROGRAMS})[ \t]+(?=-|[\w-]*[/.=:@][\w/~]|(?:{_SUBCOMMANDS})(?![\w-])))[^\r\n]*)"
)
# An IANA time-zone name: an area of the tz database and one or two capitalised parts.
_TIME_ZONE = (
    r"(?<![\w/])(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)"
    r"(?:/[A-Z][\w+-]*){1,2}"
)
# A path: absolute (two parts at least), from home or from here; or a Windows path with its drive. A
# part of a path is a name (not a run of punctuation, "@/./+/-/_"), not ending in a sentence's full stop.
_PART = r"[.@+-]*\w(?:[\w.@+-]*[\w+-])?"
_PATH = (
    rf"(?<![\w/.~-])(?:~|\.\.?)?/(?:{_PART}/)+(?:{_PART})?|(?<![\w/.~-])(?:~|\.\.?)/{_PART}"
    r"|\b[A-Za-z]:\\[^\s<>\"|?*]*"
)
CODE = "|".join([_COMMAND_LINE, _TIME_ZONE, _PATH])
PLACEHOLDERS: dict[str, str] = {
    "c-format": _PRINTF, "python-format": _PYTHON + "|" + _PRINTF, "python-brace-format": _BRACE,
    "perl-format": _PRINTF, "php-format": _PRINTF, "sh-format": r"\$[A-Za-z_][A-Za-z_0-9]*|\$\{[^}]*\}",
    "qt-format": r"%L?\d{1,2}", "kde-format": r"%\d{1,2}", "boost-format": r"%\d+%|" + _PRINTF,
    "javascript-format": _PRINTF, "csharp-format": _BRACE, "java-format": _BRACE,
}  # fmt: skip


def placeholder_pattern(flags: Iterable[str] = ()) -> re.Pattern[str]:
    forms = [PLACEHOLDERS[f] for f in sorted(flags) if f in PLACEHOLDERS]
    return _compiled("|".join([CODE, _TAG, _ALWAYS, *forms]))


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def mask_placeholders(builder: Builder, pattern: re.Pattern[str]) -> Builder:
    """The builder with its placeholders turned into MASK characters (offsets kept)."""
    text = builder.text()
    for m in pattern.finditer(text):
        for i in range(m.start(), m.end()):
            builder.chars[i] = MASK
    return builder
