"""On PostgreSQL the triggers mark every kind of change and the stored money sums kept change by
change equal the sums worked out from nothing (the same changes as the SQLite property test)."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from hubdesk.app import HubApp
from hubdesk.core.errors import DomainError
from tests.services.money.test_stored_sums import KINDS, _act, _from_nothing, _stored
from tests.services.money.test_stored_sums import cluster as cluster  # the fixture


def test_sums_kept_change_by_change_equal_sums_worked_out_afresh(
        hub: HubApp, cluster: dict[str, Any]) -> None:
    for round_ in range(2):
        for i, kind in enumerate(KINDS):
            with suppress(DomainError):
                _act(hub, cluster, kind, (i + round_) % 4, i % 2, (i * 3 + round_) % 8, 10 + i)
        kept = _stored(hub)
        assert kept[1], "nothing was charged: the changes did not reach the sums"
        assert kept == _from_nothing(hub)


def test_two_pcs_working_the_sums_out_at_once_take_turns(
        hub: HubApp, cluster: dict[str, Any]) -> None:
    """Two readers meeting the same marks (two office PCs opening Money together): one works the
    families out, the other waits for it (the marks it would take are locked) and finds nothing left
    to do; no duplicate rows, no error."""
    import threading

    from hubdesk.services.clubs.booking_plan import BookingRequest
    from tests.services.money.test_stored_sums import DAYS

    for kid in cluster["kids"]:
        hub.bookings.confirm(BookingRequest(kid, cluster["clubs"][0], DAYS[0]))
    failures: list[BaseException] = []
    start = threading.Barrier(2)

    def read() -> None:
        try:
            start.wait()
            hub.money.accounts.balances()
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=read) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert failures == []
    assert _stored(hub) == _from_nothing(hub)
