"""One small module per output format, all fed by the same RunResult."""

from __future__ import annotations

from .model import RunResult

FORMATS = ("text", "json", "sarif", "github")


def render(fmt: str, result: RunResult) -> str:
    if fmt == "json":
        from . import json

        return json.render(result)
    if fmt == "sarif":
        from . import sarif

        return sarif.render(result)
    if fmt == "github":
        from . import github

        return github.render(result)
    from . import text

    return text.render(result)
