"""The fire register: everyone on a site right now, to take out at an evacuation and call the roll.

Children are grouped by club with a tick column for the roll call; staff on duty and the adults
in the signing-in book follow, on the same page when they fit. What staff must act on (allergy,
auto-injector, inhaler…) prints white on black; other notes plainly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from hubdesk.core.rules.medical import allergy_label
from hubdesk.reports.pdf import Styles, build, para, styles, table, whole_phones
from hubdesk.reports.pdf import text as esc
from hubdesk.services.registers import FireList, OnSiteChild


def _medical(c: OnSiteChild, st: Styles) -> tuple[object, bool]:
    """The cell, and whether it is the strong (white on black) marker for what staff act on."""
    words = [allergy_label(c.allergies), c.medical.strip()]
    details = "; ".join(w for w in words if w)
    if not details:
        return "", False
    if not c.must_act:
        return para(details, st.cell), False
    if not c.allergies.strip():
        details = f"⚠ {details}"
    return Paragraph(f"<font color='white'><b>{esc(details)}</b></font>", st.cell), True


def _children(roll: FireList, st: Styles) -> Flowable:
    rows: list[list[object]] = [["Out ✓", "Child", "Year, school", "Club, room", "In",
                                 "Allergy / medical", "Emergency phone"]]
    extra: list[tuple[Any, ...]] = []
    for n, c in enumerate(roll.children, start=1):
        cell, strong = _medical(c, st)
        if strong:
            extra.append(("BACKGROUND", (5, n), (5, n), colors.black))
        rows.append(["", para(c.name, st.cell_bold), para(f"{c.year}, {c.school}", st.cell),
                     para(c.club + (f", {c.room}" if c.room else ""), st.cell), c.time_in, cell,
                     para(whole_phones(c.emergency), st.cell)])
    if not roll.children:
        rows.append(["", para("No children are signed in at this site at this time.", st.cell),
                     "", "", "", "", ""])
    grid = table(rows, [12 * mm, 52 * mm, 36 * mm, 42 * mm, 11 * mm, 62 * mm, 58 * mm],
                 zebra=False, extra=[("FONTSIZE", (0, 0), (-1, 0), 8.5), *extra])
    grid.hAlign = "LEFT"
    return grid


def _adults(roll: FireList, st: Styles) -> Flowable:
    rows: list[list[object]] = [["Out ✓", "Name", "Who", "Organisation", "Visiting", "In",
                                 "Car"]]
    rows += [["", para(name, st.cell_bold), "Staff on duty (rota)", "", "", "", ""]
             for name in roll.staff]
    rows += [["", para(a.name, st.cell_bold), para(a.kind_label, st.cell),
              para(a.organisation, st.cell), para(a.visiting, st.cell), a.time_in,
              para(a.car_registration, st.cell)] for a in roll.adults]
    if len(rows) == 1:
        rows.append(["", para("No adults recorded on site: count the adults present.", st.cell),
                     "", "", "", "", ""])
    rows += [["", "", "", "", "", "", ""] for _ in range(3)]  # anyone not in the book
    grid = table(rows, [12 * mm, 60 * mm, 38 * mm, 50 * mm, 50 * mm, 13 * mm, 30 * mm],
                 zebra=False)
    grid.hAlign = "LEFT"
    return grid


def write_fire_register(roll: FireList, path: Path | str) -> None:
    """Children, staff and signed-in adults at the site at the moment of the roll."""
    st = styles()
    n = len(roll.children)
    story: list[Flowable] = [
        para(f"Fire register: {roll.site}", st.title),
        para(f"Everyone on site at {roll.when}: {n} child{'' if n == 1 else 'ren'}, "
             f"{len(roll.staff)} staff on duty, {len(roll.adults)} other adult(s) signed in "
             f"({roll.people} people). Tick each person out at the assembly point.", st.body),
        Spacer(0, 3 * mm), _children(roll, st), Spacer(0, 5 * mm),
        KeepTogether([para("Adults on site: staff, learners, tutors, visitors", st.heading),
                      _adults(roll, st)]),
        Spacer(0, 3 * mm),
        para("Add anyone not listed on the empty rows. Time everyone was out: ________   "
             "Checked by: ____________________", st.body)]
    build(path, story, title=f"Fire register: {roll.site}", footer=f"{roll.site} · {roll.when}",
          landscape_pages=True, running_header=f"Fire register · {roll.site} · {roll.when}")
