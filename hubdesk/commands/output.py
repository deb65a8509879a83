"""Printing text that came from a file or the database: never raw control characters."""

from __future__ import annotations

from pathlib import Path

from hubdesk.core.errors import DomainError
from hubdesk.core.text_checks import printable


def say(text: str) -> None:
    """print() for text that may hold names from an import file (escape sequences made visible)."""
    print(printable(text))


def expanded(text: str) -> Path:
    """``text`` as a path with ``~`` or ``~name`` turned into that home folder; refused with a
    sentence when there is no such user (``-o ~0``)."""
    try:
        return Path(text).expanduser()
    except RuntimeError as exc:
        raise DomainError(f"There is no home folder for {text.split('/')[0][:40]!r}; write the "
                          "folder in full (e.g. /home/office/rota.pdf).") from exc


def output_file(text: str, suffixes: tuple[str, ...], example: str, what: str = "file") -> Path:
    """The file ``-o`` names, with the first of ``suffixes`` added when it has none of them;
    refused with a sentence when its folder is missing or it is a folder (nothing is written)."""
    target = expanded(text)
    if not text.strip() or target.name in ("", ".", ".."):
        raise DomainError(f"Give the {what} to write after -o, e.g. -o {example}.")
    if target.suffix.lower() not in suffixes:
        target = target.with_name(target.name + suffixes[0])
    try:
        if not target.parent.is_dir():
            raise DomainError(f"The folder {target.parent} does not exist.")
        if target.is_dir():
            raise DomainError(f"{target} is a folder; give a file name, e.g. {target / example}.")
    except OSError as exc:  # e.g. a name longer than the file system allows
        raise DomainError(f"Cannot write a {what} called {target.name[:100]}: "
                          f"{exc.strerror or exc}.") from exc
    return target
