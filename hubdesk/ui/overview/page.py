"""The Overview: what heads and governors need to see of a period — places, take-up by group, who
is missing out, parent learning, the minibus, club viability and the core offer — as charts beside
tables. The figures are read off the GUI thread, so a large cluster never freezes the window."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import cast

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.services.overview import PERIOD_KINDS, OfferRow, Overview, PeriodChoice
from hubdesk.services.progress import Progress
from hubdesk.ui.common.dates import date_edit, to_date
from hubdesk.ui.common.lazy_tabs import LazyTabs
from hubdesk.ui.common.page import Page
from hubdesk.ui.common.site_combo import refill_sites
from hubdesk.ui.overview import exports
from hubdesk.ui.overview.offer import OfferView, RatesDialog
from hubdesk.ui.overview.views import (
    LearningView,
    MinibusView,
    MissingView,
    PlacesView,
    ReferralsView,
    TakeUpView,
    ViabilityView,
)
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.shell.tasks import run_task

Loaded = tuple[Overview, list[OfferRow]]
FiguresView = TakeUpView | MissingView | LearningView | MinibusView | ViabilityView | ReferralsView
TAKE_UP, MISSING, LEARNING, MINIBUS, VIABILITY, OFFER, REFERRALS = range(1, 8)  # tabs after Places


class OverviewPage(Page):
    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(app, events, parent)
        self.current: Overview | None = None
        self.loading = self.again = False
        self._build_choosers()
        self.summary = QLabel("Choose a period to see its figures.")
        self.summary.setObjectName("overviewSummary")
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget()
        layout = QVBoxLayout(self)  # the page's frame first: what goes in it is styled once
        layout.addWidget(self.page_title("Overview"))
        layout.addLayout(self.choosers)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.places = PlacesView()
        self.tabs.addTab(self.places, "Places")
        self.offer_rows: list[OfferRow] = []
        self.lazy = LazyTabs(self.tabs)  # the other views are built when first shown
        for title, kind in (("Take-up by group", TakeUpView), ("Attended nothing", MissingView),
                            ("Parent learning", LearningView), ("Minibus", MinibusView),
                            ("Club viability", ViabilityView)):
            self.lazy.add(title, partial(self._figures_view, kind))
        self.lazy.add("Core offer", self._offer_view)
        self.lazy.add("Referrals", partial(self._figures_view, ReferralsView))
        for signal in (events.bookings_changed, events.clubs_changed, events.children_changed,
                       events.sites_changed, events.data_reloaded):
            signal.connect(self._data_changed)

    def _figures_view(self, kind: type[FiguresView]) -> FiguresView:
        view = kind()
        if self.current is not None:
            view.fill(self.current)
        return view

    def _offer_view(self) -> OfferView:
        view = OfferView(self.app, self.refresh)
        if self.current is not None:
            view.fill(self.offer_rows, self.current.period.term)
        return view

    @property
    def take_up(self) -> TakeUpView:
        return cast(TakeUpView, self.lazy.get(TAKE_UP))

    @property
    def missing(self) -> MissingView:
        return cast(MissingView, self.lazy.get(MISSING))

    @property
    def offer(self) -> OfferView:
        return cast(OfferView, self.lazy.get(OFFER))

    @property
    def referrals(self) -> ReferralsView:
        return cast(ReferralsView, self.lazy.get(REFERRALS))

    def _data_changed(self) -> None:
        """Read again now only when the page is on screen; otherwise showing it reads afresh."""
        if self.isVisible():
            self.refresh()

    def _build_choosers(self) -> None:
        self.kind = QComboBox()
        for key, label in PERIOD_KINDS.items():
            self.kind.addItem(label, key)
        self.kind.setCurrentIndex(self.kind.findData("term"))
        self.term = QComboBox()
        self.term.setAccessibleName("Term")
        today = self.app.clock.today()
        self.start, self.end = date_edit(today - timedelta(days=28)), date_edit(today)
        self.site = QComboBox()
        self.site.setAccessibleName("Site")
        self.print_button = QPushButton("Print for governors…")
        self.export_button = QPushButton("Export to Excel…")
        self.rates_button = QPushButton("Staff cost rates…")
        self.choosers = QHBoxLayout()
        for label, widget in (("Period", self.kind), ("", self.term), ("From", self.start),
                              ("to", self.end), ("Site", self.site)):
            if label:
                self.choosers.addWidget(QLabel(label))
            self.choosers.addWidget(widget)
        self.choosers.addStretch(1)
        for button in (self.print_button, self.export_button, self.rates_button):
            self.choosers.addWidget(button)
        for combo in (self.kind, self.term, self.site):
            combo.currentIndexChanged.connect(self.refresh)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(self.refresh)
        self.kind.currentIndexChanged.connect(self._show_choosers)
        self.print_button.clicked.connect(self.print_overview)
        self.export_button.clicked.connect(self.export_take_up)
        self.rates_button.clicked.connect(self.edit_rates)

    def _show_choosers(self) -> None:
        kind = self.kind.currentData()
        self.term.setVisible(kind in ("term", "half_term"))
        for edit in (self.start, self.end):
            edit.setVisible(kind == "custom")
        for label in self.findChildren(QLabel):
            if label.text() in ("From", "to"):
                label.setVisible(kind == "custom")

    def on_shown(self) -> None:
        self._fill_choosers()
        self.refresh()

    def _fill_choosers(self) -> None:
        self.term.blockSignals(True)
        keep = self.term.currentData()
        self.term.clear()
        self.term.addItem("The current term", "")
        for name in self.app.overview.figures.terms():
            self.term.addItem(name, name)
        self.term.setCurrentIndex(max(0, self.term.findData(keep)))
        self.term.blockSignals(False)
        refill_sites(self.site, self.app.sites.list(), "All sites")
        self._show_choosers()

    def choice(self) -> PeriodChoice:
        return PeriodChoice(str(self.kind.currentData()), str(self.term.currentData() or ""),
                            to_date(self.start), to_date(self.end))

    def refresh(self) -> None:
        """Read the figures again in the background; the tabs fill when they arrive."""
        if self.term.count() == 0:
            return  # not shown yet: on_shown reads it
        if self.loading:
            self.again = True  # read once more when this read is back
            return
        self.loading, self.again = True, False
        choice, site = self.choice(), self.site.currentData()
        self.summary.setText("Reading the figures…")

        def work(_progress: Progress) -> Loaded:
            figures = self.app.overview.figures.overview(choice, site)
            offer = (self.app.overview.core_offer.offer(figures.period.term, site)
                     if figures.period.term else [])
            return figures, offer

        run_task(self, "Reading the Overview", work, self.loaded, self.failed)

    def failed(self, message: str) -> None:
        self.loading = False
        self.current = None
        self.summary.setText(message)
        if self.again:
            self.refresh()

    def loaded(self, result: Loaded) -> None:
        self.loading = False
        figures, offer = result
        self.current = figures
        total = figures.totals()
        self.summary.setText(
            f"{figures.site}, {figures.period.label}: {total.offered:,} places offered, "
            f"{total.booked:,} booked ({total.occupancy:g}%), {total.attended:,} attended; "
            f"{len(figures.missing):,} children on the roll came to nothing.")
        self.offer_rows = offer
        self.places.fill(figures)
        for index in range(TAKE_UP, self.tabs.count()):  # the views built so far; others when shown
            view = self.lazy.built(index)
            if isinstance(view, OfferView):
                view.fill(offer, figures.period.term)
            elif view is not None:
                cast(FiguresView, view).fill(figures)
        if self.again:
            self.refresh()  # the choice changed while reading: read what is asked for now

    def edit_rates(self) -> None:
        dialog = self.open_dialog(RatesDialog(self.app, self))
        dialog.accepted.connect(self.refresh)

    def print_overview(self) -> None:
        exports.print_overview(self, self.choice(), self.site.currentData())

    def export_take_up(self) -> None:
        exports.export_take_up(self, self.choice(), self.site.currentData())
