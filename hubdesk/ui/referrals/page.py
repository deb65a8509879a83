"""Referrals: referrals and signposting for children and families, newest first, with filters (open,
overdue, school, service), the add/edit form and the chosen referral's timeline of dates."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.vocabulary import REFERRAL_SERVICES
from hubdesk.services.referrals import ReferralFilter, ReferralRow
from hubdesk.ui.common.keys import enter_opens
from hubdesk.ui.common.page import Page
from hubdesk.ui.common.site_combo import refill_sites
from hubdesk.ui.common.tables import RED, TintedTableModel, fit_columns, table_view
from hubdesk.ui.referrals.referral_dialog import ReferralDialog
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents

TO, WHY = 3, 4  # the columns that may be cut short (whole on hover)


def _day(value: object) -> str:
    return f"{value:%d/%m/%Y}" if value is not None else ""


def referrals_model() -> TintedTableModel[ReferralRow]:
    return TintedTableModel(
        [("Made", lambda r: _day(r.made_on)), ("For", lambda r: r.person),
         ("School", lambda r: r.school), ("To", lambda r: r.to_whom), ("Why", lambda r: r.category),
         ("Kind", lambda r: r.kind_label), ("Contact due", lambda r: _day(r.due_on)),
         ("State", lambda r: r.state)],
        [], lambda r: RED if r.overdue else None)


def timeline_text(row: ReferralRow) -> str:
    """'Made 16/11/2026 → Contact due 23/11/2026 → Acknowledged — …' for the chosen referral."""
    steps = [f"{label} {_day(day) if day else '—'}" for label, day in row.timeline()]
    outcome = f"\nOutcome: {row.outcome}" if row.outcome else ""
    return f"{row.person}, {row.to_whom}, made by {row.made_by}:\n" + "  →  ".join(steps) + outcome


class ReferralsPage(Page):
    loads_when_built = True

    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(app, events, parent)
        self.dialog: ReferralDialog | None = None
        self.open_only = QCheckBox("Open only")
        self.overdue_only = QCheckBox("Overdue only")
        self.school = QComboBox()
        self.service = QComboBox()
        self.service.addItem("Every service", None)
        for key, label in REFERRAL_SERVICES.items():
            self.service.addItem(label, key)
        self.new_button = QPushButton("New referral…")
        self.edit_button = QPushButton("Edit…")
        self.model = referrals_model()
        self.view = table_view(self.model)
        self.timeline = QLabel("Choose a referral to see its dates.")
        self.timeline.setWordWrap(True)
        self.count = QLabel()
        self.target = QSpinBox()
        self.target.setRange(1, 60)
        self.target.setSuffix(" school days")
        self.target.setToolTip("The hub's own target: the family is contacted within this many "
                               "days the child's school is open. Changing it moves the due dates.")
        days = feedback.guarded(self, "Referrals", app.referrals.target_days)
        self.target.setValue(days or 5)
        self._layout()
        self._connect(events)
        self.refresh()

    def _layout(self) -> None:
        top = QHBoxLayout()
        for widget in (self.open_only, self.overdue_only, self.school, self.service):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page_title("Referrals and signposting"))
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.timeline)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(QLabel("Target: family contacted within"))
        bottom.addWidget(self.target)
        layout.addLayout(bottom)

    def _connect(self, events: AppEvents) -> None:
        for box in (self.open_only, self.overdue_only):
            box.toggled.connect(self.refresh)
        for combo in (self.school, self.service):
            combo.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(lambda: self._show(None))
        self.edit_button.clicked.connect(self.edit_selected)
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())
        enter_opens(self.view, self.edit_selected)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_timeline())
        self.target.editingFinished.connect(self.save_target)
        events.referrals_changed.connect(self.refresh)
        events.sites_changed.connect(self.refresh)
        events.data_reloaded.connect(self.refresh)

    def on_shown(self) -> None:
        self.refresh()

    def filters(self) -> ReferralFilter:
        return ReferralFilter(open_only=self.open_only.isChecked(),
                              overdue_only=self.overdue_only.isChecked(),
                              school_id=self.school.currentData(),
                              service=self.service.currentData())

    def refresh(self) -> None:
        sites = feedback.guarded(self, "Referrals", lambda: self.app.sites.list(include_inactive=True))
        if sites is not None:
            refill_sites(self.school, sites, "Every school")
        rows = feedback.guarded(self, "Referrals", lambda: self.app.referrals.search(self.filters()))
        if rows is None:
            return
        self.model.set_rows(rows)
        fit_columns(self.view, stretch=WHY, elide=(TO, WHY))
        overdue = sum(r.overdue for r in rows)
        self.count.setText(f"{len(rows)} shown, {overdue} overdue." if rows else
                           "No referrals match these filters." if self.filters() != ReferralFilter()
                           else "No referrals yet: use New referral.")
        self._show_timeline()

    def save_target(self) -> None:
        """A new target: saved, and the open referrals' due dates follow."""
        days = self.target.value()
        current = feedback.guarded(self, "Referrals", self.app.referrals.target_days)
        if current is None or current == days:
            return
        if feedback.attempt(self, "Referrals", lambda: self.app.referrals.set_target_days(days)):
            self.events.referrals_changed.emit()

    def selected(self) -> ReferralRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _show_timeline(self) -> None:
        row = self.selected()
        self.timeline.setText(timeline_text(row) if row else "Choose a referral to see its dates.")

    def edit_selected(self) -> None:
        row = self.selected()
        if row is None:
            feedback.inform(self, "Edit referral", "Choose a referral in the list first.")
            return
        self._show(row)

    def _show(self, row: ReferralRow | None) -> None:
        app = self.app

        def load() -> ReferralDialog:
            form = app.referrals.get(row.id) if row is not None else None
            return ReferralDialog(app.referrals, app.referrals.categories(), app.clock.today(),
                                  (app.children, app.carers), form,
                                  row.person if row else "", self)

        dialog = feedback.guarded(self, "Referrals", load)
        if dialog is None:
            return
        self.dialog = dialog
        dialog.accepted.connect(self.events.referrals_changed.emit)
        self.open_dialog(dialog)
