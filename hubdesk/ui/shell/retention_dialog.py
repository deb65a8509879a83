"""File › Retention… (the administrator's, once roles exist): the retention rules, a preview of what a
purge would change, and the purge itself after a confirmation that names the counts.

The purge is given the preview the person confirmed: if the records changed meanwhile, nothing is
purged and the new preview is shown instead.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.errors import Conflict
from hubdesk.services.admin import Purged, RetentionPlan, RuleRow
from hubdesk.services.progress import Progress
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.shell.tasks import run_task

TITLE = "Retention"


class RetentionDialog(Dialog):
    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.events = app, events
        self.plan: RetentionPlan | None = None
        self.setWindowTitle("Retention: what is kept, and for how long")
        self.rules_grid = QGridLayout()
        self.years: dict[str, QSpinBox] = {}
        self.active: dict[str, QCheckBox] = {}
        self.explained: dict[str, QLabel] = {}
        self.counts = QLabel("Press Preview to see what a purge would change. Nothing changes until "
                             "you purge.")
        self.counts.setWordWrap(True)
        self.lines = QListWidget()
        self.save_button = QPushButton("Save rules")
        self.preview_button = QPushButton("Preview")
        self.purge_button = QPushButton("Purge…")
        self.purge_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_rules)
        self.preview_button.clicked.connect(self.preview)
        self.purge_button.clicked.connect(self.purge)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for button in (self.save_button, self.preview_button, self.purge_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>The rules</b> (UK GDPR: kept only as long as needed; a backup is "
                                "made before every purge)"))
        layout.addLayout(self.rules_grid)
        layout.addWidget(self.counts)
        layout.addWidget(self.lines, 1)
        layout.addWidget(buttons)
        self.resize(820, 560)
        rules = feedback.guarded(self, TITLE, app.retention.rules)
        self._fill_rules(rules or [])

    def _fill_rules(self, rules: list[RuleRow]) -> None:
        for row, rule in enumerate(rules):
            active = QCheckBox(rule.label)
            active.setChecked(rule.active)
            years = QSpinBox()
            years.setRange(1, 100)
            years.setSuffix(" years")
            years.setValue(rule.years)
            explained = QLabel(rule.explanation)
            explained.setWordWrap(True)
            for column, widget in enumerate((active, years, explained)):
                self.rules_grid.addWidget(widget, row, column)
            years.valueChanged.connect(self._rules_changed)
            active.toggled.connect(self._rules_changed)
            self.active[rule.key], self.years[rule.key] = active, years
            self.explained[rule.key] = explained
        self.rules_grid.setColumnStretch(2, 1)

    def _rules_changed(self) -> None:
        """A preview made under other rules no longer says what a purge would do."""
        self.plan = None
        self.purge_button.setEnabled(False)
        self.counts.setText("The rules changed: save them, then preview again.")

    def save_rules(self) -> None:
        rules = [RuleRow(key, self.active[key].text(), years.value(), self.active[key].isChecked())
                 for key, years in self.years.items()]
        if feedback.attempt(self, TITLE, lambda: self.app.retention.save_rules(rules)):
            for rule in self.app.retention.rules():
                self.explained[rule.key].setText(rule.explanation)
            self.counts.setText("Rules saved. Press Preview to see what a purge would change.")

    def preview(self) -> None:
        plan = feedback.guarded(self, TITLE, self.app.retention.preview)
        if plan is not None:
            self.show_plan(plan)

    def show_plan(self, plan: RetentionPlan) -> None:
        self.plan = plan
        self.counts.setText(f"A purge today would change {plan.total:,} records — {plan.summary()}."
                            if plan.total else "Nothing is due: every record is within its rule.")
        self.lines.clear()
        self.lines.addItems(list(plan.lines))
        self.purge_button.setEnabled(plan.total > 0)

    def purge(self) -> None:
        plan = self.plan
        if plan is None or not plan.total:
            return
        if not feedback.confirm(self, TITLE, f"Purge {plan.total:,} records now?\n\n"
                                             f"{plan.summary()}.\n\nA backup is made first; the purge "
                                             "itself cannot be undone except by restoring it."):
            return
        retention = self.app.retention

        def work(_progress: Progress) -> Purged | RetentionPlan:
            try:
                return retention.purge(plan)
            except Conflict:
                return retention.preview()

        run_task(self, TITLE, work, self._purged, lambda message: feedback.warn(self, TITLE, message))

    def _purged(self, result: Purged | RetentionPlan) -> None:
        if isinstance(result, RetentionPlan):
            self.show_plan(result)
            feedback.warn(self, TITLE, "The records changed since the preview, so nothing was "
                                       "purged. Here is the new preview; purge again if it is right.")
            return
        where = f" The backup from before is {result.backup}." if result.backup else ""
        self.show_plan(RetentionPlan(tuple(), tuple()))
        self.counts.setText(f"Purged {result.plan.total:,} records — {result.plan.summary()}.{where}")
        self.events.data_reloaded.emit()
        feedback.inform(self, TITLE, f"Purged {result.plan.total:,} records.{where}")
