"""Showing a page again without reading it again, while nothing it shows can have changed.

A page keeps the key it was last read under: the audit log's newest entry (every change saved, on
this PC or another, moves it) with whatever else its rows depend on (today's date, the minute for a
register's "missing"). Shown again under the same key, it keeps its rows; under another, it reads
them again. Changes made in this window still refresh the page through AppEvents as before, and a
restore or an import sends ``data_reloaded``, which every page answers by reading again (a page not
on screen reads when it is next shown).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from hubdesk.core.errors import DomainError

KeyOf = Callable[[], Hashable]


class Unchanged:
    """``key()`` names what the page's rows depend on; ``show(read)`` reads only when it moved."""

    def __init__(self, key: KeyOf) -> None:
        self._key = key
        self._shown: Hashable | None = None

    def show(self, read: Callable[[], None]) -> bool:
        """Call ``read`` unless the key is the one last read under; True when it read."""
        try:
            key = self._key()
        except DomainError:
            key = None  # the check could not be made (a server gone): read, and say so there
        if key is not None and key == self._shown:
            return False
        read()
        self._shown = key
        return True

    def forget(self) -> None:
        """The next showing reads again (the page's own choices changed what it shows)."""
        self._shown = None

    def changed(self, on_screen: Callable[[], bool], read: Callable[[], None]) -> None:
        """A change announced in this window: read now if the page is on screen, else when it is
        next shown (a booking saved elsewhere no longer waits for hidden pages to read it)."""
        if on_screen():
            read()
        else:
            self.forget()
