"""Children and carers through the services: validation, search, families, never deleted."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from hubdesk.app import HubApp
from hubdesk.core.errors import Conflict, NotFound, ValidationError
from hubdesk.core.models import Carer
from hubdesk.services.people.carers import CarerForm, CarerLink
from tests.conftest import child_form


def test_search_folds_accents_and_matches_every_word(hub: HubApp,
                                                     two_schools: dict[str, int]) -> None:
    hub.children.save(child_form(two_schools["oak"]))
    hub.children.save(child_form(two_schools["elm"], forename="Şükrü", surname="Öztürk",
                                 year_group=5))
    hub.children.save(child_form(two_schools["elm"], forename="Aoife", surname="O'Neill-Brennan",
                                 year_group=0, date_of_birth=date(2021, 10, 1)))
    assert [r.name for r in hub.children.search("lucja wisn")] == ["Wiśniewska, Łucja"]
    assert [r.name for r in hub.children.search("OZTURK")] == ["Öztürk, Şükrü"]
    assert [r.name for r in hub.children.search("o'neill")] == ["O'Neill-Brennan, Aoife"]
    assert hub.children.count(school_id=two_schools["elm"]) == 2
    assert [r.year for r in hub.children.search(year_group=0)] == ["Reception"]
    assert hub.children.search("%") == []


def test_paging_is_stable_and_complete(hub: HubApp, two_schools: dict[str, int]) -> None:
    for n in range(45):
        hub.children.save(child_form(two_schools["oak"], forename=f"Child{n:02d}", surname="Page"))
    pages = [hub.children.search("page", offset=o, limit=10) for o in range(0, 50, 10)]
    ids = [row.id for page in pages for row in page]
    assert len(ids) == 45 == len(set(ids))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"forename": "  "}, "forename"),
        ({"date_of_birth": date(2099, 1, 1)}, "date_of_birth"),
        ({"date_of_birth": date(1990, 1, 1)}, "date_of_birth"),
        ({"year_group": 9}, "year_group"),
        ({"upn": "12345"}, "upn"),
    ],
)
def test_bad_child_input_names_the_field_and_saves_nothing(
        hub: HubApp, two_schools: dict[str, int], change: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        hub.children.save(child_form(two_schools["oak"], **change))
    assert err.value.field == field
    assert hub.children.count() == 0


def test_duplicate_upn_is_a_clear_conflict(hub: HubApp, two_schools: dict[str, int]) -> None:
    hub.children.save(child_form(two_schools["oak"], upn="A123456789012"))
    with pytest.raises(Exception, match="already has this UPN"):
        hub.children.save(child_form(two_schools["oak"], forename="Other", upn="a123456789012"))


def test_children_leave_but_are_never_deleted(hub: HubApp, two_schools: dict[str, int]) -> None:
    child_id = hub.children.save(child_form(two_schools["oak"]))
    hub.children.mark_left(child_id, date(2026, 7, 22))
    assert hub.children.count() == 0
    assert hub.children.count(include_left=True) == 1
    assert hub.children.get(child_id).left_on == date(2026, 7, 22)


def test_siblings_share_one_carer(hub: HubApp, two_schools: dict[str, int]) -> None:
    older = hub.children.save(child_form(two_schools["oak"], forename="Zeynep", surname="Kaya"))
    younger = hub.children.save(child_form(two_schools["elm"], forename="Emre", surname="Kaya",
                                           year_group=1, date_of_birth=date(2020, 2, 2)))
    mum = CarerLink(CarerForm(forename="Ayşe", surname="Kaya", phone_mobile="07700 900456"),
                    relationship="Mother", parental_responsibility=True, can_collect=True,
                    collection_password="tulip", emergency_priority=1)
    carer_id = hub.carers.save_link(older, mum)
    found = hub.carers.find("ayse kaya")
    assert [c.id for c in found] == [carer_id]
    hub.carers.save_link(younger, replace(mum, carer=found[0]))
    with hub.factory() as s:
        assert s.scalar(select(func.count()).select_from(Carer)) == 1
    family = hub.carers.family(younger)
    assert {m.name for m in family} == {"Kaya, Zeynep", "Kaya, Emre"}
    hub.carers.unlink(younger, carer_id)
    assert hub.carers.links(younger) == []
    assert hub.carers.links(older)[0].collection_password == "tulip"


def test_carer_cannot_both_collect_and_be_barred(hub: HubApp, two_schools: dict[str, int]) -> None:
    child = hub.children.save(child_form(two_schools["oak"]))
    bad = CarerLink(CarerForm(forename="Dan", surname="Smith"), can_collect=True,
                    must_not_collect=True)
    with pytest.raises(ValidationError, match="cannot both"):
        hub.carers.save_link(child, bad)


def test_missing_child_is_not_found(hub: HubApp) -> None:
    with pytest.raises(NotFound):
        hub.children.get(999)


def test_list_rows_carry_class_and_short_funding_codes(hub: HubApp,
                                                       two_schools: dict[str, int]) -> None:
    hub.children.save(child_form(two_schools["oak"], class_name="Willow", fsm=True, sen_level="support",
                                 looked_after=True, allergies="Peanuts"))
    hub.children.save(child_form(two_schools["oak"], forename="Ana", class_name="Oak"))
    rows = {r.name: r for r in hub.children.search()}
    lucja = rows["Wiśniewska, Łucja"]
    assert (lucja.class_name, lucja.codes, lucja.has_medical) == ("Willow", "FSM SEND LAC", True)
    assert (rows["Wiśniewska, Ana"].codes, rows["Wiśniewska, Ana"].has_medical) == ("", False)


def test_marking_left_can_be_undone_and_checks_the_version(hub: HubApp,
                                                           two_schools: dict[str, int]) -> None:
    child_id = hub.children.save(child_form(two_schools["oak"]))
    version = hub.children.get(child_id).row_version
    assert version is not None
    with pytest.raises(ValidationError) as err:
        hub.children.mark_left(child_id, date(2017, 1, 1))
    assert err.value.field == "left_on"
    new_version = hub.children.mark_left(child_id, date(2026, 7, 22), row_version=version)
    assert new_version == version + 1
    assert hub.children.search(include_left=True)[0].left_on == date(2026, 7, 22)
    with pytest.raises(Conflict):
        hub.children.mark_left(child_id, None, row_version=version)
    hub.children.mark_left(child_id, None, row_version=new_version)
    assert hub.children.count() == 1 and hub.children.get(child_id).left_on is None


def test_stale_edit_is_refused_and_keeps_the_other_change(hub: HubApp,
                                                          two_schools: dict[str, int]) -> None:
    child_id = hub.children.save(child_form(two_schools["oak"]))
    mine = hub.children.get(child_id)
    hub.children.save(replace(hub.children.get(child_id), class_name="Willow"))
    with pytest.raises(Conflict, match="Someone else"):
        hub.children.save(replace(mine, class_name="Rowan"))
    assert hub.children.get(child_id).class_name == "Willow"


def test_carer_matches_name_their_children(hub: HubApp, two_schools: dict[str, int]) -> None:
    zeynep = hub.children.save(child_form(two_schools["oak"], forename="Zeynep", surname="Kaya"))
    emre = hub.children.save(child_form(two_schools["elm"], forename="Emre", surname="Kaya",
                                        date_of_birth=date(2020, 2, 2), year_group=1))
    mum = CarerLink(CarerForm(forename="Ayşe", surname="Kaya"), relationship="Mother")
    carer_id = hub.carers.save_link(zeynep, mum)
    hub.carers.save_link(emre, replace(mum, carer=replace(mum.carer, id=carer_id)))
    hub.carers.save_link(emre, CarerLink(CarerForm(forename="Ayşe", surname="Kayaoğlu")))
    matches = hub.carers.find_matches("ayse kaya")
    assert [(m.carer.surname, m.children) for m in matches] == [
        ("Kaya", ("Kaya, Zeynep", "Kaya, Emre")), ("Kayaoğlu", ("Kaya, Emre",))]
    assert hub.carers.find_matches("  ") == []
