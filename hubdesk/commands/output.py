"""Printing text that came from a file or the database: never raw control characters."""

from __future__ import annotations

from hubdesk.core.text_checks import printable


def say(text: str) -> None:
    """print() for text that may hold names from an import file (escape sequences made visible)."""
    print(printable(text))
