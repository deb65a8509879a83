"""The travel table as every service loads it: one query helper, one office default."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import delete, event

from hubdesk.app import HubApp
from hubdesk.core.models import MetaValue, TravelTime
from hubdesk.services.rota.queries import RotaSettings
from hubdesk.services.sites.sites import SiteForm
from hubdesk.services.sites.travel import load_travel, save_travel_default, travel_default


@contextmanager
def counted(hub: HubApp) -> Iterator[list[str]]:
    """The SQL statements run inside the block."""
    seen: list[str] = []

    def note(*args: Any) -> None:
        seen.append(args[2])
    event.listen(hub.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(hub.engine, "before_cursor_execute", note)


def _sites(hub: HubApp, count: int) -> list[int]:
    return [hub.sites.save(SiteForm(name=f"School {n}")) for n in range(count)]


def test_the_table_loads_in_two_statements_whatever_the_number_of_sites(hub: HubApp) -> None:
    ids = _sites(hub, 6)
    hub.sites.set_travel_time(ids[0], ids[1], 12, both_ways=False)
    with hub.factory.begin() as s:  # the way back was never entered
        s.execute(delete(TravelTime).where(TravelTime.from_site_id == ids[1],
                                           TravelTime.to_site_id == ids[0]))
    with hub.factory() as s, counted(hub) as seen:
        travel = load_travel(s)
    assert len([q for q in seen if q.lstrip().upper().startswith("SELECT")]) <= 2
    assert travel(ids[0], ids[1]) == 12
    assert travel(ids[1], ids[0]) == 12  # entered one way, counts both ways
    assert travel(ids[2], ids[2]) == 0


def test_the_default_is_one_office_setting_shown_with_the_rota_settings(hub: HubApp) -> None:
    a, b = _sites(hub, 2)
    with hub.factory.begin() as s:
        assert travel_default(s) == 15
    hub.rota.save_settings(RotaSettings(default_travel_minutes=25))
    assert hub.rota.settings().default_travel_minutes == 25
    with hub.factory.begin() as s:
        s.execute(delete(TravelTime))  # no rows at all: every pair takes the default
        travel = load_travel(s)
        assert travel.default == 25 and travel(a, b) == 25
        save_travel_default(s, 40)
    assert hub.rota.settings().default_travel_minutes == 40
    # A new site without a position gets the office's default to every other site.
    c = hub.sites.save(SiteForm(name="Centre"))
    assert hub.sites.travel_times()[(a, c)] == 40


def test_a_database_from_before_keeps_the_default_it_had_in_the_rota_settings(hub: HubApp) -> None:
    with hub.factory.begin() as s:
        s.add(MetaValue(key="rota_settings", value='{"warn_days": 20, "default_travel_minutes": 22}'))
    with hub.factory() as s:
        assert travel_default(s) == 22
    settings = hub.rota.settings()
    assert (settings.warn_days, settings.default_travel_minutes) == (20, 22)
