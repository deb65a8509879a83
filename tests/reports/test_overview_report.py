"""The governors' Overview PDF and the take-up workbook, made through the command line on the demo
cluster and read back: summary first, charts and tables, fonts embedded, small numbers "<5", no
child named, names with < & ' intact, formulas inert, figures as numbers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from hubdesk.app import HubApp
from hubdesk.cli import main
from hubdesk.services.overview import PeriodChoice
from tests.reports.pdf_helpers import embedded_fonts, pages_text


@pytest.fixture
def db(demo_hub: HubApp) -> str:
    with demo_hub.engine.begin() as conn:  # a site whose name would break markup or a sheet
        conn.execute(text("UPDATE sites SET name = '=Brook <Lane> & O''Neill' "
                          "WHERE name = 'Brook Lane Primary Academy'"))
    demo_hub.overview.figures.set_rate("play worker", 1200)
    return demo_hub.settings.database


def test_print_overview_for_governors(db: str, demo_hub: HubApp, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "overview.pdf"
    started = time.perf_counter()
    assert main(["print", "overview", "--database", db, "--term", "2026-autumn", "-o",
                 str(out)]) == 0
    took = time.perf_counter() - started
    assert "Overview of All sites, 2026-autumn" in capsys.readouterr().out
    pages = pages_text(out)
    assert "Overview for governors — All sites" in pages[0]
    assert "Places: " in pages[0] and "FSM: " in pages[0] and "Core offer" in pages[0]
    assert "Page 1 of" in pages[0]
    whole = "\n".join(pages)
    for heading in ("Places offered, booked and attended", "Take-up by group against the roll",
                    "Children who attended nothing", "Parent learning", "Minibus: seats used",
                    "Club viability", "The core offer", "Referrals"):
        assert heading in whole
    assert "=Brook <Lane> & O'Neill" in whole
    assert "<5" in whole  # the looked-after children of a school are fewer than five
    figures = demo_hub.overview.figures.overview(PeriodChoice("term", "2026-autumn"))
    assert not any(m.name in whole for m in figures.missing[:40])  # nobody named
    assert embedded_fonts(out) and all(embedded_fonts(out).values())
    assert took < 20  # the whole command on a busy test machine; the PDF alone is timed below


def test_one_site_and_bad_arguments(db: str, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "one.pdf"
    assert main(["print", "overview", "--database", db, "--term", "2026-autumn", "--site",
                 "hollins", "-o", str(out)]) == 0
    assert "Overview for governors — Hollins Park Primary" in pages_text(out)[0]
    assert main(["print", "overview", "--database", db, "--term", "2031-autumn", "-o",
                 str(out)]) == 2
    assert "no 2031-autumn term" in capsys.readouterr().err
    assert main(["export", "take-up", "--database", db, "--from", "2026-09-01", "-o",
                 str(tmp_path / "x.xlsx")]) == 2
    assert "both --from and --to" in capsys.readouterr().err


def test_export_take_up_workbook(db: str, demo_hub: HubApp, tmp_path: Path) -> None:
    book = tmp_path / "take-up.xlsx"
    assert main(["export", "take-up", "--database", db, "--term", "2026-autumn", "-o",
                 str(book)]) == 0
    wb = load_workbook(book)
    assert wb.sheetnames == ["About", "Places", "Take-up", "Attended nothing", "Parent learning",
                             "Learners by school", "Minibus runs", "Minibus children",
                             "Club viability", "Core offer", "Referrals"]
    places = list(wb.worksheets[1].iter_rows(values_only=True))
    figures = demo_hub.overview.figures.overview(PeriodChoice("term", "2026-autumn"))
    assert places[-1][:6] == ("All sites", "All kinds", figures.totals().sessions,
                              figures.totals().offered, figures.totals().booked,
                              figures.totals().attended)
    take_up = list(wb.worksheets[2].iter_rows(values_only=True))
    assert any(row[2] == "<5" and row[3] == "–" for row in take_up[1:])
    assert all(isinstance(row[2], int) or row[2] == "<5" for row in take_up[1:] if row[1])
    names = {row[0] for row in places[1:]}
    assert "'=Brook <Lane> & O'Neill" in names
    viability = list(wb["Club viability"].iter_rows(values_only=True))
    assert isinstance(viability[1][5], float | int)  # income in pounds, a number


def test_the_pdf_alone_is_quick(demo_hub: HubApp, tmp_path: Path) -> None:
    from hubdesk.reports.overview import write_overview

    figures = demo_hub.overview.figures.overview(PeriodChoice("term", "2026-autumn"))
    offer = demo_hub.overview.core_offer.offer("2026-autumn")
    started = time.process_time()
    write_overview(figures, offer, tmp_path / "o.pdf")
    assert time.process_time() - started < 2.0  # processor time: the machine's load aside
