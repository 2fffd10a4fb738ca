"""The maintained term base; installed as the package ``termcheck.builtin`` (see pyproject.toml)."""
