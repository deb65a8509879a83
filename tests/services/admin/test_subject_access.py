"""Subject access: every table with a foreign key to children or carers is searched (found from the
models, so a new table is not forgotten), the counts match the database, and the zip is written
whole or not at all, readable by its owner only."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, or_, select

from hubdesk.app import HubApp
from hubdesk.core.errors import NotFound
from hubdesk.core.models import Base, ChildCarer, Referral
from hubdesk.reports import subject_access as report
from hubdesk.reports.subject_access import write_person_zip
from tests.reports.pdf_helpers import embedded_fonts, pages_text


def tables_referring_to(target: str) -> set[str]:
    """Worked out here independently of the service: each table with a column pointing at ``target``."""
    return {t.name for t in Base.metadata.tables.values()
            if any(fk.column.table.name == target for fk in t.foreign_keys)}


def richest(hub: HubApp, target: str) -> int:
    """The demo person mentioned in the most tables (so the export is checked on real variety)."""
    scores: dict[int, int] = {}
    with hub.factory() as s:
        for name in tables_referring_to(target):
            table = Base.metadata.tables[name]
            for column in [fk.parent for fk in table.foreign_keys if fk.column.table.name == target]:
                for (ident,) in s.execute(select(column).distinct().where(column.is_not(None))):
                    scores[ident] = scores.get(ident, 0) + 1
    return max(scores, key=lambda k: (scores[k], -k))


def direct_count(hub: HubApp, table_name: str, target: str, ident: int) -> int:
    table = Base.metadata.tables[table_name]
    columns = [fk.parent for fk in table.foreign_keys if fk.column.table.name == target]
    with hub.factory() as s:
        return s.scalar(select(func.count()).select_from(table)
                        .where(or_(*(c == ident for c in columns)))) or 0


def test_the_demo_childs_export_holds_every_table_that_mentions_children(
        demo_hub: HubApp, tmp_path: Path) -> None:
    child = richest(demo_hub, "children")
    records = demo_hub.subject_access.records("child", child)
    target = write_person_zip(records, tmp_path / "child")
    assert target.name == "child.zip"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with zipfile.ZipFile(target) as zf:
        assert sorted(zf.namelist()) == ["records.json", "records.pdf"]
        data = json.loads(zf.read("records.json"))
        (tmp_path / "records.pdf").write_bytes(zf.read("records.pdf"))
    wanted = tables_referring_to("children")
    assert {"referrals", "attendance", "incidents", "child_carers"} <= wanted
    assert wanted <= set(data["tables"])
    for name in wanted:
        assert len(data["tables"][name]) == direct_count(demo_hub, name, "children", child), name
    assert sum(1 for name in wanted if data["tables"][name]) >= 6
    assert data["tables"]["children"][0]["id"] == child
    with demo_hub.factory() as s:
        carers = s.scalar(select(func.count()).where(ChildCarer.child_id == child))
    assert len(data["tables"]["carers (contacts)"]) == carers
    text = "\n".join(pages_text(tmp_path / "records.pdf"))
    assert f"Everything held about {records.name}" in text and "Referrals — " in text
    assert all(embedded_fonts(tmp_path / "records.pdf").values())


def test_a_carers_export_holds_every_table_that_mentions_carers(demo_hub: HubApp) -> None:
    carer = richest(demo_hub, "carers")
    data = demo_hub.subject_access.records("carer", carer).as_json()
    wanted = tables_referring_to("carers")
    assert wanted <= set(data["tables"])
    for name in wanted:
        assert len(data["tables"][name]) == direct_count(demo_hub, name, "carers", carer), name
    assert data["tables"]["children (linked)"]
    # Between them, a child's and a carer's export cover every table that mentions either.
    child = demo_hub.subject_access.records("child", richest(demo_hub, "children")).as_json()
    assert (tables_referring_to("children") | wanted) <= set(data["tables"]) | set(child["tables"])


def test_a_new_table_pointing_at_children_would_be_searched() -> None:
    from hubdesk.services.admin.subject_access import referring_columns

    assert set(referring_columns("children")) == tables_referring_to("children")
    assert Referral.__tablename__ in referring_columns("carers")


def test_a_failed_export_leaves_no_file(demo_hub: HubApp, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    records = demo_hub.subject_access.records("child", richest(demo_hub, "children"))

    def broken(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report, "write_person_pdf", broken)
    out = tmp_path / "exports"
    out.mkdir()
    with pytest.raises(OSError):
        write_person_zip(records, out / "out.zip")
    assert list(out.iterdir()) == []


def test_unknown_people_get_a_sentence(demo_hub: HubApp) -> None:
    with pytest.raises(NotFound, match="No child has the UPN X000"):
        demo_hub.subject_access.child_by_upn("x000")
    with pytest.raises(NotFound, match="No carer has the number 999999"):
        demo_hub.subject_access.records("carer", 999999)

