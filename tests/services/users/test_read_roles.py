"""The head reads everything and changes only the rota and the overview; the driver reads run
sheets and changes nothing. Services refuse their writes with the role's sentence."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hubdesk.app import HubApp
from hubdesk.services.base import PermissionRefused
from hubdesk.services.minibus.vehicles import VehicleForm
from hubdesk.services.money.dto import PaymentForm
from tests.conftest import DEMO_TODAY, sign_in_as


def _refused(role: str, what: str) -> str:
    return f"Your role, {role}, does not allow working with {what}"


def test_the_head_reads_but_may_not_change_children_bookings_or_money(demo_hub: HubApp) -> None:
    child = demo_hub.children.search(limit=1)[0].id
    sign_in_as(demo_hub, "head")
    assert demo_hub.children.search(limit=5)  # reading is allowed
    assert not any(row.has_medical for row in demo_hub.children.search(limit=500))
    assert demo_hub.audit.history(limit=5)  # so is the history
    with pytest.raises(PermissionRefused, match=_refused("head", "children and families")):
        demo_hub.children.mark_left(child, None)
    with pytest.raises(PermissionRefused, match=_refused("head", "clubs, sessions, bookings")):
        demo_hub.bookings.cancel(1)
    with pytest.raises(PermissionRefused, match=_refused("head", "prices, charges, payments")):
        demo_hub.money.payments.record(PaymentForm(child, "cash", 500, DEMO_TODAY))
    with pytest.raises(PermissionRefused, match=_refused("head", "vehicles, runs")):
        demo_hub.minibus.vehicles.save(VehicleForm("HD12 ABC", 16))


def test_the_driver_prints_run_sheets_but_may_not_change_runs(demo_hub: HubApp) -> None:
    actor = sign_in_as(demo_hub, "driver")
    assert not actor.may("minibus") and actor.may("minibus.run_sheets")
    sheets = demo_hub.minibus.sheets.run_sheets(DEMO_TODAY)
    assert sheets
    with pytest.raises(PermissionRefused, match=_refused("driver", "vehicles, runs")):
        demo_hub.minibus.vehicles.save(VehicleForm("DR12 ABC", 16))


def _creche_child_with_allergy(app: HubApp) -> int:
    """A course whose crèche has a child, given an allergy by the administrator: its id."""
    for course in app.learning.courses.list():
        booked = {row.creche_child_id for row in app.learning.creche.bookings(course.id)}
        for learner in app.learning.enrolments.learners(course.id):
            for form in app.learning.creche.children_of(learner.carer_id):
                if form.id in booked:
                    app.learning.creche.save_child(replace(form, allergies="peanuts, EpiPen"))
                    return course.id
    raise AssertionError("the demo has a crèche child")


def test_the_creche_register_has_no_medical_words_without_medical_details(
        demo_hub: HubApp) -> None:
    course = _creche_child_with_allergy(demo_hub)
    assert any("EpiPen" in line.medical
               for line in demo_hub.learning.reports.register_sheet(course).creche)
    sign_in_as(demo_hub, "head")
    sheet = demo_hub.learning.reports.register_sheet(course)
    assert sheet.creche and not any(line.medical or line.must_act for line in sheet.creche)
    for session in demo_hub.learning.creche.sessions(course):
        assert not any(line.medical for line in demo_hub.learning.creche.register(session.session_id))
    assert not any(row.allergies or row.medical_notes
                   for row in demo_hub.learning.creche.bookings(course))
