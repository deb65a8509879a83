"""The minibus settings the office changes: stored, refused with the field when wrong (and by the
schema too), and followed by the needs, the default stop times and the checks."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

import pytest
from sqlalchemy.exc import IntegrityError

from hubdesk.app import HubApp
from hubdesk.core.errors import ValidationError
from hubdesk.core.models.minibus import MinibusSettings as SettingsRow
from hubdesk.core.models.minibus import MinibusSiteRule
from hubdesk.services.minibus.settings import MinibusSettings, SiteRule
from tests.services.minibus.minibus_setup import MON, Scene, driver, elm_to_oak, scene


@pytest.fixture
def sc(hub: HubApp, two_schools: dict[str, int]) -> Scene:
    return scene(hub, two_schools)


def codes(hub: HubApp, blocking: bool | None = None) -> list[str]:
    return [p.code for p in hub.minibus.checks.check(MON, today=MON)
            if blocking is None or p.blocking == blocking]


def test_defaults_until_saved_then_stored(hub: HubApp, two_schools: dict[str, int]) -> None:
    settings = hub.minibus.settings.get()
    assert (settings.school_starts, settings.school_ends, settings.max_ride_minutes,
            settings.loading_minutes, settings.escort_rule) == (time(8, 50), time(15, 15), 45, 5,
                                                                "children")
    elm = two_schools["elm"]
    wanted = MinibusSettings(time(8, 45), time(15, 5), 30, 3, "anyone", True,
                             (SiteRule(elm, None, time(15, 30), "none"), SiteRule(two_schools["oak"])))
    hub.minibus.settings.save(wanted)
    stored = hub.minibus.settings.get()
    assert stored == replace(wanted, sites=(SiteRule(elm, None, time(15, 30), "none"),))  # empty row dropped
    assert stored.ends(elm) == time(15, 30) and stored.starts(elm) == time(8, 45)
    assert stored.ends(two_schools["oak"]) == time(15, 5)
    hub.minibus.settings.save(replace(stored, sites=()))
    assert hub.minibus.settings.get().sites == ()


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"school_ends": time(8, 0)}, "school_ends", "School must end after it starts"),
    ({"max_ride_minutes": 200}, "max_ride_minutes", "between 5 and 180 minutes"),
    ({"max_ride_minutes": 4}, "max_ride_minutes", "between 5 and 180 minutes"),
    ({"loading_minutes": 31}, "loading_minutes", "between 0 and 30 minutes"),
    ({"escort_rule": "sometimes"}, "escort_rule", "when an escort must ride"),
])
def test_wrong_settings_are_refused_with_their_field(hub: HubApp, change: dict[str, object],
                                                     field: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as err:
        hub.minibus.settings.save(replace(MinibusSettings(), **change))  # type: ignore[arg-type]
    assert err.value.field == field
    assert hub.minibus.settings.get() == MinibusSettings()


def test_a_school_day_ending_before_it_starts_is_refused(hub: HubApp,
                                                        two_schools: dict[str, int]) -> None:
    elm = two_schools["elm"]
    with pytest.raises(ValidationError, match=r"end \(08:30\) before it starts \(08:50\)") as err:
        hub.minibus.settings.save(MinibusSettings(sites=(SiteRule(elm, None, time(8, 30)),)))
    assert err.value.field == "sites"
    with pytest.raises(ValidationError, match="listed twice"):
        hub.minibus.settings.save(MinibusSettings(sites=(SiteRule(elm, escort_rule="none"),
                                                         SiteRule(elm, escort_rule="anyone"))))


@pytest.mark.parametrize("row", [
    SettingsRow(id=1, school_starts=time(9), school_ends=time(8), max_ride_minutes=45,
                loading_minutes=5, escort_rule="children", escort_blocking=False),
    SettingsRow(id=1, school_starts=time(9), school_ends=time(15), max_ride_minutes=500,
                loading_minutes=5, escort_rule="children", escort_blocking=False),
    SettingsRow(id=2, school_starts=time(9), school_ends=time(15), max_ride_minutes=45,
                loading_minutes=5, escort_rule="children", escort_blocking=False),
    SettingsRow(id=1, school_starts=time(9), school_ends=time(15), max_ride_minutes=45,
                loading_minutes=5, escort_rule="maybe", escort_blocking=False),
])
def test_the_schema_refuses_what_the_service_refuses(hub: HubApp, row: SettingsRow) -> None:
    with pytest.raises(IntegrityError), hub.factory.begin() as s:
        s.add(row)


def test_the_schema_refuses_a_bad_school_rule(hub: HubApp, two_schools: dict[str, int]) -> None:
    with pytest.raises(IntegrityError), hub.factory.begin() as s:
        s.add(MinibusSiteRule(site_id=two_schools["elm"], school_starts=time(9),
                              school_ends=time(8, 59)))


def test_needs_stop_times_and_ride_check_follow_the_settings(hub: HubApp, sc: Scene) -> None:
    assert {n.ready_at for n in hub.minibus.needs.day(MON)} == {time(15, 15)}
    hub.minibus.settings.save(MinibusSettings(loading_minutes=0, max_ride_minutes=10,
                                              sites=(SiteRule(sc.elm, school_ends=time(15, 0)),)))
    assert {n.ready_at for n in hub.minibus.needs.day(MON)} == {time(15, 0)}  # Elm's own day
    hub.sites.set_travel_time(sc.elm, sc.oak, 12)
    stops = hub.minibus.runs.default_stops([sc.elm, sc.oak])
    assert (stops[0].depart, stops[1].arrive) == (time(15, 0), time(15, 12))  # leaves when Elm ends
    run_id = elm_to_oak(hub, sc, depart=time(15, 20))
    hub.minibus.runs.add_passenger(run_id, hub.minibus.needs.day(MON)[0].key)
    ride = [p.message for p in hub.minibus.checks.check(MON, today=MON) if p.code == "ride"]
    assert ride and "rides 12 min, more than the 10 min allowed" in ride[0]
    proposal = hub.minibus.assign.propose(MON)
    assert proposal.rides == () and len(proposal.unmet) == 2  # 12 min is longer than 10 min
    assert "within 10 min" in proposal.unmet[0].why


def test_escort_rule_for_the_cluster_and_per_school(hub: HubApp, sc: Scene) -> None:
    run_id = elm_to_oak(hub, sc)
    assert "no_escort" not in codes(hub)  # nobody aboard yet
    teacher = driver(hub, "Ada", role="tutor", home_site_id=sc.elm)
    request = hub.minibus.needs.request_staff(teacher, MON, sc.elm, sc.oak, time(15, 40), "Meeting")
    hub.minibus.runs.add_passenger(run_id, f"req:{request}:out")
    assert "no_escort" not in codes(hub)  # only an adult aboard: the default rule is for children
    hub.minibus.settings.save(MinibusSettings(escort_rule="anyone"))
    assert "no_escort" in codes(hub, blocking=False)
    hub.minibus.settings.save(MinibusSettings(sites=(SiteRule(sc.oak, escort_rule="anyone"),),
                                              escort_blocking=True))
    assert "no_escort" in codes(hub, blocking=True)  # the run stops at Oak, whose rule is strictest
    hub.minibus.runs.add_passenger(run_id, hub.minibus.needs.day(MON)[0].key)
    hub.minibus.settings.save(MinibusSettings(escort_rule="none"))
    assert "no_escort" not in codes(hub)
    hub.minibus.settings.save(MinibusSettings())
    [found] = [p for p in hub.minibus.checks.check(MON, today=MON) if p.code == "no_escort"]
    assert "carries children with no escort" in found.message and not found.blocking
