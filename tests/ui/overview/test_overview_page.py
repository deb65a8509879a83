"""The Overview page on the demo cluster: figures read in the background fill every tab, the chart
and the table beside it agree, a strand of the core offer is recorded, rates are set, it prints."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.services.overview import CLUSTER
from hubdesk.services.referrals import ReferralFilter
from hubdesk.ui.common import page as common_page
from hubdesk.ui.overview.charts import BarChart, Series
from hubdesk.ui.overview.offer import OfferDialog, RatesDialog
from hubdesk.ui.overview.page import TAKE_UP, OverviewPage
from hubdesk.ui.shell.events import AppEvents
from tests.ui.helpers import Said, save


def loaded(qtbot: QtBot, page: OverviewPage) -> None:
    qtbot.waitUntil(lambda: not page.loading and page.current is not None, timeout=30_000)


@pytest.fixture
def page(qtbot: QtBot, demo_hub: HubApp) -> OverviewPage:
    result = OverviewPage(demo_hub, AppEvents())
    qtbot.addWidget(result)
    result.resize(1180, 700)
    result.show()
    result.on_shown()
    loaded(qtbot, result)
    return result


def test_every_tab_fills_and_charts_match_tables(qtbot: QtBot, page: OverviewPage,
                                                demo_hub: HubApp) -> None:
    figures = page.current
    assert figures is not None and figures.period.term == "2026-autumn"
    assert f"{figures.totals().offered:,} places offered" in page.summary.text()
    # Only the first view is built with the page; each other one when first shown, filled then.
    assert [page.lazy.built(i) is None for i in range(1, page.tabs.count())] == [True] * 7
    sites = figures.places_by_site()
    assert page.places.chart.categories == tuple(s.site for s in sites)
    assert page.places.chart.series[0].values == tuple(s.offered for s in sites)
    assert page.places.table.model.rowCount() == len(figures.places) + len(sites) + 1
    assert page.take_up.chart.categories[0] == "FSM"
    fsm = next(r for r in figures.take_up if r.school == CLUSTER and r.group == "FSM")
    assert fsm.gap in page.take_up.note.text()
    assert page.missing.table.model.rowCount() == len(figures.missing)
    offer = page.offer.table.model.rows
    assert len(offer) == 5 * len({r.site_id for r in offer}) > 0
    made = [r for r in demo_hub.referrals.search(ReferralFilter())
            if figures.period.start <= r.made_on <= figures.period.end]
    shown = page.referrals.table.model.rows
    assert sum(r.referrals for r in shown) == sum(r.kind == "referral" for r in made) > 0
    assert sum(r.signposted for r in shown) == sum(r.kind == "signposting" for r in made)
    assert page.places.chart.accessibleDescription().startswith("Places per site")
    page.tabs.setCurrentIndex(TAKE_UP)  # a view built already is filled again when figures arrive
    page.site.setCurrentIndex(1)
    loaded(qtbot, page)
    assert page.current is not figures and page.current is not None
    assert page.current.site in page.summary.text()
    assert page.take_up.chart.title == f"{page.current.site}: share of the roll and of club places"


def test_one_site_and_another_period(qtbot: QtBot, page: OverviewPage) -> None:
    page.site.setCurrentIndex(1)
    loaded(qtbot, page)
    qtbot.waitUntil(lambda: page.current is not None
                    and page.current.site == page.site.currentText(), timeout=30_000)
    page.kind.setCurrentIndex(page.kind.findData("week"))
    qtbot.waitUntil(lambda: page.current is not None and page.current.period.kind == "week",
                    timeout=30_000)
    assert page.offer.table.model.rowCount() == 0
    assert page.term.isHidden() and page.start.isHidden()


def test_a_core_offer_strand_is_recorded(qtbot: QtBot, page: OverviewPage, demo_hub: HubApp,
                                        said: Said) -> None:
    page.offer.table.view.selectRow(3)  # the first school's swift and easy access
    row = page.offer.chosen()
    assert row is not None and row.strand == "swift_access"
    dialog = OfferDialog(demo_hub, row, page)
    qtbot.addWidget(dialog)
    dialog.status.setCurrentIndex(dialog.status.findData("full"))
    save(qtbot, dialog)
    assert dialog.visible_errors() == {"evidence": dialog.visible_errors()["evidence"]}
    dialog.evidence.setPlainText("Weekly multi-agency drop-in; school nurse on Tuesdays.")
    save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = next(r for r in demo_hub.overview.core_offer.offer("2026-autumn", row.site_id)
                 if r.strand == "swift_access")
    assert (saved.status, saved.saved) == ("full", True)


def test_rates_are_saved(qtbot: QtBot, page: OverviewPage, demo_hub: HubApp) -> None:
    dialog = RatesDialog(demo_hub, page)
    qtbot.addWidget(dialog)
    dialog.spins["play worker"].setValue(12.5)
    dialog.save()
    assert {r.role: r.pence_per_hour for r in demo_hub.overview.figures.rates()}["play worker"] == 1250


def test_the_governors_printout(qtbot: QtBot, page: OverviewPage, said: Said,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(common_page, "open_pdf", opened.append)
    page.print_button.click()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=60_000)
    assert opened[0].read_bytes().startswith(b"%PDF") and said.warnings == []


def test_bar_chart_draws_and_describes_itself(qtbot: QtBot) -> None:
    chart = BarChart("Places")
    qtbot.addWidget(chart)
    chart.set_data(["Oakfield", "Elm Street"], [Series("Offered", (120, 80)),
                                                Series("Booked", (90, 0))])
    chart.resize(500, chart.sizeHint().height())
    assert not chart.grab().isNull()
    assert chart.accessibleDescription() == ("Places. Oakfield: offered 120, booked 90; "
                                             "Elm Street: offered 80, booked 0.")
    chart.set_data([], [])
    assert "nothing to show" in chart.accessibleDescription()
