"""Booking from a spreadsheet, and the 'hubdesk clubs' and 'hubdesk import bookings' commands."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hubdesk import cli
from hubdesk.app import HubApp, open_app
from hubdesk.commands import import_cmd
from hubdesk.core.errors import DomainError
from hubdesk.services.clubs.booking_plan import BookingRequest
from tests.services.clubs.club_setup import NOW, child, club, freeze

HEADER = "Child,Date of birth,Club,Site,Days,From,To\n"


@pytest.fixture
def clubs(hub: HubApp, two_schools: dict[str, int]) -> dict[str, int]:
    freeze(hub)
    oak = two_schools["oak"]
    return {"oak": oak, "football": club(hub, oak), "cooking": club(hub, oak, name="Cooking",
                                                                       capacity=1),
            "ella": child(hub, oak, forename="Ella", surname="Ng", upn="A123456789012"),
            "sam": child(hub, oak, forename="Sam", surname="O'Neill",
                         date_of_birth=date(2019, 2, 1))}


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "form.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_preview_changes_nothing_then_apply_books_every_row(hub: HubApp, clubs: dict[str, int],
                                                            tmp_path: Path) -> None:
    path = write(tmp_path, "A123456789012,,Football,,Mon Wed,14/09/2026,30/09/2026\n"
                           "Sam O'Neill,01/02/2019,cooking,Oakfield,,2026-09-14,\n")
    preview = hub.booking_imports.preview(path)
    assert [(r.row, r.outcome, r.sessions) for r in preview.rows] == \
        [(2, "booked", 6), (3, "booked", 1)]
    assert not preview.applied and hub.bookings.history(clubs["ella"]) == []
    result = hub.booking_imports.apply(path)
    assert result.applied and result.sessions == 7
    assert len(hub.bookings.history(clubs["ella"])) == 6


def test_one_refused_row_stops_all_unless_skipped(hub: HubApp, clubs: dict[str, int],
                                                  tmp_path: Path) -> None:
    path = write(tmp_path, "Ella Ng,04/05/2018,Football,,Monday,14/09/2026,\n"
                           "Nobody Here,01/01/2019,Football,,,14/09/2026,\n"
                           "Ella Ng,04/05/2018,Chess,,,14/09/2026,\n"
                           "Ella Ng,04/05/2018,Football,,Funday,14/09/2026,21/09/2026\n")
    preview = hub.booking_imports.preview(path)
    assert [r.detail for r in preview.refused] == [
        "No child called Nobody Here born 01/01/2019.",
        "There is no club called 'Chess'.",
        "'funday' is not a weekday; write e.g. Mon Wed or Monday, Wednesday"]
    result = hub.booking_imports.apply(path)
    assert not result.applied and hub.bookings.history(clubs["ella"]) == []
    result = hub.booking_imports.apply(path, skip_rejected=True)
    assert result.applied and [line.day for line in hub.bookings.history(clubs["ella"])] == \
        [date(2026, 9, 14)]


def test_full_sessions_go_to_the_waiting_list_only_when_asked(hub: HubApp, clubs: dict[str, int],
                                                              tmp_path: Path) -> None:
    hub.bookings.confirm(BookingRequest(clubs["sam"], clubs["cooking"], date(2026, 9, 14)))
    path = write(tmp_path, "A123456789012,,Cooking,,,14/09/2026,\n")
    assert "Cooking is full" in hub.booking_imports.preview(path).rows[0].detail
    result = hub.booking_imports.apply(path, waiting_list=True)
    assert result.rows[0].outcome == "waiting list"
    waiting = [r.child_id for r in hub.waiting_lists.open_entries() if r.club_id == clubs["cooking"]]
    assert waiting == [clubs["ella"]]


def test_a_file_without_the_needed_columns_is_refused(hub: HubApp, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("Name,Colour\nElla,red\n", encoding="utf-8")
    with pytest.raises(DomainError, match="needs at least the columns club and from date"):
        hub.booking_imports.preview(path)


def test_commands_list_clubs_and_import(hub: HubApp, clubs: dict[str, int], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # The command opens its own app: it runs on the test's clock, the moment the bookings were set up.
    hub.clock.frozen_at = NOW
    monkeypatch.setattr(import_cmd, "open_app",
                        lambda settings, **kw: open_app(settings, clock=hub.clock, **kw))
    database = hub.settings.database
    path = write(tmp_path, "A123456789012,,Football,,Mon,14/09/2026,\n")
    assert cli.main(["import", "bookings", str(path), "--dry-run", "--database", database]) == 0
    assert "Dry run: nothing was changed." in capsys.readouterr().out
    assert cli.main(["import", "bookings", str(path), "--database", database]) == 0
    assert "Booked: 1 rows, 1 sessions" in capsys.readouterr().out
    assert cli.main(["clubs", "--week", "2026-09-14", "--database", database]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["No", "Club", "Site"]
    football = next(line for line in out if "Football" in line)
    assert "1/20" in football and "Mon, Wed" in football and "£7.50" in football
    assert out[-1] == "2 clubs; this week 1 of 22 places booked (4%)."


def test_rows_dated_in_the_past_are_refused(hub: HubApp, clubs: dict[str, int],
                                            tmp_path: Path) -> None:
    path = write(tmp_path, "A123456789012,,Football,,Mon Wed,02/09/2026,30/09/2026\n"
                           "A123456789012,,Football,,,07/09/2026,\n"
                           "A123456789012,,Football,,,09/09/2026,\n")
    preview = hub.booking_imports.preview(path)
    assert [(r.row, r.outcome) for r in preview.rows] == \
        [(2, "refused"), (3, "refused"), (4, "booked")]
    assert "07/09/2026 is in the past" in preview.rows[1].detail
    assert preview.rows[0].detail.startswith("the from date 02/09/2026 is in the past; an import "
                                             "books from today (08/09/2026) on.")
    assert not hub.booking_imports.apply(path).applied
    assert hub.bookings.history(clubs["ella"]) == []
    hub.booking_imports.apply(path, skip_rejected=True)
    assert [line.day for line in hub.bookings.history(clubs["ella"])] == [date(2026, 9, 9)]
