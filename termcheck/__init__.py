"""termcheck: a multilingual terminology-consistency checker."""

__version__ = "0.1.0"
