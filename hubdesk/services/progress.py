"""Progress reporting and cancelling for long work, without any GUI dependency."""

from __future__ import annotations

from collections.abc import Callable

from hubdesk.core.errors import DomainError


class Cancelled(DomainError):
    """The user cancelled; whatever the work wrote was rolled back."""

    def __init__(self) -> None:
        super().__init__("Cancelled. Nothing was changed.")


class Progress:
    """Passed to slow service methods: ``step()`` reports and raises Cancelled when asked to stop."""

    def __init__(self, report: Callable[[int, int, str], None] | None = None,
                 is_cancelled: Callable[[], bool] | None = None) -> None:
        self._report = report
        self._is_cancelled = is_cancelled

    def step(self, done: int, total: int, message: str = "") -> None:
        if self._is_cancelled is not None and self._is_cancelled():
            raise Cancelled()
        if self._report is not None:
            self._report(done, total, message)


NO_PROGRESS = Progress()
