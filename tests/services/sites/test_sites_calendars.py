"""Sites, travel times, school calendars and staff through the services and the core calendar."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from hubdesk.app import HubApp
from hubdesk.core.calendar import SchoolCalendar, Span
from hubdesk.core.errors import NotFound, ValidationError
from hubdesk.core.models import AuditEntry, Room
from hubdesk.services.people.staff import StaffForm
from hubdesk.services.sites.calendars import EntryForm
from hubdesk.services.sites.sites import SiteForm

# --- the core calendar ------------------------------------------------------------------------

ENGLAND = holidays.country_holidays("GB", subdiv="ENG", years=range(2024, 2030))
WINDOW = (date(2025, 1, 1), date(2028, 12, 31))


@st.composite
def spans(draw: st.DrawFn) -> Span:
    kind = draw(st.sampled_from(["term", "term", "half_term", "inset", "closure"]))
    start = draw(st.dates(min_value=WINDOW[0], max_value=WINDOW[1]))
    longest = {"term": 120, "half_term": 9, "inset": 2, "closure": 5}[kind]
    length = draw(st.integers(min_value=0, max_value=longest))
    return Span(kind, start, start + timedelta(days=length), draw(st.sampled_from(["", "x"])))


@settings(max_examples=150, deadline=None)
@given(entries=st.lists(spans(), max_size=12),
       start=st.dates(min_value=WINDOW[0], max_value=WINDOW[1]),
       length=st.integers(min_value=0, max_value=400))
def test_open_days_are_exactly_term_weekdays_that_nothing_closes(
        entries: list[Span], start: date, length: int) -> None:
    end = start + timedelta(days=length)
    calendar = SchoolCalendar(entries)
    found = calendar.open_days(start, end)
    expected = []
    day = start
    while day <= end:
        in_term = any(s.kind == "term" and s.start <= day <= s.end for s in entries)
        closed = any(s.kind != "term" and s.start <= day <= s.end for s in entries)
        if day.weekday() < 5 and day not in ENGLAND and in_term and not closed:
            expected.append(day)
        day += timedelta(days=1)
    assert found == expected
    for day in found:
        status = calendar.status(day)
        assert status.open and status.kind == "open"


def test_boxing_day_2026_moves_to_monday_28_december() -> None:
    calendar = SchoolCalendar([Span("term", date(2026, 12, 1), date(2026, 12, 31))])
    status = calendar.status(date(2026, 12, 28))
    assert not status.open
    assert status.kind == "bank_holiday"
    assert status.reason == "bank holiday: Boxing Day (substitute day)"
    assert calendar.status(date(2026, 12, 25)).reason == "bank holiday: Christmas Day"
    late_december = calendar.open_days(date(2026, 12, 21), date(2026, 12, 31))
    assert late_december == [date(2026, 12, d) for d in (21, 22, 23, 24, 29, 30, 31)]


def test_reasons_and_kinds_name_why_a_day_is_closed() -> None:
    calendar = SchoolCalendar([
        Span("term", date(2026, 9, 3), date(2026, 12, 18), "Autumn"),
        Span("half_term", date(2026, 10, 26), date(2026, 10, 30)),
        Span("inset", date(2026, 11, 27), date(2026, 11, 27)),
        Span("closure", date(2026, 12, 2), date(2026, 12, 2), "polling station"),
    ])
    seen = {d: (calendar.status(d).kind, calendar.status(d).reason) for d in (
        date(2026, 9, 2), date(2026, 9, 5), date(2026, 10, 27), date(2026, 11, 27),
        date(2026, 12, 2), date(2026, 12, 3))}
    assert seen == {
        date(2026, 9, 2): ("holiday", "school holiday"),
        date(2026, 9, 5): ("weekend", "weekend"),
        date(2026, 10, 27): ("half_term", "half-term"),
        date(2026, 11, 27): ("inset", "INSET day"),
        date(2026, 12, 2): ("closure", "closed: polling station"),
        date(2026, 12, 3): ("open", "open"),
    }


# --- calendars through the service ------------------------------------------------------------


def test_month_shows_one_schools_inset_day_only(hub: HubApp, two_schools: dict[str, int]) -> None:
    elm = hub.calendars.month(two_schools["elm"], 2026, 11)
    oak = hub.calendars.month(two_schools["oak"], 2026, 11)
    assert len(elm) == 30
    assert elm[26].reason == "INSET day" and not elm[26].open
    assert oak[26].open
    both = hub.calendars.months([two_schools["oak"], two_schools["elm"]], 2026, 11)
    assert both == {two_schools["oak"]: oak, two_schools["elm"]: elm}
    opened = hub.calendars.open_days(two_schools["elm"], date(2026, 11, 1), date(2026, 11, 30))
    assert len(opened) == 20 and date(2026, 11, 27) not in opened


def test_entries_validate_and_deleting_one_is_audited(hub: HubApp,
                                                      two_schools: dict[str, int]) -> None:
    elm = two_schools["elm"]
    with pytest.raises(ValidationError) as err:
        hub.calendars.save_entry(EntryForm(elm, "inset", date(2026, 11, 27), date(2026, 11, 26)))
    assert err.value.field == "end_date"
    with pytest.raises(ValidationError) as err:
        hub.calendars.save_entry(EntryForm(elm, "holiday", date(2026, 11, 2), date(2026, 11, 2)))
    assert err.value.field == "kind"
    with pytest.raises(ValidationError):
        hub.calendars.month(elm, 2026, 13)
    with pytest.raises(NotFound):
        hub.calendars.entries(9999)
    with pytest.raises(NotFound):
        hub.calendars.month(9999, 2026, 11)
    inset = next(e for e in hub.calendars.entries(elm) if e.kind == "inset")
    assert inset.id is not None
    hub.calendars.delete_entry(inset.id)
    assert hub.calendars.month(elm, 2026, 11)[26].open
    with hub.factory() as s:
        gone = s.scalars(select(AuditEntry).where(AuditEntry.table_name == "calendar_entries",
                                                  AuditEntry.action == "delete")).one()
    assert gone.record_id == str(inset.id)
    assert gone.changes["start_date"][0] == "2026-11-27"


def test_an_entry_can_be_moved_to_another_school(hub: HubApp, two_schools: dict[str, int]) -> None:
    inset = next(e for e in hub.calendars.entries(two_schools["elm"]) if e.kind == "inset")
    hub.calendars.save_entry(replace(inset, site_id=two_schools["oak"]))
    assert [e.kind for e in hub.calendars.entries(two_schools["elm"])] == ["term", "half_term"]
    assert not hub.calendars.month(two_schools["oak"], 2026, 11)[26].open


# --- sites and travel times -------------------------------------------------------------------


def test_new_site_gets_default_travel_times_both_ways(hub: HubApp,
                                                      two_schools: dict[str, int]) -> None:
    oak, elm = two_schools["oak"], two_schools["elm"]
    times = hub.sites.travel_times()
    assert times[(oak, elm)] == times[(elm, oak)]
    assert 5 < times[(oak, elm)] < 30  # about 1.7 km apart: a few minutes' drive plus loading
    centre = hub.sites.save(SiteForm(name="Downs Centre", kind="centre"))
    times = hub.sites.travel_times()
    assert times[(centre, oak)] == times[(elm, centre)] == 15  # no map position: a plain default
    assert len(times) == 6


def test_travel_time_edits_one_or_both_ways_and_refuses_nonsense(
        hub: HubApp, two_schools: dict[str, int]) -> None:
    oak, elm = two_schools["oak"], two_schools["elm"]
    hub.sites.set_travel_time(oak, elm, 25)
    assert hub.sites.travel_times()[(elm, oak)] == 25
    hub.sites.set_travel_time(elm, oak, 31, both_ways=False)
    times = hub.sites.travel_times()
    assert (times[(oak, elm)], times[(elm, oak)]) == (25, 31)
    for minutes in (0, -3, 601):
        with pytest.raises(ValidationError):
            hub.sites.set_travel_time(oak, elm, minutes)
    with pytest.raises(ValidationError):
        hub.sites.set_travel_time(oak, oak, 10)
    with pytest.raises(NotFound):
        hub.sites.set_travel_time(oak, 9999, 10)
    assert hub.sites.travel_times()[(oak, elm)] == 25


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": " "}, "name"),
        ({"dfe_number": "12345"}, "dfe_number"),
        ({"dfe_number": "888-2001"}, "dfe_number"),
        ({"name": "oakfield primary"}, "name"),
        ({"dfe_number": "888/2001"}, "dfe_number"),
        ({"rooms": ("Hall", "hall ")}, "rooms"),
        ({"latitude": 95.0, "longitude": 0.0}, "latitude"),
        ({"latitude": 50.8}, "latitude"),
        ({"postcode": "BN1 1AA BN2 2BB"}, "postcode"),
        ({"ofsted_status": "maybe"}, "ofsted_status"),
    ],
)
def test_bad_site_input_names_the_field_and_saves_nothing(
        hub: HubApp, two_schools: dict[str, int], change: dict[str, object], field: str) -> None:
    form = replace(SiteForm(name="Hill View Primary", dfe_number="8882003"), **change)
    with pytest.raises(ValidationError) as err:
        hub.sites.save(form)
    assert err.value.field == field
    assert [s.name for s in hub.sites.list()] == ["Elm Street Primary", "Oakfield Primary"]


def test_site_edit_keeps_rooms_in_step_and_dfe_normalised(hub: HubApp,
                                                         two_schools: dict[str, int]) -> None:
    oak = hub.sites.get(two_schools["oak"])
    hub.sites.save(replace(oak, rooms=("Library", "Studio "), dfe_number="888/2001",
                           ofsted_status="registered", active=False))
    again = hub.sites.get(two_schools["oak"])
    assert again.rooms == ("Library", "Studio")
    assert again.dfe_number == "8882001" and again.ofsted_status == "registered"
    assert [s.name for s in hub.sites.list()] == ["Elm Street Primary"]
    assert len(hub.sites.list(include_inactive=True)) == 2
    with hub.factory() as s:
        assert sorted(s.scalars(select(Room.name)).all()) == ["Hall", "Library", "Studio"]


# --- staff -------------------------------------------------------------------------------------


def test_staff_are_saved_searched_and_made_inactive(hub: HubApp,
                                                    two_schools: dict[str, int]) -> None:
    ana = hub.staff.save(StaffForm("Ana", "Şahin", "driver", home_site_id=two_schools["oak"],
                                   phone="07700 900123", email="ana@oak.sch.uk"))
    hub.staff.save(StaffForm("Ben", "Carter", "play worker"))
    assert [r.name for r in hub.staff.list("sahin")] == ["Şahin, Ana"]
    assert [r.name for r in hub.staff.list("play")] == ["Carter, Ben"]
    row = hub.staff.list("driver")[0]
    assert (row.home_site, row.phone, row.email) == ("Oakfield Primary", "07700 900123",
                                                     "ana@oak.sch.uk")
    hub.staff.save(replace(hub.staff.get(ana), active=False))
    assert [r.name for r in hub.staff.list()] == ["Carter, Ben"]
    assert [r.active for r in hub.staff.list("ana", include_inactive=True)] == [False]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"forename": ""}, "forename"),
        ({"surname": "  "}, "surname"),
        ({"role": ""}, "role"),
        ({"email": "ana.oak.sch.uk"}, "email"),
        ({"email": "ana@oak"}, "email"),
        ({"phone": "call me"}, "phone"),
        ({"surname": "x" * 101}, "surname"),
    ],
)
def test_bad_staff_input_names_the_field(hub: HubApp, change: dict[str, object],
                                         field: str) -> None:
    with pytest.raises(ValidationError) as err:
        hub.staff.save(replace(StaffForm("Ana", "Şahin", "driver"), **change))
    assert err.value.field == field
    assert hub.staff.list(include_inactive=True) == []


def test_staff_home_site_must_exist(hub: HubApp) -> None:
    with pytest.raises(NotFound):
        hub.staff.save(StaffForm("Ana", "Şahin", "driver", home_site_id=4242))
    assert hub.staff.list(include_inactive=True) == []
