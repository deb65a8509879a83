"""Text longer than its column is refused with the field named, on SQLite (which would keep it)
and on PostgreSQL (which refuses it); tests/postgres runs these again on a server."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import func, select

from hubdesk.app import HubApp
from hubdesk.core.errors import ValidationError
from hubdesk.core.models import Carer, Child, CrecheChild
from hubdesk.services.learning.creche import CrecheChildForm
from hubdesk.services.people.carers import CarerForm, CarerLink
from tests.conftest import child_form

LONG = "Ł" * 401


def _counts(hub: HubApp) -> tuple[int, int, int]:
    with hub.factory() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) or 0  # type: ignore[return-value]
                     for m in (Child, Carer, CrecheChild))


@pytest.mark.parametrize("field", ["forename", "surname", "preferred_forename", "mis_id",
                                   "class_name", "lives_with", "gp_details", "tfc_reference"])
def test_child_text_too_long(hub: HubApp, two_schools: dict[str, int], field: str) -> None:
    with pytest.raises(ValidationError, match="can be at most") as err:
        hub.children.save(child_form(two_schools["oak"], **{field: LONG}))
    assert err.value.field == field and _counts(hub) == (0, 0, 0)
    notes = child_form(two_schools["oak"], medical_notes=LONG, allergies=LONG)  # free text: kept
    assert hub.children.get(hub.children.save(notes)).medical_notes == LONG


def test_child_at_the_limit_is_kept(hub: HubApp, two_schools: dict[str, int]) -> None:
    child_id = hub.children.save(child_form(two_schools["oak"], surname="Ż" * 100,
                                            class_name="  " + "K" * 40 + "  "))
    assert hub.children.get(child_id).surname == "Ż" * 100


@pytest.mark.parametrize("field", ["title", "forename", "phone_mobile", "address", "postcode"])
def test_carer_text_too_long(hub: HubApp, two_schools: dict[str, int], field: str) -> None:
    child_id = hub.children.save(child_form(two_schools["oak"]))
    form = dataclasses.replace(CarerForm("Anna", "Wiśniewska"), **{field: LONG})
    with pytest.raises(ValidationError, match="can be at most") as err:
        hub.carers.save_link(child_id, CarerLink(form, "Mother"))
    assert err.value.field == field and _counts(hub) == (1, 0, 0)


@pytest.mark.parametrize("field", ["relationship", "collection_password"])
def test_link_text_too_long(hub: HubApp, two_schools: dict[str, int], field: str) -> None:
    child_id = hub.children.save(child_form(two_schools["oak"]))
    link = dataclasses.replace(CarerLink(CarerForm("Anna", "Wiśniewska"), "Mother"), **{field: LONG})
    with pytest.raises(ValidationError, match="can be at most") as err:
        hub.carers.save_link(child_id, link)
    assert err.value.field == field and _counts(hub) == (1, 0, 0)


def test_creche_child_name_too_long(hub: HubApp, two_schools: dict[str, int]) -> None:
    child_id = hub.children.save(child_form(two_schools["oak"]))
    carer = hub.carers.save_link(child_id, CarerLink(CarerForm("Anna", "Wiśniewska"), "Mother"))
    with pytest.raises(ValidationError, match="forename can be at most 100") as err:
        hub.learning.creche.save_child(CrecheChildForm(LONG, "Wiśniewska", date(2024, 5, 1), carer),
                                       today=date(2026, 11, 24))
    assert err.value.field == "forename" and _counts(hub) == (1, 1, 0)
