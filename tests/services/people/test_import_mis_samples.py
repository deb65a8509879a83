"""The sample SIMS, Arbor and Bromcom exports in resources/demo import into the demo cluster as they
are: no rejected rows, levels and flags stored, carers joined, and a second import changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from hubdesk.app import HubApp
from hubdesk.core.models import Child, ChildCarer
from hubdesk.services.people.import_children import ImportOptions

DEMO = Path(__file__).resolve().parents[3] / "hubdesk" / "resources" / "demo"
if not DEMO.exists():
    DEMO = Path(__file__).resolve().parents[3] / "resources" / "demo"


def school_id(hub: HubApp, name: str) -> int:
    return next(s.id for s in hub.sites.list() if s.name == name)


def sims(hub: HubApp) -> tuple[Path, ImportOptions]:
    return DEMO / "sims-pupils.csv", ImportOptions(
        school_site_id=school_id(hub, "Ashworth Hub Primary School"),
        contacts_path=str(DEMO / "sims-contacts.csv"))


def arbor(hub: HubApp) -> tuple[Path, ImportOptions]:
    return DEMO / "arbor-pupils.csv", ImportOptions(contacts_path=str(DEMO / "arbor-contacts.csv"))


def bromcom(hub: HubApp) -> tuple[Path, ImportOptions]:
    return DEMO / "bromcom-students.xlsx", ImportOptions()


def stored(hub: HubApp, upn: str) -> Child:
    with hub.factory() as s:
        child = s.scalars(select(Child).where(Child.upn == upn)).one()
        s.expunge(child)
        return child


def carers_of(hub: HubApp, upn: str) -> list[tuple[str, str, int | None]]:
    with hub.factory() as s:
        links = s.scalars(select(ChildCarer).join(Child).where(Child.upn == upn)).all()
        return sorted((lk.carer.forename, lk.relationship_, lk.emergency_priority) for lk in links)


@pytest.mark.parametrize("sample", [sims, arbor, bromcom], ids=["sims", "arbor", "bromcom"])
def test_each_sample_imports_with_no_rejected_rows_and_again_changes_nothing(
        demo_hub: HubApp, sample: object) -> None:
    path, options = sample(demo_hub)  # type: ignore[operator]
    preview = demo_hub.imports.preview(path, options)
    assert preview.rejected == [] and preview.unknown_values == ()
    assert preview.added and not preview.updated
    result = demo_hub.imports.apply(path, options=options)
    assert result.added == len(preview.added) and result.skipped == 0
    again = demo_hub.imports.preview(path, options)
    assert (len(again.added), len(again.updated), len(again.rejected)) == (0, 0, 0)
    assert len(again.unchanged) == len(preview.added)
    assert demo_hub.imports.apply(path, options=options).new_carers == 0


def test_the_sims_file_of_the_issue_stores_levels_and_flags(demo_hub: HubApp) -> None:
    path, options = sims(demo_hub)
    preview = demo_hub.imports.preview(path, options)
    assert "SEN Status → SEN level: 'K - SEN Support' = SEN support (1 row)" in preview.understood
    assert preview.notes == ("1 pupil(s) are in Nursery (N1/N2): they are imported, and clubs that "
                             "start at Reception will not take their bookings.",)
    demo_hub.imports.apply(path, options=options)
    zofia = stored(demo_hub, "T999210101001")
    assert (zofia.sen_level, zofia.pupil_premium, zofia.eal, zofia.looked_after) == (
        "support", True, "other", False)
    assert (zofia.preferred_forename, zofia.mis_id, zofia.class_name) == ("Zosia", "001204", "3K")
    assert stored(demo_hub, "T999210101003").sen_level == "ehcp"
    assert stored(demo_hub, "T999210101005").sen_level == "ehcp"  # a statement is kept as a plan
    assert stored(demo_hub, "T999210101005").looked_after is True
    assert stored(demo_hub, "T999210101006").eal == "believed_english"
    assert stored(demo_hub, "T999210101007").year_group == -1
    assert carers_of(demo_hub, "T999210101001") == [("Ewa", "Mother", 1), ("Piotr", "Father", 2)]
    # Zofia's and Adam's mother is one carer, linked to both.
    with demo_hub.factory() as s:
        ewa = s.scalars(select(ChildCarer).join(Child).where(Child.upn.in_(
            ["T999210101001", "T999210101002"]))).all()
        assert len({lk.carer_id for lk in ewa if lk.carer.forename == "Ewa"}) == 1


def test_the_arbor_file_keeps_fsm_ever6_language_and_phones_by_type(demo_hub: HubApp) -> None:
    path, options = arbor(demo_hub)
    demo_hub.imports.apply(path, options=options)
    maja = stored(demo_hub, "T999220401001")
    assert (maja.fsm, maja.fsm_ever6, maja.eal, maja.first_language) == (True, True, "other", "Polish")
    amelia = stored(demo_hub, "T999220401003")
    assert (amelia.fsm, amelia.fsm_ever6, amelia.previously_looked_after, amelia.sen_level) == (
        False, True, True, "ehcp")
    assert stored(demo_hub, "T999220401004").service_child is True
    with demo_hub.factory() as s:
        link = s.scalars(select(ChildCarer).join(Child).where(Child.upn == "T999220401001")).one()
        assert (link.carer.title, link.carer.surname) == ("Mrs", "Nowak")
        assert (link.carer.phone_mobile, link.carer.phone_home) == ("07700 900301", "01254 960301")
        assert link.lives_with and link.parental_responsibility


def test_the_bromcom_workbook_reads_serial_dates_and_census_codes(demo_hub: HubApp) -> None:
    path, options = bromcom(demo_hub)
    demo_hub.imports.apply(path, options=options)
    chidi = stored(demo_hub, "T999230701001")
    assert (str(chidi.date_of_birth), chidi.year_group, chidi.eal, chidi.sen_level) == (
        "2017-10-03", 4, "believed_other", "support")
    assert stored(demo_hub, "T999230701003").service_child is True
    assert carers_of(demo_hub, "T999230701001") == [("Emeka", "Father", 2), ("Ngozi", "Mother", 1)]
