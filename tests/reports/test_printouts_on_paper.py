"""Printouts read back as staff read them: no child's row split across pages, phone numbers whole,
the breakfast register without collection columns, and the fire register at a chosen moment with the
adults of the signing-in book."""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime, time
from pathlib import Path

import pytest

from hubdesk.app import HubApp
from hubdesk.core.errors import ValidationError
from hubdesk.reports.fire_register import write_fire_register
from hubdesk.reports.registers import write_registers
from hubdesk.services.learning.courses import CourseForm
from hubdesk.services.learning.creche import CrecheChildForm
from hubdesk.services.people.carers import CarerForm
from hubdesk.services.registers.queries import moment
from hubdesk.services.registers.sign_in import SignInForm
from tests.reports.pdf_helpers import pages_text
from tests.reports.test_register_pdfs import add_children, at
from tests.services.registers.registers_data import DAY, Cluster, build_cluster, frozen_now

__all__ = ["frozen_now"]
PHONE = re.compile(r"07\d{3}\s+\d{6}")


@pytest.fixture
def cluster(hub: HubApp, two_schools: dict[str, int], frozen_now: datetime) -> Cluster:
    return build_cluster(hub, two_schools, capacity=120)


def layout_pages(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out.split("\f")[:-1]


def first_row(page: str) -> str:
    """The first line after the table's header row."""
    lines = [x for x in page.splitlines() if x.strip()]
    header = next(i for i, x in enumerate(lines) if x.lstrip().startswith("Child"))
    return lines[header + 1].strip()


@pytest.mark.parametrize("blank", [False, True])
def test_no_row_splits_and_phones_stay_whole(hub: HubApp, cluster: Cluster, tmp_path: Path,
                                             blank: bool) -> None:
    add_children(hub, cluster, 90)
    out = tmp_path / "day.pdf"
    registers = hub.registers.take.day_registers(DAY)
    write_registers(registers, out, blank=blank)
    names = {line.name.split(" (")[0] for reg in registers for line in reg.lines}
    pages = layout_pages(out)
    assert len(pages) > 3
    for number, page in enumerate(pages, start=1):
        row = first_row(page)
        assert any(row[:12] == name[:12] for name in names), (number, row)
    phones = [p for reg in registers for line in reg.lines
              for p in PHONE.findall(line.emergency)]
    joined = " ".join(" ".join(pages).split())
    assert phones and all(" ".join(p.split()) in joined for p in phones)
    # a number cut across two lines of a cell would leave its first group alone on a line
    assert not re.search(r"07\d{3}\s*\n", "\n".join(pages))


def test_fire_register_at_a_moment_lists_signed_in_adults(hub: HubApp, cluster: Cluster,
                                                           tmp_path: Path) -> None:
    take, book = hub.registers.take, hub.registers.book
    take.sign_in(cluster.sb("lucja"), at(15, 20))
    visitor = book.sign_in(SignInForm(cluster.oak, "Priya Shah", "visitor", "Ofsted",
                                      "Grace Ndlovu", "kx21 abc", moment(DAY, at(15, 0).time())))
    gone = book.sign_in(SignInForm(cluster.oak, "Tom Fitter", "contractor", "Gas Co",
                                   at=moment(DAY, at(13, 0).time())))
    book.sign_out(gone.id, moment(DAY, at(14, 0).time()))
    assert visitor.car_registration == "KX21 ABC"
    roll = hub.registers.site.on_site(cluster.oak, moment(DAY, at(16, 15).time()))
    out = tmp_path / "fire.pdf"
    write_fire_register(roll, out)
    page = " ".join(" ".join(pages_text(out)).split())
    assert "Priya Shah" in page and "Ofsted" in page and "KX21 ABC" in page
    assert "Tom Fitter" not in page and "Wiśniewska, Łucja" in page
    early = hub.registers.site.on_site(cluster.oak, moment(DAY, at(13, 30).time()))
    assert [a.name for a in early.adults] == ["Tom Fitter"] and not early.children
    with pytest.raises(ValidationError, match="name of the person"):
        book.sign_in(SignInForm(cluster.oak, "  "))
    with pytest.raises(ValidationError, match="already"):
        book.sign_out(gone.id)


def test_creche_children_signed_in_are_on_the_fire_register(hub: HubApp, cluster: Cluster,
                                                            tmp_path: Path) -> None:
    course = hub.learning.courses.save(CourseForm(
        title="Cooking on a budget", kind="family_learning", site_id=cluster.oak,
        start_date=date(2026, 11, 3), end_date=date(2026, 12, 15), weekdays=(1,),
        start_time=time(15, 0), end_time=time(17, 0), capacity=8, tutor_name="Ann Cook",
        creche_places=4))
    mum = hub.learning.enrolments.enrol(course, new_adult=CarerForm("Ayşe", "Doğan",
                                                                    phone_mobile="07700 900321"),
                                        today=date(2026, 11, 1))
    carer = next(x.carer_id for x in hub.learning.enrolments.learners(course)
                 if x.enrolment_id == mum.enrolment_id)
    creche = hub.learning.creche
    baby = creche.save_child(CrecheChildForm("Defne", "Doğan", date(2025, 6, 1), carer,
                                             allergies="Egg"), today=date(2026, 11, 1))
    creche.book(course, baby, today=date(2026, 11, 1))
    session = next(x for x in hub.learning.courses.sessions(course) if x.day == DAY)
    creche.sign_in(session.id, baby, at=moment(DAY, at(15, 5).time()))
    roll = hub.registers.site.on_site(cluster.oak, moment(DAY, at(16, 15).time()))
    out = tmp_path / "fire.pdf"
    write_fire_register(roll, out)
    page = " ".join(" ".join(pages_text(out)).split())
    assert "Doğan, Defne" in page and "Crèche: Cooking on a budget" in page
    assert "⚠ ALLERGY: Egg" in page and "07700 900321" in page
    before = hub.registers.site.on_site(cluster.oak, moment(DAY, at(15, 0).time()))
    assert not any(c.name == "Doğan, Defne" for c in before.children)
