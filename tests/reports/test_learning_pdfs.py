"""Parent-learning PDFs read back: certificates, the course register, the term summary, and
``hubdesk print`` for each."""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime, time
from pathlib import Path

import pytest

from hubdesk.app import HubApp
from hubdesk.cli import main
from hubdesk.reports.certificates import write_certificates
from hubdesk.reports.course_register import PER_GROUP, write_course_register
from hubdesk.reports.course_summary import write_course_summary
from hubdesk.services.learning.courses import CourseForm
from hubdesk.services.learning.creche import CrecheChildForm
from hubdesk.services.learning.enrolments import Mark
from hubdesk.services.people.carers import CarerForm
from hubdesk.services.people.staff import StaffForm
from tests.reports.pdf_helpers import embedded_fonts, pages_text

LEARNERS = [("Łucja", "Wiśniewska"), ("Ayşe", "Doğan"), ("Aoife", "O'Neill-Brennan"),
            ("Tom <b>", "& Jerry"), ("Ştefan", "Mărculescu")]
TODAY = date(2026, 11, 24)


def _course(hub: HubApp, site: int, **overrides: object) -> int:
    tutor = hub.staff.save(StaffForm("Grażyna", "Kowalczyk", "tutor"))
    values: dict[str, object] = {
        "title": "Family English", "kind": "english", "site_id": site,
        "start_date": date(2026, 9, 7), "end_date": date(2026, 11, 20), "weekdays": (1,),
        "start_time": time(9, 15), "end_time": time(11, 45), "capacity": 12,
        "tutor_staff_id": tutor, "provider": "Oakfield Family Hub",
    }
    values.update(overrides)
    return hub.learning.courses.save(CourseForm(**values))  # type: ignore[arg-type]


def _enrol_all(hub: HubApp, course_id: int) -> list[int]:
    return [hub.learning.enrolments.enrol(
        course_id, new_adult=CarerForm(f, s, email=f"learner{n}@example.org"),
        today=date(2026, 9, 1)).enrolment_id for n, (f, s) in enumerate(LEARNERS)]


def test_certificates_one_page_per_completer(hub: HubApp, two_schools: dict[str, int],
                                             tmp_path: Path) -> None:
    course_id = _course(hub, two_schools["oak"])
    enrolments = _enrol_all(hub, course_id)
    for e in enrolments[:4]:
        hub.learning.enrolments.set_completed(e, True, on=date(2026, 11, 17))
    out = tmp_path / "certs.pdf"
    write_certificates(hub.learning.reports.certificates(course_id), out)
    pages = pages_text(out)
    assert len(pages) == 4
    names = ["Łucja Wiśniewska", "Ayşe Doğan", "Aoife O'Neill-Brennan", "Tom <b> & Jerry"]
    for name in names:
        assert sum(name in page for page in pages) == 1, name
    assert not any("Mărculescu" in page for page in pages)  # did not complete
    for page in pages:
        flat = " ".join(page.split())
        assert "Certificate of Achievement" in flat
        assert "Family English" in flat and "Oakfield Family Hub" in flat
        assert "25 hours" in flat  # 10 sessions of 2.5 hours
        # the real sessions (Tuesdays), not the span the course was planned over; no "to"
        assert "8 September 2026 – 17 November 2026" in flat and "2026 to" not in flat
        assert "Tutor: Grażyna Kowalczyk" in flat and "Date: 17 November 2026" in flat
        assert "Page" not in flat
    fonts = embedded_fonts(out)
    assert fonts and all(fonts.values()) and all("DejaVu" in f for f in fonts)


def test_a_very_long_name_still_fits_one_page(hub: HubApp, two_schools: dict[str, int],
                                              tmp_path: Path) -> None:
    course_id = _course(hub, two_schools["oak"], title="Family English " + "and maths " * 12)
    long_name = CarerForm("Maria-Fernanda Guadalupe Łucja", "Wiśniewska-Doğan-O'Neill-Mărculescu",
                          email="m@example.org")
    e = hub.learning.enrolments.enrol(course_id, new_adult=long_name, today=date(2026, 9, 1))
    hub.learning.enrolments.set_completed(e.enrolment_id, True, on=TODAY)
    out = tmp_path / "long.pdf"
    write_certificates(hub.learning.reports.certificates(course_id), out)
    pages = pages_text(out)
    assert len(pages) == 1
    assert "Wiśniewska-Doğan-O'Neill-Mărculescu" in pages[0]


def test_register_has_every_session_in_column_groups(hub: HubApp, two_schools: dict[str, int],
                                                     tmp_path: Path) -> None:
    course_id = _course(hub, two_schools["oak"], weekdays=(0, 1, 2, 3, 4),
                        end_date=date(2026, 10, 16))
    enrolments = _enrol_all(hub, course_id)
    sessions = hub.learning.courses.sessions(course_id)
    assert len(sessions) == 30 > PER_GROUP
    hub.learning.enrolments.mark(sessions[0].id, [Mark(enrolments[0], True),
                                                  Mark(enrolments[1], False, "Child <ill> & off")],
                                 today=TODAY)
    hub.learning.enrolments.withdraw(enrolments[4], "Started work", today=date(2026, 9, 20))
    out = tmp_path / "register.pdf"
    write_course_register(hub.learning.reports.register_sheet(course_id), out)
    pages = pages_text(out)
    whole = "\n".join(pages)
    for i, page in enumerate(pages, start=1):
        assert f"Page {i} of {len(pages)}" in page
    for x in sessions:
        assert f"{x.day.day} {x.day:%b}" in whole, x.day
    assert "Sessions 1–" in whole and "of 30" in whole
    for forename, surname in LEARNERS:
        assert whole.count(f"{surname}, {forename}") >= 2, surname  # once per column group
    assert "Withdrawn 20 September" in whole
    assert "Mon 7 Sep: Child <ill> & off" in whole
    assert "Tutor: Grażyna Kowalczyk" in " ".join(whole.split())
    assert all(embedded_fonts(out).values())


def test_term_summary_pdf(hub: HubApp, two_schools: dict[str, int], tmp_path: Path) -> None:
    course_id = _course(hub, two_schools["oak"])
    enrolments = _enrol_all(hub, course_id)
    first = hub.learning.courses.sessions(course_id)[0]
    hub.learning.enrolments.mark(first.id, [Mark(e, n % 2 == 0) for n, e in enumerate(enrolments)],
                                 today=TODAY)
    hub.learning.enrolments.set_completed(enrolments[0], True, on=TODAY)
    out = tmp_path / "summary.pdf"
    write_course_summary(hub.learning.reports.term_summary(date(2026, 9, 1), date(2026, 12, 31)),
                         out)
    flat = " ".join(" ".join(pages_text(out)).split())
    assert "5 adults took 5 course places; 1 completed. Attendance: 60%" in flat
    assert "Family English" in flat and "No child at a cluster school" in flat
    assert "Page 1 of 1" in flat


def test_print_commands(hub: HubApp, two_schools: dict[str, int], tmp_path: Path,
                        capsys: pytest.CaptureFixture[str]) -> None:
    course_id = _course(hub, two_schools["oak"])
    enrolments = _enrol_all(hub, course_id)
    db = hub.settings.database
    out = tmp_path / "reg.pdf"
    assert main(["print", "course-register", "--database", db, "--course", "family english",
                 "-o", str(out)]) == 0
    assert "Łucja" in pages_text(out)[0]
    assert "Register of 'Family English': 5 learners, 10 sessions." in capsys.readouterr().out
    certs = tmp_path / "certs.pdf"
    assert main(["print", "certificates", "--database", db, "--course", str(course_id),
                 "-o", str(certs)]) == 2
    assert "No learner has completed" in capsys.readouterr().err
    assert list(tmp_path.glob("certs*")) == []  # nothing half-written
    hub.learning.enrolments.set_completed(enrolments[2], True, on=TODAY)
    assert main(["print", "certificates", "--database", db, "--course", "Family English",
                 "-o", str(tmp_path / "certs")]) == 0
    assert len(pages_text(certs)) == 1
    assert main(["print", "course-register", "--database", db, "--course", "pottery",
                 "-o", str(out)]) == 2
    assert "No course is called 'pottery'" in capsys.readouterr().err
    summary = tmp_path / "summary.pdf"
    assert main(["print", "course-summary", "--database", db, "--from", "01/09/2026",
                 "--to", "2026-12-31", "-o", str(summary)]) == 0
    assert re.search(r"Summary of 1 course, 01/09/2026 to 31/12/2026", capsys.readouterr().out)
    assert main(["courses", "--database", db, "--all"]) == 0
    assert f"{course_id}  Family English" in capsys.readouterr().out


def test_certificates_follow_the_register_and_look_like_certificates(
        hub: HubApp, two_schools: dict[str, int], tmp_path: Path) -> None:
    course_id = _course(hub, two_schools["oak"])
    for e in _enrol_all(hub, course_id):
        hub.learning.enrolments.set_completed(e, True, on=date(2026, 11, 17))
    register = tmp_path / "register.pdf"
    write_course_register(hub.learning.reports.register_sheet(course_id), register)
    listed = " ".join(pages_text(register)[0].split())
    order = sorted(LEARNERS, key=lambda n: listed.index(f"{n[1]}, {n[0]}"))
    certs = tmp_path / "certs.pdf"
    write_certificates(hub.learning.reports.certificates(course_id), certs)
    pages = [" ".join(p.split()) for p in pages_text(certs)]
    assert [next(f"{f} {s}" for f, s in LEARNERS if f"{f} {s}" in p) for p in pages] == \
        [f"{f} {s}" for f, s in order]
    assert any("DejaVuSerif-Bold" in f for f in embedded_fonts(certs))  # the title face
    layout = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(certs), "-"],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    tutor = next(n for n, x in enumerate(layout) if "Tutor: Grażyna Kowalczyk" in x)
    date_line = next(n for n, x in enumerate(layout) if "Date: 17 November 2026" in x)
    assert date_line < tutor  # the signatory is under the line, the date beside the line
    assert "Date:" not in layout[tutor]


def test_the_course_register_lists_the_creche_children(
        hub: HubApp, two_schools: dict[str, int], tmp_path: Path) -> None:
    course_id = _course(hub, two_schools["oak"], creche_places=4)
    _enrol_all(hub, course_id)
    mum = next(x.carer_id for x in hub.learning.enrolments.learners(course_id)
               if x.name.startswith("Doğan"))
    creche = hub.learning.creche
    baby = creche.save_child(CrecheChildForm("Defne", "Doğan", date(2025, 6, 1), mum,
                                             allergies="Egg"), today=date(2026, 9, 1))
    toddler = creche.save_child(CrecheChildForm("Can", "Doğan", date(2024, 1, 10), mum,
                                                medical_notes="Wears glasses"),
                                today=date(2026, 9, 1))
    for child in (baby, toddler):
        creche.book(course_id, child, today=date(2026, 9, 1))
    first = hub.learning.courses.sessions(course_id)[0]
    creche.sign_in(first.id, baby, at=datetime(2026, 9, 8, 8, 20))
    out = tmp_path / "register.pdf"
    write_course_register(hub.learning.reports.register_sheet(course_id), out)
    flat = " ".join(" ".join(pages_text(out)).split())
    assert "Crèche: 2 children booked" in flat
    assert "Doğan, Defne" in flat and "Doğan, Can" in flat and "with Ayşe Doğan" in flat
    assert "⚠ ALLERGY: Egg" in flat and "Wears glasses" in flat and "⚠ Wears" not in flat
    sheet = hub.learning.reports.register_sheet(course_id)
    assert [x.marks.count("✓") for x in sheet.creche] == [0, 1]  # Can, then Defne
