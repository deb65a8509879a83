"""Late collection with calls, who is on site now, fire drills, incidents and medicines."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubdesk.app import HubApp
from hubdesk.core.errors import Conflict, ValidationError
from hubdesk.services.registers.health import IncidentForm, PermissionForm
from hubdesk.services.registers.late import LateFeeRule
from hubdesk.services.registers.site import DrillForm
from tests.services.registers.registers_data import DAY, NOW, Cluster, build_cluster, frozen_now

__all__ = ["frozen_now"]


@pytest.fixture
def cluster(hub: HubApp, two_schools: dict[str, int], frozen_now: datetime) -> Cluster:
    return build_cluster(hub, two_schools)


def at(hour: int, minute: int) -> datetime:
    return datetime(DAY.year, DAY.month, DAY.day, hour, minute)


def test_late_children_are_listed_with_calls(hub: HubApp, cluster: Cluster) -> None:
    take = hub.registers.take
    take.sign_in(cluster.sb("lucja"), at(15, 20))
    take.sign_in(cluster.sb("tom"), at(15, 25))
    take.sign_in(cluster.sb("aoife", cluster.elm_session), at(15, 20))
    take.sign_out(cluster.sb("tom"), take.collectors(cluster.sb("tom"))[-1], at(17, 10))
    late = hub.registers.late.late_children(DAY)
    assert [(x.name, x.minutes_late) for x in late] == [("O'Neill-Brennan, Aoife", 30),
                                                        ("Wiśniewska, Łucja", 15)]
    assert late[0].next_step.startswith("Over 30 minutes")
    assert [c.name for c in late[1].contacts] == ["Anna Wiśniewska", "Maria Nowak"]
    hub.registers.late.record_call(late[1].attendance_id, "Anna Wiśniewska (mother)",
                                   "07700 900001", "no answer, left a message",
                                   carer_id=cluster.carers["mum"], at=at(17, 40))
    with pytest.raises(ValidationError):
        hub.registers.late.record_call(late[1].attendance_id, "  ")
    again = hub.registers.late.late_children(DAY, site_id=cluster.oak)
    assert [(c.time, c.outcome) for c in again[0].calls] == [("17:40",
                                                              "no answer, left a message")]
    assert hub.registers.late.late_children(DAY, now=at(17, 14)) == []


def test_fee_rule_is_editable_data(hub: HubApp, cluster: Cluster) -> None:
    assert hub.registers.late.rule() == LateFeeRule(5, 15, 500)
    hub.registers.late.save_rule(LateFeeRule(0, 10, 300))
    with pytest.raises(ValidationError):
        hub.registers.late.save_rule(LateFeeRule(0, 0, 300))
    sb = cluster.sb("lucja")
    hub.registers.take.sign_in(sb, at(15, 20))
    mum = hub.registers.take.collectors(sb)[0]
    hub.registers.take.sign_out(sb, mum, at(17, 41))
    assert hub.registers.late.late_minutes_for_session(cluster.after_school) == {
        cluster.children["lucja"]: 11}


@given(st.integers(0, 30), st.integers(1, 60), st.integers(0, 2000), st.integers(0, 600))
def test_fee_grows_by_started_blocks(grace: int, block: int, pence: int, minutes: int) -> None:
    rule = LateFeeRule(grace, block, pence)
    fee = rule.fee(minutes)
    assert fee % pence == 0 if pence else fee == 0
    assert (fee == 0) == (minutes <= grace or pence == 0)
    assert rule.fee(minutes + 1) >= fee
    if minutes > grace and pence:
        assert (fee // pence - 1) * block < minutes - grace <= fee // pence * block


def test_on_site_now_lists_children_in_and_staff(hub: HubApp, cluster: Cluster) -> None:
    take = hub.registers.take
    take.sign_in(cluster.sb("lucja"), at(15, 20))
    take.sign_in(cluster.sb("tom"), at(15, 21))
    take.sign_in(cluster.sb("aoife", cluster.elm_session), at(15, 22))
    take.sign_out(cluster.sb("tom"), take.collectors(cluster.sb("tom"))[-1], at(17, 0))
    roll = hub.registers.site.on_site(cluster.oak)
    assert [x.name for x in roll.children] == ["Wiśniewska, Łucja"]
    assert roll.children[0].has_medical and roll.children[0].time_in == "15:20"
    assert roll.staff == ("Grace Ndlovu (club leader)",)
    assert roll.site == "Oakfield Primary" and roll.when == "Tue 24 Nov 2026 17:45"
    assert [x.name for x in hub.registers.site.on_site(cluster.elm).children] == [
        "O'Neill-Brennan, Aoife"]


def test_fire_drill_log_and_reminder(hub: HubApp, cluster: Cluster) -> None:
    site = hub.registers.site
    assert "No fire drill" in site.drill_reminder(cluster.oak, DAY)
    with pytest.raises(ValidationError) as err:
        site.record_drill(DrillForm(cluster.oak, at(16, 0), 0))
    assert err.value.field == "evacuation_seconds"
    with pytest.raises(ValidationError, match="before it happens"):
        site.record_drill(DrillForm(cluster.oak, NOW + timedelta(hours=1), 90))
    site.record_drill(DrillForm(cluster.oak, at(16, 0) - timedelta(days=60), 150, 20, 3))
    assert "The last fire drill was on 25/09/2026" in site.drill_reminder(cluster.oak, DAY)
    site.record_drill(DrillForm(cluster.oak, at(16, 0), 95, 18, 3, led_by="Grace Ndlovu",
                                notes="Hall door stiff <fixed> & oiled"))
    assert site.drill_reminder(cluster.oak, DAY) == ""
    drills = site.drills(cluster.oak)
    assert [d.time_taken for d in drills] == ["1 min 35 s", "2 min 30 s"]
    assert drills[0].recorded_by == "tester"


def test_incident_log_says_what_is_owed(hub: HubApp, cluster: Cluster) -> None:
    health = hub.registers.health
    lucja = cluster.children["lucja"]
    form = IncidentForm(lucja, "accident", at(16, 10), "Fell in the playground, grazed knee",
                        "Grace Ndlovu", "Cleaned, plaster", session_id=cluster.after_school)
    with pytest.raises(ValidationError) as err:
        health.record_incident(IncidentForm(lucja, "accident", at(16, 10), "", "Grace"))
    assert err.value.field == "what"
    with pytest.raises(ValidationError, match="before it happened"):
        health.record_incident(IncidentForm(lucja, "accident", at(16, 10), "x", "Grace",
                                            parent_informed_at=at(16, 0)))
    first = health.record_incident(form)
    serious = health.record_incident(IncidentForm(lucja, "accident", at(16, 30),
                                                  "Hit head on climbing frame", "Grace Ndlovu",
                                                  site_id=cluster.oak, serious=True))
    rows = health.incidents(child_id=lucja)
    assert [r.id for r in rows] == [serious, first]
    assert rows[1].site == "Oakfield Primary"
    assert rows[0].needs == "tell the parent today; notify Ofsted by 08/12/2026"
    health.parent_informed(first, "told mum at collection", at(17, 20))
    health.ofsted_notified(serious, date(2026, 11, 25))
    with pytest.raises(Conflict):
        health.ofsted_notified(first, date(2026, 11, 25))
    rows = health.incidents(site_id=cluster.oak, start=DAY, end=DAY)
    assert [r.needs for r in rows] == ["tell the parent today", ""]
    health.withdraw_incident(serious, "entered for the wrong child")
    assert [r.id for r in health.incidents(child_id=lucja)] == [first]
    assert len(health.incidents(child_id=lucja, include_withdrawn=True)) == 2


def test_medicine_needs_written_permission(hub: HubApp, cluster: Cluster) -> None:
    health = hub.registers.health
    lucja = cluster.children["lucja"]
    with pytest.raises(Conflict, match="parental responsibility"):
        health.add_permission(PermissionForm(lucja, "Piriton", "5 ml", cluster.carers["gran"],
                                             DAY))
    assert health.parents(lucja) == [(cluster.carers["mum"], "Anna Wiśniewska")]
    pid = health.add_permission(PermissionForm(lucja, "Piriton", "5 ml",
                                               cluster.carers["mum"], date(2026, 11, 2),
                                               "if hay fever", date(2026, 11, 30), "office"))
    health.give_dose(pid, "5 ml", "Grace Ndlovu", "Sam Lee", at(16, 0))
    with pytest.raises(ValidationError):
        health.give_dose(pid, "5 ml", "  ")
    with pytest.raises(Conflict, match="no current written permission"):
        health.give_dose(pid, "5 ml", "Grace", at=at(16, 0) - timedelta(days=30))
    [row] = health.permissions(lucja)
    assert (row.doses_given, row.valid_on(DAY), row.signed_by) == (1, True, "Anna Wiśniewska")
    assert [d.given_by for d in health.doses(lucja)] == ["Grace Ndlovu"]
    health.end_permission(pid)
    assert health.permissions(lucja) == []
    with pytest.raises(Conflict):
        health.give_dose(pid, "5 ml", "Grace")


def test_medicines_due_on_a_day_are_those_of_children_booked_at_the_site(
        hub: HubApp, cluster: Cluster) -> None:
    from hubdesk.core.models import ChildCarer

    health = hub.registers.health
    lucja, aoife = cluster.children["lucja"], cluster.children["aoife"]
    with hub.factory.begin() as s:  # Aoife (booked at Elm Street) gets a parent too
        s.add(ChildCarer(child_id=aoife, carer_id=cluster.carers["gran"],
                         parental_responsibility=True, relationship_="guardian"))
    inhaler = health.add_permission(PermissionForm(lucja, "Inhaler", "2 puffs",
                                                   cluster.carers["mum"], date(2026, 11, 2)))
    health.add_permission(PermissionForm(lucja, "Antibiotic", "5 ml", cluster.carers["mum"],
                                         date(2026, 11, 2), valid_until=date(2026, 11, 9)))
    health.add_permission(PermissionForm(aoife, "Cream", "thin layer", cluster.carers["gran"],
                                         DAY, "after lunch"))
    health.give_dose(inhaler, "2 puffs", "Grace", at=at(16, 0) - timedelta(days=1))
    assert [(x.child, x.permission.medicine, x.doses_today) for x in health.due_on(DAY)] == [
        ("O'Neill-Brennan, Aoife", "Cream", 0), ("Wiśniewska, Łucja", "Inhaler", 0)]
    health.give_dose(inhaler, "2 puffs", "Grace", at=at(16, 0))
    health.give_dose(inhaler, "1 puff", "Grace", at=at(17, 0))
    [due] = health.due_on(DAY, cluster.oak)
    assert (due.child, due.clubs, due.doses_today, due.last_dose_at) == (
        "Wiśniewska, Łucja", "Oak Owls after-school club", 2, at(17, 0))
    assert [x.child for x in health.due_on(DAY, cluster.elm)] == ["O'Neill-Brennan, Aoife"]
    assert health.due_on(DAY - timedelta(days=1), cluster.elm) == []  # no sessions booked then
    health.end_permission(inhaler)
    assert health.due_on(DAY, cluster.oak) == []


def test_register_and_its_pdf_show_current_medicines(hub: HubApp, cluster: Cluster,
                                                     tmp_path: Path) -> None:
    from hubdesk.reports.registers import write_registers
    from tests.reports.pdf_helpers import pages_text

    health, take = hub.registers.health, hub.registers.take
    sukru = cluster.children["sukru"]
    from hubdesk.core.models import ChildCarer

    with hub.factory.begin() as s:
        s.add(ChildCarer(child_id=sukru, carer_id=cluster.carers["gran"],
                         parental_responsibility=True))
    health.add_permission(PermissionForm(sukru, "Salbutamol", "2 puffs", cluster.carers["gran"],
                                         DAY, "when wheezy & after PE"))
    health.add_permission(PermissionForm(sukru, "Calpol", "5 ml", cluster.carers["gran"],
                                         DAY + timedelta(days=1)))  # not yet
    line = take.line(cluster.sb("sukru"))
    assert line.medicines == ("Salbutamol 2 puffs (when wheezy & after PE)",)
    assert line.has_medical and "Medicine: Salbutamol" in line.medical_summary
    out = tmp_path / "day.pdf"
    write_registers(take.day_registers(DAY, cluster.oak), out)
    text = " ".join(" ".join(pages_text(out)).split())
    assert "⚠ MEDICINE: Salbutamol 2 puffs (when wheezy & after PE)" in text
    [pid] = [p.id for p in health.permissions(sukru) if p.medicine == "Salbutamol"]
    health.end_permission(pid)
    assert take.line(cluster.sb("sukru")).medicines == ()
    assert not take.line(cluster.sb("sukru")).has_medical
