"""Retention: the preview lists exactly what the purge then does, the purge removes names but keeps
counts, its audit entry holds counts and no contents, and a purge that fails half-way (or meets
changed data) changes nothing."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text

from hubdesk.app import HubApp
from hubdesk.core.errors import Conflict
from hubdesk.core.models import AuditEntry, Base, Carer, Child, Referral
from hubdesk.services.admin import retention_steps
from hubdesk.services.people import CarerForm, CarerLink
from hubdesk.services.referrals import ReferralForm
from tests.conftest import child_form, frozen_clock


def snapshot(hub: HubApp) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, to tell whether anything at all changed."""
    with hub.engine.connect() as conn:
        return {t: sorted(map(tuple, conn.execute(text(f'SELECT * FROM "{t}"'))), key=repr)
                for t in Base.metadata.tables}


@pytest.fixture
def family(hub: HubApp, two_schools: dict[str, int]) -> dict[str, int]:
    """A child who left (with a carer of their own and a referral) and a child still on roll."""
    gone = hub.children.save(child_form(two_schools["oak"], upn="A123456789012",
                                        medical_notes="Asthma: blue inhaler"))
    stays = hub.children.save(child_form(two_schools["elm"], forename="Emre", surname="Kaya"))
    carer = hub.carers.save_link(gone, CarerLink(
        CarerForm(forename="Agnieszka", surname="Wiśniewska", phone_mobile="07700 900111"),
        collection_password="tiger42"))
    hub.carers.save_link(stays, CarerLink(CarerForm(forename="Ayşe", surname="Kaya")))
    category = hub.referrals.categories()[0].id
    hub.referrals.save(ReferralForm("camhs", category, "Mr Hale", date(2026, 11, 16), child_id=gone,
                                    notes="Worries about Łucja at home", contacted_on=date(2026, 11, 18)))
    hub.children.mark_left(gone, date(2026, 11, 20), hub.children.get(gone).row_version)
    hub.clock.frozen_at = frozen_clock(date(2030, 12, 2)).now()  # four years on
    return {"gone": gone, "stays": stays, "carer": carer, "oak": two_schools["oak"]}


def test_the_preview_and_the_purge_agree_and_names_go(hub: HubApp, family: dict[str, int]) -> None:
    plan = hub.retention.preview()
    counts = {c.key: c.count for c in plan.counts}
    assert counts["leavers"] == 1 and counts["lone_carers"] == 1
    assert "Anonymise Łucja Wiśniewska (Oakfield Primary, left 20/11/2026)" in plan.lines
    assert "Delete carer Agnieszka Wiśniewska (no children)" in plan.lines
    assert hub.retention.preview() == plan  # the preview changed nothing
    done = hub.retention.purge(plan)
    assert done.plan == plan and done.backup is not None and done.backup.exists()
    assert hub.retention.preview().total == 0  # nothing left to do
    with hub.factory() as s:
        child = s.get(Child, family["gone"])
        assert child is not None
        assert (child.forename, child.surname, child.upn, child.medical_notes) == (
            "Former pupil", f"#{family['gone']}", None, "")
        assert (child.school_site_id, child.year_group, child.date_of_birth) == (
            family["oak"], 3, date(2018, 12, 31))  # what counts need stays; the birthday goes
        assert s.get(Carer, family["carer"]) is None
        assert s.scalar(select(Referral.notes).where(Referral.child_id == family["gone"])) == ""
        assert s.scalar(select(func.count()).select_from(Child)) == 2  # counts kept
        history = json.dumps([e.changes for e in s.scalars(select(AuditEntry))], ensure_ascii=False)
        purge = s.scalars(select(AuditEntry).where(AuditEntry.table_name == "retention")).one()
    for secret in ("Asthma", "tiger42", "Łucja", "Agnieszka", "07700 900111"):
        assert secret not in history, secret
    assert purge.changes["rules"] == counts and purge.changes["total"] == plan.total
    assert hub.children.get(family["stays"]).forename == "Emre"  # on roll: untouched


def test_a_purge_failing_half_way_changes_nothing(hub: HubApp, family: dict[str, int],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(hub)

    def broken(*_args: object) -> retention_steps.StepResult:
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(retention_steps, "delete_old_registers", broken)  # after the first steps
    with pytest.raises(RuntimeError):
        hub.retention.purge()
    assert snapshot(hub) == before


def test_data_changed_since_the_preview_stops_the_purge(hub: HubApp, family: dict[str, int]) -> None:
    plan = hub.retention.preview()
    hub.carers.unlink(family["stays"], hub.carers.links(family["stays"])[0].carer.id or 0)
    hub.clock.frozen_at = hub.clock.now() + timedelta(days=400)  # that change is old enough now
    before = snapshot(hub)
    with pytest.raises(Conflict, match="changed since the preview"):
        hub.retention.purge(plan)
    assert snapshot(hub) == before


def test_the_demo_purge_four_years_on_matches_its_preview(demo_hub: HubApp) -> None:
    demo_hub.clock.frozen_at = frozen_clock(date(2030, 12, 2)).now()
    with demo_hub.factory() as s:
        attendance = s.scalar(text("SELECT count(*) FROM attendance"))
        audit = s.scalar(select(func.count()).select_from(AuditEntry))
    plan = demo_hub.retention.preview()
    counts = {c.key: c.count for c in plan.counts}
    assert counts["registers"] > 1000
    done = demo_hub.retention.purge(plan)
    assert done.plan == plan
    with demo_hub.factory() as s:
        assert s.scalar(text("SELECT count(*) FROM attendance")) == 0 < attendance
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audit + 1  # trimmed, kept
