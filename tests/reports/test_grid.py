"""The plain-string grid: whole rows per page, the header on every page, text kept exactly."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm

from hubdesk.reports.grid import Grid, GridStyle, Lines, plain, wrap
from hubdesk.reports.pdf import FONT, FONT_BOLD, build, register_fonts
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
