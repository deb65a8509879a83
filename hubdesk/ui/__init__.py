"""The PySide6 front end. Widgets call services, get DTOs, and refresh on AppEvents."""

from __future__ import annotations

import ctypes
import sys


def _keep_none_alive() -> None:
    """PySide6 6.12 on CPython 3.11 drops one reference to None on each Qt call that returns nothing
    (``setText``, ``addItem`` …); a few thousand such calls take None's count to zero and the program
    aborts ("none_dealloc"), often as it exits. CPython 3.12 makes None immortal; do the same here
    by giving it a count no session can use up."""
    if sys.version_info < (3, 12):
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


_keep_none_alive()
