"""Two office PCs booking the last place at the same moment: exactly one succeeds.

Each 'PC' is its own HubApp (own engine and connections) on the same database file; threads and
processes start their booking together behind a barrier.
"""

from __future__ import annotations

import multiprocessing
import threading
from datetime import date
from pathlib import Path

import pytest

from hubdesk.app import HubApp, open_app
from hubdesk.core.db import write_session
from hubdesk.core.errors import Conflict
from hubdesk.services.clubs.booking_plan import BookingRequest, write_plan
from hubdesk.settings import Settings
from tests.services.clubs.club_setup import NOW, child, club, freeze

MON = date(2026, 9, 14)


@pytest.fixture
def last_place(hub: HubApp, two_schools: dict[str, int]) -> dict[str, int]:
    freeze(hub)
    oak = two_schools["oak"]
    return {"club": club(hub, oak, capacity=1, weekdays=(0, 1, 2, 3, 4)),
            "a": child(hub, oak, forename="Ada"), "b": child(hub, oak, forename="Ben")}


def _outcome(app: HubApp, request: BookingRequest, barrier: threading.Barrier | None,
             results: list[str]) -> None:
    freeze(app)
    if barrier is not None:
        barrier.wait()
    try:
        app.bookings.confirm(request)
        results.append("booked")
    except Conflict as exc:
        results.append(f"refused: {exc}")


def test_two_threads_one_last_place(settings: Settings, hub: HubApp,
                                    last_place: dict[str, int]) -> None:
    days = [d.day for d in hub.club_sessions.sessions(last_place["club"], MON, date(2026, 10, 2))]
    pcs = [open_app(settings), open_app(settings)]
    try:
        for day in days:  # 15 rounds, one fresh session each
            results: list[str] = []
            barrier = threading.Barrier(2)
            threads = [threading.Thread(target=_outcome, args=(
                pc, BookingRequest(last_place[who], last_place["club"], day), barrier, results))
                for pc, who in zip(pcs, ("a", "b"), strict=True)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(30)
            assert sorted(results)[0] == "booked", results
            assert sorted(results)[1].startswith("refused: Football is full on"), results
            session = hub.club_sessions.sessions(last_place["club"], day, day)[0]
            assert (session.booked, session.free) == (1, 0)
    finally:
        for pc in pcs:
            pc.close()


def _book_in_process(database: str, child_id: int, club_id: int, start: object,
                     queue: object) -> None:
    app = open_app(Settings(database=database, data_dir=Path(database).parent,
                            backup_dir=Path(database).parent / "b", user="pc"))
    results: list[str] = []
    try:
        start.wait()  # type: ignore[attr-defined]
        _outcome(app, BookingRequest(child_id, club_id, MON), None, results)
    finally:
        app.close()
    queue.put(results[0])  # type: ignore[attr-defined]


def test_two_processes_one_last_place(settings: Settings, hub: HubApp,
                                      last_place: dict[str, int]) -> None:
    ctx = multiprocessing.get_context("spawn")
    start, queue = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_book_in_process,
                         args=(settings.database, last_place[who], last_place["club"], start,
                               queue)) for who in ("a", "b")]
    for p in procs:
        p.start()
    start.set()
    outcomes = sorted(queue.get(timeout=60) for _ in procs)
    for p in procs:
        p.join(30)
    assert outcomes[0] == "booked" and outcomes[1].startswith("refused: Football is full")
    assert hub.club_sessions.sessions(last_place["club"], MON, MON)[0].booked == 1


def test_stale_preview_is_stopped_by_the_database_counter(hub: HubApp, settings: Settings,
                                                          last_place: dict[str, int]) -> None:
    """A plan made while the place was free cannot overbook: the conditional UPDATE refuses."""
    from hubdesk.services.clubs.booking_plan import Planner
    from hubdesk.services.sites.travel import load_travel

    mine = BookingRequest(last_place["a"], last_place["club"], MON)
    with hub.factory() as s:
        stale = Planner(s, load_travel(s)).plan(mine)
    assert stale.ok and stale.lines[0].free == 1
    hub.bookings.confirm(BookingRequest(last_place["b"], last_place["club"], MON))
    with pytest.raises(Conflict, match="became full on Mon 14/09/2026 just now"), \
            write_session(hub.factory) as s:
        write_plan(s, mine, stale, NOW, skip_problems=False, waiting_list=False)
    with write_session(hub.factory) as s:
        result = write_plan(s, mine, stale, NOW, skip_problems=False, waiting_list=True)
    assert result.booked == () and result.waiting_list == (MON,)
    assert hub.club_sessions.sessions(last_place["club"], MON, MON)[0].booked == 1
