"""Which files make up a term base: paths, folders and the word `builtin`. Kept apart from the YAML
loader so that a run served from the cache never imports PyYAML."""

from __future__ import annotations

from pathlib import Path

from ..errors import GlossaryError


def builtin_dir() -> Path:
    """The shipped term base's folder (the package termcheck.builtin: glossary/ in a checkout), found
    without importing importlib.resources (5 ms a run)."""
    from importlib.util import find_spec

    spec = find_spec("termcheck.builtin")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    from importlib.resources import files  # a package that is not a folder (a zip file)

    return Path(str(files("termcheck.builtin")))


def expand(paths: list[str]) -> list[tuple[Path, str]]:
    """Glossary sources: files, directories (their *.yaml / *.yml), and the word `builtin`."""
    out: list[tuple[Path, str]] = []
    for spec in paths:
        if spec == "builtin":
            base = builtin_dir()
            out += [(p, f"<builtin>/{p.name}") for p in sorted(base.glob("*.y*ml"))]
            continue
        path = Path(spec)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
            if not found:
                raise GlossaryError("no term base files (*.yaml) in this directory", spec)
            out += [(p, p.as_posix()) for p in found]
        elif path.exists():
            if not path.is_file():  # a FIFO or a device would hang or never end
                from ..sources.text import file_kind

                raise GlossaryError(f"not a regular file ({file_kind(path.stat().st_mode)}); not read", spec)
            out.append((path, spec))
        else:
            raise GlossaryError("term base not found", spec)
    return out
