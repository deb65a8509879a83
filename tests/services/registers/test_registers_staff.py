"""Staff on duty come from the rota's shifts: the register header, the PDF and the fire register."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

import pytest

from hubdesk.app import HubApp
from hubdesk.core.models import Shift
from hubdesk.reports.fire_register import write_fire_register
from hubdesk.reports.registers import write_registers
from tests.reports.pdf_helpers import pages_text
from tests.services.registers.registers_data import DAY, Cluster, add_shift, build_cluster, frozen_now

__all__ = ["frozen_now"]


@pytest.fixture
def cluster(hub: HubApp, two_schools: dict[str, int], frozen_now: datetime) -> Cluster:
    return build_cluster(hub, two_schools)


@pytest.fixture
def rota(hub: HubApp, cluster: Cluster) -> Cluster:
    """Oak Owls with a lead and a late-starting assistant, a site duty, and shifts that do not count."""
    s = cluster.after_school
    add_shift(hub, "Sam Patel", "club", "assistant", cluster.oak, time(16, 0), time(17, 30), s)
    add_shift(hub, "Grace Okafor", "club", "lead", cluster.oak, time(15, 15), time(17, 30), s)
    add_shift(hub, "Jo Bloggs", "duty", "duty", cluster.oak, time(15, 0), time(18, 0))
    add_shift(hub, "Kim Cancelled", "club", "assistant", cluster.oak, time(15, 15), time(17, 30), s,
              cancelled=True)
    add_shift(hub, "Elle Elsewhere", "duty", "duty", cluster.elm, time(15, 0), time(18, 0))
    add_shift(hub, "Mo Morning", "duty", "duty", cluster.oak, time(7, 30), time(9, 0))
    return cluster


def at(hour: int, minute: int) -> datetime:
    return datetime(DAY.year, DAY.month, DAY.day, hour, minute)  # UTC = London in November


OWLS_STAFF = ("Grace Okafor (lead)", "Sam Patel (assistant 16:00–17:30)",
              "Jo Bloggs (site duty 15:00–18:00)")


def test_register_header_takes_the_rota_not_the_club_lead(hub: HubApp, rota: Cluster) -> None:
    take = hub.registers.take
    assert take.register(rota.after_school).header.staff == OWLS_STAFF
    # breakfast has nobody on the rota and no lead: only the morning site duty overlaps it
    assert take.register(rota.breakfast).header.staff == ("Mo Morning (site duty 07:30–09:00)",)
    assert take.register(rota.elm_session).header.staff == ("Elle Elsewhere (site duty 15:00–18:00)",)
    by_session = {h.session_id: h.staff for h in take.sessions(DAY)}
    assert by_session[rota.after_school] == OWLS_STAFF


def test_the_club_lead_stands_in_until_the_rota_has_someone(hub: HubApp, cluster: Cluster) -> None:
    take = hub.registers.take
    assert take.register(cluster.after_school).header.staff == ("Grace Ndlovu (club leader)",)
    shift = add_shift(hub, "Sam Patel", "club", "assistant", cluster.oak, time(15, 15),
                      time(17, 30), cluster.after_school)
    assert take.register(cluster.after_school).header.staff == ("Sam Patel (assistant)",)
    with hub.factory.begin() as s:  # taken off the rota: the lead is back
        s.get_one(Shift, shift).cancelled_at = at(12, 0)
    assert take.register(cluster.after_school).header.staff == ("Grace Ndlovu (club leader)",)


def test_on_site_now_follows_the_shifts_hours(hub: HubApp, rota: Cluster) -> None:
    site = hub.registers.site
    # 15:30: the assistant starts at 16:00, the morning duty has gone home
    assert site.on_site(rota.oak, at(15, 30)).staff == (
        "Grace Okafor (lead)", "Jo Bloggs (site duty 15:00–18:00)")
    assert site.on_site(rota.oak, at(16, 30)).staff == (
        "Grace Okafor (lead)", "Sam Patel (assistant)", "Jo Bloggs (site duty 15:00–18:00)")
    assert site.on_site(rota.oak, at(8, 0)).staff == ("Mo Morning (site duty 07:30–09:00)",)
    # 17:45, after the end with nobody signed in: only the site duty is still here
    assert site.on_site(rota.oak, at(17, 45)).staff == ("Jo Bloggs (site duty 15:00–18:00)",)
    # a child still waiting to be collected keeps the session's staff on the list
    hub.registers.take.sign_in(rota.sb("lucja"), at(15, 20))
    assert site.on_site(rota.oak, at(17, 45)).staff == (
        "Grace Okafor (lead)", "Sam Patel (assistant)", "Jo Bloggs (site duty 15:00–18:00)")


def test_staff_print_on_the_register_and_fire_register(hub: HubApp, rota: Cluster,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "day.pdf"
    write_registers(hub.registers.take.day_registers(DAY, rota.oak), out)
    text = " ".join(" ".join(pages_text(out)).split())
    assert ("Staff on duty: Grace Okafor (lead), Sam Patel (assistant 16:00–17:30), "
            "Jo Bloggs (site duty 15:00–18:00)") in text
    assert "Kim Cancelled" not in text and "Grace Ndlovu" not in text
    hub.registers.take.sign_in(rota.sb("lucja"), at(15, 20))
    fire = tmp_path / "fire.pdf"
    write_fire_register(hub.registers.site.on_site(rota.oak, at(16, 30)), fire)
    text = " ".join(" ".join(pages_text(fire)).split())
    assert "1 child, 3 staff on duty" in text
    for name in ("Grace Okafor (lead)", "Sam Patel (assistant)", "Jo Bloggs"):
        assert name in text
