"""Referrals and signposting: the due date on the school's calendar, the overdue list, the counts
without names, the audit of every change, and the sentences bad input gets."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import select

from hubdesk.app import HubApp
from hubdesk.core.errors import ValidationError
from hubdesk.core.models import AuditEntry
from hubdesk.services.base import PermissionRefused
from hubdesk.services.people import CarerForm, CarerLink
from hubdesk.services.referrals import ReferralFilter, ReferralForm, due_date, term_of
from tests.conftest import child_form, sign_in_as
from tests.statements import counting


def _form(hub: HubApp, child_id: int | None = None, **values: object) -> ReferralForm:
    category = hub.referrals.categories()[0].id
    base: dict[str, object] = {"service": "speech_language", "category_id": category,
                               "made_by": "Mrs Patel (SENCo)", "made_on": date(2026, 11, 16),
                               "child_id": child_id, "consent_by": "Mother"}
    base.update(values)
    return ReferralForm(**base)  # type: ignore[arg-type]


def test_the_due_date_counts_school_days_on_the_childs_own_calendar(
        hub: HubApp, two_schools: dict[str, int]) -> None:
    oak = hub.children.save(child_form(two_schools["oak"]))
    elm = hub.children.save(child_form(two_schools["elm"], upn="A123456789012"))
    a = hub.referrals.save(_form(hub, oak, made_on=date(2026, 11, 23)))
    b = hub.referrals.save(_form(hub, elm, made_on=date(2026, 11, 23)))
    rows = {r.id: r for r in hub.referrals.search()}
    assert rows[a].due_on == date(2026, 11, 30)
    assert rows[b].due_on == date(2026, 12, 1)  # Elm Street's INSET day on Friday is not counted
    assert due_date(date(2026, 10, 23), 1, None) == date(2026, 10, 26)  # no calendar: weekdays


def test_overdue_means_open_not_contacted_and_past_due(hub: HubApp,
                                                       two_schools: dict[str, int]) -> None:
    child = hub.children.save(child_form(two_schools["oak"]))
    late = hub.referrals.save(_form(hub, child))  # made 16/11, due 23/11, today 24/11
    contacted = hub.referrals.save(_form(hub, child, contacted_on=date(2026, 11, 20)))
    closed = hub.referrals.save(_form(hub, child, closed_on=date(2026, 11, 20), outcome="Declined"))
    signposted = hub.referrals.save(_form(hub, child, kind="signposting"))
    assert [r.id for r in hub.referrals.overdue()] == [late]
    states = {r.id: r.state for r in hub.referrals.search()}
    assert states == {late: "Overdue", contacted: "Family contacted", closed: "Closed",
                      signposted: "Signposted"}
    assert hub.referrals.set_target_days(10) == 2  # the open referrals' due dates move on
    assert hub.referrals.overdue() == []
    assert {r.id: r.due_on for r in hub.referrals.search()}[closed] == date(2026, 11, 23)  # closed: kept


def test_a_family_referral_counts_at_the_eldest_childs_school(hub: HubApp,
                                                               two_schools: dict[str, int]) -> None:
    child = hub.children.save(child_form(two_schools["elm"]))
    carer = hub.carers.save_link(child, CarerLink(CarerForm(forename="Ama", surname="Owusu")))
    made = hub.referrals.save(_form(hub, None, carer_id=carer, service="early_help"))
    [row] = hub.referrals.search(ReferralFilter(carer_id=carer))
    assert (row.id, row.person, row.school) == (made, "Family of Ama Owusu", "Elm Street Primary")
    assert hub.referrals.search(ReferralFilter(school_id=two_schools["oak"])) == []


def test_counts_per_school_service_and_term_hold_no_names(hub: HubApp,
                                                          two_schools: dict[str, int]) -> None:
    child = hub.children.save(child_form(two_schools["oak"]))
    for made, kind in ((date(2026, 9, 10), "referral"), (date(2026, 11, 16), "referral"),
                       (date(2026, 11, 17), "signposting")):
        hub.referrals.save(_form(hub, child, made_on=made, kind=kind))
    hub.referrals.save(_form(hub, child, service="camhs"))
    counts = hub.referrals.referral_counts(date(2026, 9, 1), date(2026, 12, 31))
    assert [(c.school, c.service, c.term, c.referrals, c.signposted) for c in counts] == [
        ("Oakfield Primary", "CAMHS", "Autumn 2026", 1, 0),
        ("Oakfield Primary", "Speech and language therapy", "Autumn 2026", 2, 1)]
    assert "Wiśniewska" not in repr(counts)
    assert term_of(date(2027, 2, 1)) == "Spring 2027" and term_of(date(2027, 6, 1)) == "Summer 2027"


def test_every_change_is_audited_and_nothing_is_deleted(hub: HubApp,
                                                        two_schools: dict[str, int]) -> None:
    child = hub.children.save(child_form(two_schools["oak"]))
    made = hub.referrals.save(_form(hub, child))
    hub.referrals.save(dataclasses.replace(hub.referrals.get(made), closed_on=date(2026, 11, 24),
                                           outcome="Made in error"))
    with hub.factory() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.table_name == "referrals")
                            .order_by(AuditEntry.id)).all()
    assert actions == ["insert", "update"]
    assert not hasattr(hub.referrals, "delete")
    assert hub.referrals.search()[0].state == "Closed"


@pytest.mark.parametrize(("values", "field", "words"), [
    ({"child_id": None}, "person", "Choose the child"),
    ({"service": "bogus"}, "service", "Choose the service"),
    ({"service": "local_provider"}, "provider", "Name the local provider"),
    ({"made_by": " "}, "made_by", "who made"),
    ({"contacted_on": date(2026, 11, 2)}, "contacted_on", "before the referral was made"),
    ({"acknowledged_on": date(2026, 12, 2)}, "acknowledged_on", "in the future"),
    ({"closed_on": date(2026, 11, 20)}, "outcome", "outcome"),
    ({"kind": "signposting", "contacted_on": date(2026, 11, 20)}, "contacted_on", "signposting"),
])
def test_bad_input_gets_a_sentence_naming_the_field(hub: HubApp, two_schools: dict[str, int],
                                                    values: dict[str, object], field: str,
                                                    words: str) -> None:
    child = hub.children.save(child_form(two_schools["oak"]))
    with pytest.raises(ValidationError) as caught:
        hub.referrals.save(dataclasses.replace(_form(hub, child), **values))  # type: ignore[arg-type]
    assert caught.value.field == field and words in str(caught.value)
    assert hub.referrals.search() == []


def test_the_list_costs_the_same_few_statements_for_many_rows(hub: HubApp,
                                                              two_schools: dict[str, int]) -> None:
    child = hub.children.save(child_form(two_schools["oak"]))
    hub.referrals.save(_form(hub, child))
    with counting(hub.engine) as one:
        hub.referrals.search()
    for _ in range(20):
        hub.referrals.save(_form(hub, child))
    with counting(hub.engine) as many:
        assert len(hub.referrals.search()) == 21
    assert many.count == one.count <= 6


def test_opening_a_referral_is_logged_and_only_its_roles_may(hub: HubApp,
                                                             two_schools: dict[str, int]) -> None:
    child = hub.children.save(child_form(two_schools["oak"]))
    made = hub.referrals.save(_form(hub, child))
    sign_in_as(hub, "safeguarding", "Sue Lead")
    hub.referrals.get(made)
    with hub.factory() as s:
        opened = s.execute(select(AuditEntry.user, AuditEntry.changes).where(
            AuditEntry.table_name == "referrals", AuditEntry.action == "event")).all()
    assert opened == [("Sue Lead", {"opened": [None, "referral"]})]
    sign_in_as(hub, "office", "Olly Office")
    with pytest.raises(PermissionRefused, match="referrals"):
        hub.referrals.get(made)
    assert hub.audit.history(table_name="referrals") == []  # History hides them from the office
