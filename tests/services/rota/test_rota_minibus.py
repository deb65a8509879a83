"""The rota and the minibus: a run's people are free where and when the run really ends, and the
rota's messages name sites (a role such as 'Minibus driver' is not a place)."""

from __future__ import annotations

from datetime import date, time

from hubdesk.app import HubApp
from hubdesk.services.minibus.runs import RunForm, StopForm
from hubdesk.services.rota.dto import AssignForm
from tests.services.clubs.club_setup import club
from tests.services.minibus.minibus_setup import MON, Scene, scene
from tests.services.rota.rota_setup import checked, session_target


def _orla(hub: HubApp, home: int, *others: int) -> int:
    """A checked play worker who also drives the minibus."""
    return hub.staff.save(checked("Orla", "O'Neill", home, role="driver", site_ids=others,
                                  licence_categories="B D1", licence_first_held=date(1995, 1, 1),
                                  date_of_birth=date(1975, 3, 3), midas_expires=date(2028, 1, 1)))


def _run(hub: HubApp, sc: Scene, staff_id: int) -> int:
    """Elm 15:20 → Oak, arriving 15:40 (the run sheet's times), driven by ``staff_id``."""
    stops = (StopForm(sc.elm, depart=time(15, 20)), StopForm(sc.oak, arrive=time(15, 40)))
    return hub.minibus.runs.save(RunForm(sc.bus, MON, stops, driver_staff_id=staff_id))


def test_a_driver_arriving_at_the_clubs_site_in_time_has_no_travel_warning(
        hub: HubApp, two_schools: dict[str, int]) -> None:
    sc = scene(hub, two_schools)
    hub.sites.set_travel_time(sc.elm, sc.oak, 12)
    orla = _orla(hub, sc.oak, sc.elm)
    _run(hub, sc, orla)
    # Drama at Oak starts 15:45: the bus is there at 15:40, five minutes early.
    result = hub.rota.assign(AssignForm(orla, session_target(hub, sc.oak, MON, "Drama")))
    assert not [w for w in result.warnings if "cannot get from" in w], result.warnings
    assert not [p for p in hub.rota.problems(MON) if p.code == "travel"]


def test_a_club_at_another_site_counts_travel_from_where_the_run_ends(
        hub: HubApp, two_schools: dict[str, int]) -> None:
    sc = scene(hub, two_schools)
    hub.sites.set_travel_time(sc.elm, sc.oak, 12)
    club(hub, sc.elm, name="Young Engineers", start_time=time(15, 45), end_time=time(17, 0))
    orla = _orla(hub, sc.oak, sc.elm)
    _run(hub, sc, orla)
    result = hub.rota.assign(AssignForm(orla, session_target(hub, sc.elm, MON, "Young Engineers")))
    travel = [w for w in result.warnings if "cannot get from" in w]
    assert travel == ["Orla O'Neill cannot get from Oakfield Primary (Minibus run Elm Street Primary"
                      " → Oakfield Primary, until 15:40) to Elm Street Primary (Young Engineers, "
                      "15:45) on Mon 14 Sep: 5 min between them, 12 min travel."]
    assert "Minibus driver" not in " ".join(result.warnings)


def test_a_run_from_a_site_the_driver_does_not_work_at_names_the_site(
        hub: HubApp, two_schools: dict[str, int]) -> None:
    sc = scene(hub, two_schools)
    orla = _orla(hub, sc.oak)  # Oak only; the run leaves from Elm
    _run(hub, sc, orla)
    messages = [p.message for p in hub.rota.problems(MON) if p.code == "other_site"]
    assert messages == ["Orla O'Neill does not usually work at Elm Street Primary (Minibus run "
                        "Elm Street Primary → Oakfield Primary on Mon 14 Sep); add the site to "
                        "their record if this is agreed."]
