"""History reads as sentences about people, is searchable by name or date, and costs a bounded
number of statements per page whatever the page's length."""

from __future__ import annotations

from datetime import datetime

import pytest

from hubdesk.app import HubApp
from hubdesk.services.admin.history_words import field_words, value_words
from hubdesk.services.registers.queries import Collector
from tests.services.registers.registers_data import DAY, Cluster, build_cluster, frozen_now
from tests.statements import counting

__all__ = ["frozen_now"]


@pytest.fixture
def cluster(hub: HubApp, two_schools: dict[str, int], frozen_now: datetime) -> Cluster:
    return build_cluster(hub, two_schools)


def at(hour: int, minute: int) -> datetime:
    return datetime(DAY.year, DAY.month, DAY.day, hour, minute)  # UTC = London in November


def _mum(hub: HubApp, sb: int) -> Collector:
    return next(x for x in hub.registers.take.collectors(sb) if x.name.startswith("Anna"))


def test_signing_out_reads_as_a_sentence_about_the_child_and_carer(hub: HubApp,
                                                                  cluster: Cluster) -> None:
    sb = cluster.sb("lucja")
    hub.registers.take.sign_in(sb, at(15, 20))
    hub.registers.take.sign_out(sb, _mum(hub, sb), at(17, 20), password_checked=True)
    lines = hub.audit.history(child_id=cluster.children["lucja"])
    sentences = [line.sentence for line in lines]
    assert sentences[0] == ("Łucja Wiśniewska signed out of Oak Owls after-school club on "
                            "Tue 24 Nov, collected by Anna Wiśniewska (password checked)")
    assert sentences[1] == "Łucja Wiśniewska signed in to Oak Owls after-school club on Tue 24 Nov"
    assert lines[0].when == "Tue 24 Nov 17:45"
    assert lines[0].text.startswith("Tue 24 Nov 17:45 · ")
    for line in lines:
        assert "attendance" not in line.text and "_" not in line.sentence


def test_history_is_searchable_by_child_carer_club_and_date(hub: HubApp, cluster: Cluster) -> None:
    sb = cluster.sb("lucja")
    hub.registers.take.sign_in(sb, at(15, 20))
    hub.registers.take.sign_out(sb, _mum(hub, sb), at(17, 20))
    for search in ("Wiśniewska, Łu", "lucja", "Anna Wisniewska", "Oak Owls", "24/11/2026",
                   "24/11/26", "24/11"):
        found = [line.sentence for line in hub.audit.history(search=search)]
        assert any("signed out of Oak Owls" in s for s in found), search
    assert hub.audit.history(search="Nobody Such") == []
    assert hub.audit.history(search="25/11/2026") == []


def test_a_staff_members_history_is_filtered_to_them(hub: HubApp, cluster: Cluster) -> None:
    from hubdesk.services.people.staff import StaffForm

    grace = next(r.id for r in hub.staff.list() if "Ndlovu" in r.name)
    form = hub.staff.get(grace)
    hub.staff.save(StaffForm(**{**form.__dict__, "dbs_number": "001234567890"}))
    lines = hub.audit.history(staff_id=grace)
    assert lines and lines[0].sentence.startswith("Staff member Grace Ndlovu changed: DBS number")
    assert all("Ndlovu" in line.sentence for line in lines)
    assert hub.audit.history(search="Ndlovu")[0].sentence == lines[0].sentence


def test_a_page_of_history_costs_the_same_statements_whatever_its_length(
        hub: HubApp, cluster: Cluster) -> None:
    hub.clock.frozen_at = at(17, 45)
    for key in ("lucja", "sukru", "tom"):
        hub.registers.take.sign_in(cluster.sb(key), at(15, 20))
    with counting(hub.engine) as one_kind:
        short = hub.audit.history(table_name="attendance")
    hub.registers.take.sign_out(cluster.sb("tom"), Collector("alone", "Tom"), at(17, 40))
    with counting(hub.engine) as again:
        longer = hub.audit.history(table_name="attendance")
    assert len(longer) > len(short) and again.count == one_kind.count
    with counting(hub.engine) as every_kind:
        assert len(hub.audit.history(limit=200)) > 40
    assert every_kind.count <= 12  # the entries, then one statement per kind of name


def test_fields_and_values_are_in_words() -> None:
    assert field_words("signed_out_at") == "signed out"
    assert field_words("fsm") == "free school meals"
    assert field_words("first_aid_expires") == "first aid expires"
    assert value_words("fsm", True) == "yes"
    assert value_words("price_pence", 750) == "£7.50"
    assert value_words("left_on", "2026-11-30") == "Mon 30 Nov 2026"
    assert value_words("signed_out_at", "2026-11-30T15:52:00") == "Mon 30 Nov 15:52"
    assert value_words("weekdays", "024") == "Mon, Wed, Fri"
