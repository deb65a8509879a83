"""The demo cluster: size, variety, determinism, calendars, and never touching real data."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hubdesk.app import HubApp, open_app
from hubdesk.cli import main
from hubdesk.core.calendar import bank_holiday
from hubdesk.core.errors import DomainError
from hubdesk.core.models import CalendarEntry, Child, ChildCarer, Site, Staff
from hubdesk.demo.families import upn
from hubdesk.demo.service import DemoService
from hubdesk.settings import Settings
from tests.conftest import DEMO_TODAY, child_form, frozen_clock


def _names_digest(app: HubApp) -> str:
    with app.factory() as s:
        rows = s.execute(select(Child.forename, Child.surname, Child.date_of_birth, Child.year_group)
                         .order_by(Child.id)).all()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_scale_one_has_eight_sites_2400_children_and_60_staff(demo_hub: HubApp) -> None:
    with demo_hub.factory() as s:
        assert s.scalar(select(func.count()).select_from(Site)) == 8
        assert 2300 <= (s.scalar(select(func.count()).select_from(Child)) or 0) <= 2500
        # 60 staff with hub email addresses; the rota step adds sessional play workers (no hub
        # email) where a school's clubs need more hands.
        assert 55 <= (s.scalar(select(func.count()).select_from(Staff).where(Staff.email != ""))
                      or 0) <= 65
        surnames = " ".join(s.scalars(select(Child.surname)))
        forenames = " ".join(s.scalars(select(Child.forename)))
        per_school = dict(s.execute(select(Child.school_site_id, func.count()).group_by(
            Child.school_site_id)).all())
    for mark in ("Ł", "ğ", "ş", "ă", "'", "-"):
        assert mark in surnames + forenames, mark
    assert len(per_school) == 7 and min(per_school.values()) >= 250


def test_siblings_share_carers(demo_hub: HubApp) -> None:
    with demo_hub.factory() as s:
        shared = s.scalar(select(func.count()).select_from(
            select(ChildCarer.carer_id).group_by(ChildCarer.carer_id)
            .having(func.count() > 1).subquery()))
    assert shared and shared > 300


def test_each_school_has_its_own_five_inset_days_on_weekdays(demo_hub: HubApp) -> None:
    with demo_hub.factory() as s:
        insets: dict[int, set[date]] = {}
        for entry in s.scalars(select(CalendarEntry).where(CalendarEntry.kind == "inset")):
            insets.setdefault(entry.site_id, set()).add(entry.start_date)
    assert len(insets) == 7
    assert all(len(days) == 5 for days in insets.values())
    assert all(d.weekday() < 5 and bank_holiday(d) is None for days in insets.values() for d in days)
    assert len({frozenset(days) for days in insets.values()}) > 1


def test_the_demo_school_year_is_about_190_pupil_days(demo_hub: HubApp) -> None:
    site = demo_hub.sites.list()[0]
    days = demo_hub.calendars.open_days(site.id or 0, date(2026, 9, 1), date(2027, 8, 31))
    assert 185 <= len(days) <= 195


def test_same_seed_same_cluster_other_seed_other_cluster(tmp_path: Path, demo_hub: HubApp) -> None:
    digests = []
    for seed in (1, 2):
        app = open_app(Settings(database=str(tmp_path / f"s{seed}.db"), data_dir=tmp_path,
                                backup_dir=tmp_path / "b", user="t"), create=True,
                       clock=frozen_clock(DEMO_TODAY))
        DemoService(app.factory, None, app.clock).build(seed=seed, today=DEMO_TODAY)
        digests.append(_names_digest(app))
        app.close()
    assert digests[0] == _names_digest(demo_hub)
    assert digests[1] != digests[0]


def test_refuses_a_database_with_real_records(hub: HubApp, two_schools: dict[str, int]) -> None:
    hub.children.save(child_form(two_schools["oak"]))
    with pytest.raises(DomainError, match="real records"):
        DemoService(hub.factory, None, hub.clock).build()
    assert len(hub.sites.list()) == 2


def test_refuses_to_build_twice(demo_hub: HubApp) -> None:
    with pytest.raises(DomainError, match="already holds the demo"):
        DemoService(demo_hub.factory, None, demo_hub.clock).build()


def test_bad_scale_is_refused(hub: HubApp) -> None:
    with pytest.raises(DomainError, match="between 1 and 50"):
        DemoService(hub.factory, None, hub.clock).build(scale=0)


def test_upn_check_letter() -> None:
    # The valid example UPN in python-stdnum's documentation (modulo-23 rule of the DfE standard).
    assert upn(801, 2000, 5, 1) == "B801200005001"


def test_command_builds_then_reuses_then_rebuilds(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                  ) -> None:
    db = str(tmp_path / "cli-demo.db")
    assert main(["demo", "--database", db, "--no-gui"]) == 0
    assert "Demo cluster built" in capsys.readouterr().out
    assert main(["demo", "--database", db, "--no-gui"]) == 0
    assert "already in" in capsys.readouterr().out
    assert main(["demo", "--database", db, "--no-gui", "--fresh", "--seed", "3"]) == 0
    assert "Demo cluster built" in capsys.readouterr().out
    assert main(["check", "--database", db]) == 0


def test_three_courses_one_with_a_creche_with_learners_and_registers(demo_hub: HubApp) -> None:
    from hubdesk.core.models import Course, CourseAttendance, CrecheBooking, Enrolment

    with demo_hub.factory() as s:
        courses = s.scalars(select(Course)).all()
        assert len(courses) == 3
        assert sum(c.creche_places > 0 for c in courses) == 1
        assert (s.scalar(select(func.count()).select_from(Enrolment)) or 0) >= 25
        assert (s.scalar(select(func.count()).select_from(CourseAttendance)) or 0) > 50
        assert (s.scalar(select(func.count()).select_from(CrecheBooking)) or 0) == 5
    assert len(demo_hub.learning.courses.list()) == 3
