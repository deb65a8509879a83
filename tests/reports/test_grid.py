"""The grid drawn on the canvas: whole rows per page, the header on every page, text kept exactly,
plain strings or lines in mixed fonts."""

from __future__ import annotations

import subprocess
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from hubdesk.reports.grid import Grid, GridStyle, Lines, Look, plain, wrap
from hubdesk.reports.pdf import FONT, FONT_BOLD, build, register_fonts
from hubdesk.reports.rich import Rich, rich
from tests.reports.pdf_helpers import embedded_fonts, pages_text

STYLE = GridStyle((30 * mm, 60 * mm, 25 * mm), 8, 9.6, right=frozenset({2}))


def test_a_long_grid_runs_over_pages_with_its_header_and_every_row_once(tmp_path: Path) -> None:
    register_fonts()
    rows = [[f"{n:03d}", wrap(f"Łucja Wiśniewska-O'Neill <&> {n} " * (1 + n % 3), 60 * mm, STYLE),
             f"£{n}.50"] for n in range(150)]
    out = tmp_path / "grid.pdf"
    build(out, [plain("Charges", FONT_BOLD, 12), Grid(["Day", "Child", "Price"], rows, STYLE)],
          title="grid")
    pages = pages_text(out)
    assert len(pages) > 2 and all(embedded_fonts(out).values())
    assert all("Day" in page and "Price" in page for page in pages)  # the header repeats
    every = "\n".join(pages)
    for n in range(150):
        assert every.count(f"£{n}.50") == 1
    assert "Łucja Wiśniewska-O'Neill <&> 7" in every


def test_a_row_taller_than_a_page_is_printed_rather_than_failing(tmp_path: Path) -> None:
    register_fonts()
    tall = "\n".join(f"line {n}" for n in range(120))
    out = tmp_path / "tall.pdf"
    build(out, [Grid(["Day", "Notes", "Price"], [["1", tall, "£1"], ["2", "short", "£2"]], STYLE)],
          title="tall")
    text = "\n".join(pages_text(out))
    assert all(f"line {n}\n" in text + "\n" for n in (0, 60, 119)) and "short" in text


def test_wrap_keeps_each_line_inside_its_column() -> None:
    register_fonts()
    from reportlab.pdfbase.pdfmetrics import stringWidth

    value = wrap("Breakfast Club and After-School Club with a very long reason " * 3, 40 * mm, STYLE)
    assert "\n" in value
    assert all(stringWidth(line, FONT, 8) <= 40 * mm - 6 for line in value.split("\n"))
    assert wrap("Yes", 40 * mm, STYLE) == "Yes"


def test_lines_mix_bold_and_plain_runs(tmp_path: Path) -> None:
    register_fonts()
    out = tmp_path / "lines.pdf"
    build(out, [Lines([[("Period: ", FONT), ("01/11/2026 to 30/11/2026", FONT_BOLD)],
                       [("Children: " + "Zoë Łukasz; " * 30, FONT)]], 10)], title="lines")
    text = pages_text(out)[0].replace("\n", " ")
    assert "Period: 01/11/2026 to 30/11/2026" in text and text.count("Zoë Łukasz") == 30


def _pixels(pdf: Path, tmp_path: Path) -> Any:
    """The first page at 72 dots per inch (a dot per point), grey levels, top row first."""
    subprocess.run(["pdftoppm", "-gray", "-r", "72", "-f", "1", "-l", "1", "-png", str(pdf),
                    str(tmp_path / "page")], check=True)
    from PIL import Image

    return Image.open(next(tmp_path.glob("page*.png"))).convert("L").load()


def _darkness(pixels: Any, left: float, top: float, right: float, bottom: float) -> float:
    """The share of dark dots in a box given in points from the page's top left."""
    dots = [pixels[x, y] < 128 for x in range(int(left), int(right)) for y in range(int(top), int(bottom))]
    return sum(dots) / len(dots)


def test_black_cells_joined_cells_and_an_unruled_note(tmp_path: Path) -> None:
    """What staff must act on prints white on black; joined cells have no line between them; a
    note row has no lines round it."""
    register_fonts()
    style = GridStyle((100.0, 100.0, 100.0), 8, 9.6)
    rows = [["Ada", "ALLERGY: nuts", "in"], ["Bea", "", "ABSENT: ill"], ["the note", "", ""]]
    looks = {0: Look(black=frozenset({1})), 1: Look(span=(1, 2)),
             2: Look(span=(0, 2), ruled=False, size=7)}
    grid = Grid(["Child", "Medical", "Time"], rows, style, looks=looks)
    out = tmp_path / "looks.pdf"
    c = canvas.Canvas(str(out), pagesize=(400, 200))
    grid.wrapOn(c, 300, 200)
    grid.drawOn(c, 50, 200 - 50 - grid.height)  # its top left 50 points from the page's
    c.save()
    assert "ALLERGY: nuts" in pages_text(out)[0]
    pixels = _pixels(out, tmp_path)
    tops = [50 + grid.header_height + sum(grid.heights[:n]) for n in range(4)]
    assert _darkness(pixels, 152, tops[0] + 1, 248, tops[1] - 1) > 0.6  # the black cell
    assert _darkness(pixels, 52, tops[0] + 1, 148, tops[1] - 1) < 0.2  # beside it, black text
    assert _darkness(pixels, 249, tops[1] + 2, 252, tops[2] - 2) == 0  # no line inside the join
    assert _darkness(pixels, 149, tops[0] + 2, 152, tops[1] - 2) > 0  # a line between cells
    assert _darkness(pixels, 149, tops[2] + 2, 152, tops[3] - 2) == 0  # none round the note
    assert _darkness(pixels, 40, tops[3] + 1, 360, tops[3] + 4) == 0


def test_the_kept_rows_go_over_with_the_row_before_them(tmp_path: Path) -> None:
    """A register's headcount and sign-off never start a page: the last child goes over with them."""
    register_fonts()
    body = [[f"child {n:02d}", "x", "y"] for n in range(200)]
    probe = Grid(["Day", "Child", "Price"], body, STYLE)
    frame_height = A4[1] - 30 * mm  # build()'s margins, top and bottom
    room = int((frame_height - probe.header_height) // probe.heights[0])
    rows = [*body[:room], ["Headcount: 9", "", ""], ["Signed", "", ""]]
    out = tmp_path / "kept.pdf"
    build(out, [Grid(["Day", "Child", "Price"], rows, STYLE, keep_last=2)], title="kept")
    pages = pages_text(out)
    assert len(pages) == 2
    assert f"child {room - 1:02d}" in pages[1] and "Headcount: 9" in pages[1]
    assert f"child {room - 2:02d}" in pages[0] and f"child {room - 1:02d}" not in pages[0]


def test_a_row_cut_across_pages_keeps_its_look_and_the_next_rows_theirs() -> None:
    """The two halves of a row taller than a page look as the row does (a black cell stays black on
    both pages), and the rows after it keep theirs."""
    register_fonts()
    tall = "\n".join(f"line {n}" for n in range(120))
    black, joined = Look(black=frozenset({1})), Look(span=(1, 2))
    grid = Grid(["Day", "Notes", "Price"], [["1", tall, "£1"], ["2", "ABSENT", ""], ["3", "x", ""]],
                STYLE, looks={0: black, 1: joined}, keep_last=1)
    grid._frame = SimpleNamespace(_atTop=True)  # at the top of a fresh page: cut, not moved on
    first, rest = grid.split(300, 400)
    assert isinstance(first, Grid) and isinstance(rest, Grid)
    assert first.looks == {0: black} and first.rows[0][1].startswith("line 0\n")
    assert rest.looks == {0: black, 1: joined} and rest.rows[1][1] == "ABSENT"
    assert rest.rows[0][1].endswith("line 119") and rest.keep_last == 1
    assert first.height <= 400


def test_rich_cells_break_at_spaces_inside_their_column_and_keep_every_word() -> None:
    register_fonts()
    from reportlab.pdfbase.pdfmetrics import stringWidth

    runs = [("07:45–08:45", FONT_BOLD, 7.5), (" · Hall", FONT, 7.5)]
    staff = [("Bartłomiej Jankowski-Wiśniewski", FONT, 7.5), (" ✚", FONT, 7.5), (" (Assistant)", FONT, 7)]
    cell = rich([runs, staff, [("x" * 80, FONT, 7.5)]], 100)
    assert cell.lines[0] == (("07:45–08:45", FONT_BOLD, 7.5), (" · Hall", FONT, 7.5))
    assert all(sum(stringWidth(t, f, s) for t, f, s in line) <= 100 for line in cell.lines)
    words = " ".join("".join(t for t, _f, _s in line) for line in cell.lines[1:])
    assert words.split() == ["Bartłomiej", "Jankowski-Wiśniewski", "✚", "(Assistant)", *words.split()[4:]]
    assert "".join(words.split()[4:]) == "x" * 80  # a word wider than the column, cut between letters
    assert [s for line in cell.lines for t, _f, s in line if "Assistant" in t] == [7]  # its own size
    assert rich([], 100).lines == () and rich([[("", FONT, 7.5)]], 100).lines == ((),)


def test_rich_cells_print_their_runs_in_order_and_shaded_cells_are_filled(tmp_path: Path) -> None:
    register_fonts()
    style = GridStyle((100.0, 100.0), 8, 9.6)
    cell = rich([[("15:15", FONT_BOLD, 8), (" · Hall", FONT, 8)], [("Ada Lovelace", FONT, 8),
                                                                      (" (Lead)", FONT, 7)]], 94)
    shade = colors.Color(0.3, 0.3, 0.3)
    grid = Grid(["Session", "Monday"], [["Chess", cell], ["Art", ""]], style,
                looks={0: Look(shade=((1, shade),))})
    out = tmp_path / "rich.pdf"
    c = canvas.Canvas(str(out), pagesize=(300, 150))
    grid.wrapOn(c, 200, 150)
    grid.drawOn(c, 50, 150 - 50 - grid.height)
    c.save()
    text = pages_text(out)[0]
    assert "15:15 · Hall" in text and "Ada Lovelace (Lead)" in text
    pixels = _pixels(out, tmp_path)
    tops = [50 + grid.header_height + sum(grid.heights[:n]) for n in range(3)]
    assert _darkness(pixels, 190, tops[0] + 1, 248, tops[1] - 1) > 0.9  # the shaded cell, past its text
    assert _darkness(pixels, 190, tops[1] + 1, 248, tops[2] - 1) == 0  # the row below, not shaded


def test_a_rich_row_taller_than_a_page_is_cut_between_its_lines() -> None:
    register_fonts()
    tall = rich([[(f"line {n}", FONT, 8)] for n in range(120)], 100)
    grid = Grid(["Day", "Notes", "Price"], [["1", tall, "£1"], ["2", "x", ""]], STYLE)
    grid._frame = SimpleNamespace(_atTop=True)
    first, rest = grid.split(300, 400)
    assert isinstance(first, Grid) and isinstance(rest, Grid)
    top, below = first.rows[0][1], rest.rows[0][1]
    assert isinstance(top, Rich) and isinstance(below, Rich)
    assert top.lines[0] == (("line 0", FONT, 8),) and below.lines[-1] == (("line 119", FONT, 8),)
    assert len(top.lines) + len(below.lines) == 120 and first.height <= 400
