"""The fire register: everyone on a site right now, to take out at an evacuation and call the roll.

Children are grouped by club with a tick column for the roll call; staff on duty follow. Allergy
and medical needs print white on black (first aiders need them outside too).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from hubdesk.reports.pdf import build, para, styles, table
from hubdesk.reports.pdf import text as esc
from hubdesk.services.registers.site import FireList


def write_fire_register(roll: FireList, path: Path | str) -> None:
    st = styles()
    n = len(roll.children)
    story: list[Flowable] = [
        para(f"Fire register: {roll.site}", st.title),
        para(f"Everyone signed in at {roll.when}: {n} child{'' if n == 1 else 'ren'}, "
             f"{len(roll.staff)} staff on duty. Tick each person out at the assembly point.",
             st.body),
        Spacer(0, 3 * mm)]
    rows: list[list[object]] = [["Out ✓", "Child", "Year, school", "Club, room", "In",
                                 "Allergy / medical", "Emergency phone"]]
    extra: list[tuple[Any, ...]] = []
    for n, c in enumerate(roll.children, start=1):
        medical = ""
        cell: object = ""
        if c.has_medical:
            medical = "; ".join(v.strip() for v in (c.allergies, c.medical) if v.strip())
            cell = Paragraph(f"<font color='white'><b>⚠</b> {esc(medical)}</font>", st.cell)
            extra.append(("BACKGROUND", (5, n), (5, n), colors.black))
        rows.append(["", para(c.name, st.cell_bold), para(f"{c.year}, {c.school}", st.cell),
                     para(c.club + (f", {c.room}" if c.room else ""), st.cell), c.time_in, cell,
                     para(c.emergency, st.cell)])
    if not roll.children:
        rows.append(["", para("No children are signed in at this site now.", st.cell), "", "",
                     "", "", ""])
    grid = table(rows, [12 * mm, 52 * mm, 36 * mm, 42 * mm, 11 * mm, 68 * mm, 52 * mm],
                 zebra=False, extra=[("FONTSIZE", (0, 0), (-1, 0), 8.5), *extra])
    grid.hAlign = "LEFT"
    story.append(grid)
    story.append(Spacer(0, 5 * mm))
    story.append(para("Staff on duty", st.heading))
    staff_rows: list[list[object]] = [["Out ✓", "Name"]]
    staff_rows += [["", para(name, st.cell)] for name in roll.staff] or [
        ["", para("No staff recorded on duty: count the adults present.", st.cell)]]
    staff_rows += [["", ""] for _ in range(3)]  # visitors, other adults
    staff_grid = table(staff_rows, [12 * mm, 120 * mm], zebra=False)
    staff_grid.hAlign = "LEFT"
    story.append(staff_grid)
    story.append(Spacer(0, 3 * mm))
    story.append(para("Add visitors and other adults on the empty rows. Time everyone was out: "
                      "________   Checked by: ____________________", st.body))
    build(path, story, title=f"Fire register: {roll.site}", footer=f"{roll.site} · {roll.when}",
          landscape_pages=True, running_header=f"Fire register · {roll.site} · {roll.when}")
