"""Placeholders and markup inside a translatable string: masked, so no term or word runs through them
and no fix touches them. By the format flags of a PO entry where it has them; otherwise only the
forms that no prose takes (`%(name)s`, `%1$s`, `{name}`, `{{ name }}`, `%name%`, `${name}`, tags)."""

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
PLACEHOLDERS: dict[str, str] = {
    "c-format": _PRINTF, "python-format": _PYTHON + "|" + _PRINTF, "python-brace-format": _BRACE,
    "perl-format": _PRINTF, "php-format": _PRINTF, "sh-format": r"\$[A-Za-z_][A-Za-z_0-9]*|\$\{[^}]*\}",
    "qt-format": r"%L?\d{1,2}", "kde-format": r"%\d{1,2}", "boost-format": r"%\d+%|" + _PRINTF,
    "javascript-format": _PRINTF, "csharp-format": _BRACE, "java-format": _BRACE,
}  # fmt: skip


def placeholder_pattern(flags: Iterable[str] = ()) -> re.Pattern[str]:
    forms = [PLACEHOLDERS[f] for f in sorted(flags) if f in PLACEHOLDERS]
    return _compiled("|".join([_TAG, _ALWAYS, *forms]))


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
