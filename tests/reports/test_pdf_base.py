"""The shared PDF layer: exact names, escaped markup, page x of y, repeated headers, embedded fonts."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm

from hubdesk.reports.pdf import build, para, styles, table
from tests.reports.pdf_helpers import embedded_fonts, pages_text

NAMES = ["Łucja Wiśniewska", "Şükrü Öztürk", "Aoife O'Neill-Brennan", "Ştefan Mărculescu",
         "Ayşe Doğan", "Tom <script> & Jerry >"]


def test_names_markup_pages_and_fonts(tmp_path: Path) -> None:
    st = styles()
    rows: list[list[object]] = [[para("Name", st.cell_bold), para("Notes", st.cell_bold)]]
    for n in range(120):
        name = NAMES[n % len(NAMES)]
        rows.append([para(name, st.cell), para(f"Note {n}: nut allergy & <EpiPen>\nsecond line",
                                                 st.cell)])
    out = tmp_path / "t.pdf"
    build(out, [para("Register", st.title), table(rows, [60 * mm, 110 * mm])], title="Register",
          footer="Oakfield Primary")
    texts = pages_text(out)
    assert len(texts) >= 3
    for i, page in enumerate(texts, start=1):
        assert f"Page {i} of {len(texts)}" in page
        assert "Name" in page and "Notes" in page  # header row repeats
    whole = "\n".join(texts)
    for name in NAMES:
        assert name in whole
    assert "nut allergy & <EpiPen>" in whole
    fonts = embedded_fonts(out)
    assert fonts and all(fonts.values()), fonts
    assert all("DejaVu" in name for name in fonts)


def test_a_cell_taller_than_a_page_does_not_crash(tmp_path: Path) -> None:
    st = styles()
    huge = " ".join(f"note{i}" for i in range(5000))
    rows = [[para("Child", st.cell_bold), para("Medical", st.cell_bold)],
            [para("Ioana Popescu", st.cell), para(huge, st.cell)]]
    out = tmp_path / "long.pdf"
    build(out, [table(rows, [50 * mm, 130 * mm])], title="Long")
    texts = pages_text(out)
    words = " ".join(texts).split()
    assert len(texts) >= 4
    assert [w for w in words if w.startswith("note")] == [f"note{i}" for i in range(5000)]
