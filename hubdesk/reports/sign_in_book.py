"""The day's signing-in book of a site on paper: who came, from where, to see whom, in which car,
and when they left (blank lines to sign in by hand when the PC is off)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from hubdesk.reports.pdf import build, para, styles, table
from hubdesk.services.registers import SignInRow

BLANK_LINES = 8


def write_sign_in_book(rows: Sequence[SignInRow], site: str, day: date,
                       path: Path | str) -> None:
    st = styles()
    when = f"{day:%A} {day.day} {day:%B %Y}"
    grid: list[list[object]] = [["Name", "Who", "Organisation", "Visiting", "Car", "In", "Out"]]
    grid += [[para(r.name, st.cell_bold), para(r.kind_label, st.cell),
              para(r.organisation, st.cell), para(r.visiting, st.cell),
              para(r.car_registration, st.cell), r.time_in, r.time_out or "still here"]
             for r in rows]
    grid += [["", "", "", "", "", "", ""] for _ in range(BLANK_LINES)]
    body = table(grid, [62 * mm, 34 * mm, 56 * mm, 50 * mm, 28 * mm, 16 * mm, 22 * mm],
                 extra=[("BOTTOMPADDING", (0, len(rows) + 1), (-1, -1), 9)])
    body.hAlign = "LEFT"
    story: list[Flowable] = [
        para(f"Signing-in book: {site}", st.title),
        para(f"{when}: {len(rows)} adult(s) signed in. Everyone on site who is not a child "
             "signs in and out: the fire register reads this book.", st.body),
        Spacer(0, 3 * mm), body]
    build(path, story, title=f"Signing-in book: {site}", footer=f"{site} · {when}",
          landscape_pages=True, running_header=f"Signing-in book · {site} · {when}")
