"""Every audit entry names its record, including the entry of a record's own creation."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from hubdesk.app import HubApp
from hubdesk.core.models import AuditEntry
from hubdesk.services.clubs.booking_plan import BookingRequest
from tests.services.clubs.club_setup import carer_for, child, club, freeze


def test_new_records_are_audited_with_their_id_and_a_child_sees_their_creation(
        hub: HubApp, two_schools: dict[str, int]) -> None:
    freeze(hub)
    oak = two_schools["oak"]
    ella = child(hub, oak, forename="Ella", surname="Ng")
    sam = child(hub, oak, forename="Sam", surname="Ng", date_of_birth=date(2019, 2, 1))
    carer_for(hub, [ella, sam])
    cooking = club(hub, oak, name="Cooking", capacity=1)
    hub.bookings.confirm(BookingRequest(sam, cooking, date(2026, 9, 14)))
    hub.bookings.confirm(BookingRequest(ella, cooking, date(2026, 9, 14)), waiting_list=True)
    with hub.factory() as s:
        inserts = s.execute(select(AuditEntry.table_name, AuditEntry.record_id)
                            .where(AuditEntry.action == "insert")).all()
    tables = {table for table, _ in inserts}
    assert {"children", "carers", "child_carers", "bookings", "session_bookings",
            "waiting_list"} <= tables
    assert [(t, r) for t, r in inserts if not r] == []
    history = hub.audit.history(child_id=ella)
    assert any(line.action == "insert" and line.record == f"children {ella}" for line in history)
