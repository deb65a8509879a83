"""Parent learning: the course list, a course's learners, registers and crèche, and printouts."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.words import count, hours
from hubdesk.services.learning import CourseRow
from hubdesk.services.progress import Progress
from hubdesk.ui.common.forms import hbox
from hubdesk.ui.common.keys import enter_opens
from hubdesk.ui.common.lazy_tabs import LazyTabs
from hubdesk.ui.common.page import Page
from hubdesk.ui.common.tables import DtoTableModel, table_view
from hubdesk.ui.learning.course_dialog import CourseDialog
from hubdesk.ui.learning.creche import CrecheTab
from hubdesk.ui.learning.learners import LearnersTab
from hubdesk.ui.learning.register import RegisterTab
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents

LEARNERS, REGISTER, CRECHE = 0, 1, 2  # the tabs' places


def course_model() -> DtoTableModel[CourseRow]:
    return DtoTableModel(
        [("Course", lambda c: c.title), ("Site", lambda c: c.site),
         ("Dates", lambda c: f"{c.start_date:%d/%m/%y} – {c.end_date:%d/%m/%y}"),
         ("When", lambda c: f"{c.weekdays} {c.times}"), ("Places", lambda c: c.places),
         ("Waiting", lambda c: c.waiting or ""),
         ("Crèche", lambda c: f"{c.creche_booked}/{c.creche_places}" if c.creche_places else ""),
         ("Sessions", lambda c: c.sessions), ("Kind", lambda c: c.kind_label),
         ("Tutor", lambda c: c.tutor)],
        [], tooltip=lambda c: f"{c.title}\nRun by {c.provider or c.site}\n{hours(c.hours)}, "
                              f"{c.fee.lower()}")


class LearningPage(Page):
    loads_when_built = True
    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(app, events, parent)
        self.dialog: CourseDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.page_title("Parent learning"))
        layout.addLayout(self._build_actions())
        splitter = QSplitter(Qt.Orientation.Vertical)
        layout.addWidget(splitter, 1)
        upper, detail = QWidget(), QWidget()
        splitter.addWidget(upper)
        splitter.addWidget(detail)
        self._build_list(upper)
        self._build_detail(detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([220, 480])
        splitter.setChildrenCollapsible(False)
        events.data_reloaded.connect(self.refresh)
        events.sites_changed.connect(self.refresh)
        events.staff_changed.connect(self.refresh)
        events.carers_changed.connect(lambda _child: self.refresh())
        self.refresh()

    def _build_actions(self) -> QHBoxLayout:
        """Course buttons on the left, printouts on the right."""
        self.new_button = QPushButton("New course…")
        self.edit_button = QPushButton("Edit course…")
        self.delete_button = QPushButton("Delete course")
        self.delete_button.setToolTip("Only a course set up by mistake, with no learners")
        self.show_finished = QCheckBox("Show older courses")
        self.show_finished.setToolTip("Courses that finished more than six weeks ago")
        self.print_register_button = QPushButton("Print register")
        self.print_certificates_button = QPushButton("Print certificates")
        self.print_summary_button = QPushButton("Term summary")
        self.print_register_button.setToolTip("Every session of the chosen course, a column each")
        self.print_certificates_button.setToolTip("A certificate for each learner who completed")
        self.print_summary_button.setToolTip("This term's courses: take-up, completion and "
                                             "attendance, by school")
        self.new_button.clicked.connect(self.new_course)
        self.edit_button.clicked.connect(self.edit_course)
        self.delete_button.clicked.connect(self.delete_course)
        self.show_finished.toggled.connect(self.refresh)
        self.print_register_button.clicked.connect(self.print_register)
        self.print_certificates_button.clicked.connect(self.print_certificates)
        self.print_summary_button.clicked.connect(self.print_summary)
        return hbox(self.new_button, self.edit_button, self.delete_button, self.show_finished,
                    end=(self.print_register_button, self.print_certificates_button,
                         self.print_summary_button))

    def _build_list(self, upper: QWidget) -> None:
        """The courses, or a hint when there are none yet."""
        self.model = course_model()
        self.view = table_view(self.model, stretch=-1)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 230)
        self.view.doubleClicked.connect(lambda _index: self.edit_course())
        enter_opens(self.view, self.edit_course)
        self._reloading = False  # the list is being filled again: the course is shown once, after
        self.view.selectionModel().selectionChanged.connect(
            lambda *_a: None if self._reloading else self._chosen())
        self.empty = QLabel("No courses yet. Press 'New course…' to add one.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        upper_box = QVBoxLayout(upper)
        upper_box.setContentsMargins(0, 0, 0, 0)
        upper_box.addWidget(self.view, 1)
        upper_box.addWidget(self.empty)

    def _build_detail(self, detail: QWidget) -> None:
        """The chosen course's learners, register and crèche."""
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.tabs = QTabWidget()
        box = QVBoxLayout(detail)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.heading)
        box.addWidget(self.tabs, 1)
        # The register and the crèche are built when first shown: most visits look at the learners.
        self.lazy = LazyTabs(self.tabs)
        self.learners = LearnersTab(self.app, self._changed)
        self.tabs.addTab(self.learners, "Learners")
        self.lazy.add("Register", lambda: RegisterTab(self.app, self._changed))
        self.lazy.add("Crèche", lambda: CrecheTab(self.app, self._changed))
        self._course: CourseRow | None = None
        self._stale: list[int] = []  # the tabs (by place) that have not read the chosen course
        self.tabs.currentChanged.connect(lambda _index: self._load_shown_tab())

    @property
    def register(self) -> RegisterTab:
        return cast(RegisterTab, self.lazy.get(REGISTER))

    @property
    def creche(self) -> CrecheTab:
        return cast(CrecheTab, self.lazy.get(CRECHE))

    # --- the course list --------------------------------------------------------------------
    def on_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        feedback.guarded(self, "Parent learning", self._refresh)

    def _refresh(self) -> None:
        chosen = self.selected()
        rows = self.app.learning.courses.list(include_finished=self.show_finished.isChecked())
        self._reloading = True
        try:
            self.model.set_rows(rows)
            self.empty.setVisible(not rows)
            ids = [r.id for r in rows]
            if chosen is not None and chosen.id in ids:
                self.view.selectRow(ids.index(chosen.id))
            elif rows:
                self.view.selectRow(0)
        finally:
            self._reloading = False
        self._chosen()

    def selected(self) -> CourseRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def select_course(self, course_id: int) -> None:
        ids = [r.id for r in self.model.rows]
        if course_id not in ids:
            self.show_finished.setChecked(True)
            ids = [r.id for r in self.model.rows]
        if course_id in ids:
            self.view.selectRow(ids.index(course_id))

    def _chosen(self) -> None:
        course = self.selected()
        if course is None:
            self.heading.setText("")
        else:
            money = "free" if course.fee_pence == 0 else course.fee
            creche = (f"crèche {course.creche_booked} of {course.creche_places} places"
                      if course.creche_places else "no crèche")
            where = course.site + (f", {course.room}" if course.room else "")
            waiting = f", {course.waiting} waiting" if course.waiting else ""
            facts = (f"{where}; {course.weekdays} {course.times}; {course.dates}; "
                     f"{course.sessions} sessions ({hours(course.hours)}); {course.enrolled} of "
                     f"{course.capacity} places{waiting}; {creche}; {money}.")
            self.heading.setText(f"<b>{escape(course.title)}</b> ({escape(course.kind_label)}) — "
                                 f"{escape(facts)}")
        self._course = course
        self._stale = [LEARNERS, REGISTER, CRECHE]
        self._load_shown_tab()
        self.tabs.setEnabled(course is not None)

    def _load_shown_tab(self) -> None:
        """Only the tab on screen reads the chosen course; the others read it when shown."""
        index = self.tabs.currentIndex()
        if index in self._stale:
            self._stale.remove(index)
            tab = cast(LearnersTab | RegisterTab | CrecheTab, self.lazy.get(index))
            tab.set_course(self._course)

    def _changed(self) -> None:
        """A tab saved something: redraw counts and every tab."""
        self.refresh()

    # --- course editor ----------------------------------------------------------------------
    def new_course(self) -> None:
        sites = feedback.guarded(self, "New course", self.app.sites.list) or []
        if not sites:
            feedback.inform(self, "New course", "Add a site first (Sites & calendars).")
            return
        self._show(CourseDialog(self.app.learning, sites, self.app.clock.today(), None, self))

    def edit_course(self) -> None:
        course = self.selected()
        if course is None:
            feedback.inform(self, "Edit course", "Choose a course in the list first.")
            return
        form = feedback.guarded(self, "Edit course", lambda: self.app.learning.courses.get(course.id))
        sites = feedback.guarded(self, "Edit course", self.app.sites.list) or []
        if form is not None:
            self._show(CourseDialog(self.app.learning, sites, self.app.clock.today(), form, self))

    def delete_course(self) -> None:
        course = self.selected()
        if course is None:
            feedback.inform(self, "Delete course", "Choose a course in the list first.")
            return
        if not feedback.confirm(self, "Delete course", f"Delete '{course.title}' and its "
                                f"{course.sessions} sessions? It stays in History."):
            return

        def delete() -> bool:
            self.app.learning.courses.delete(course.id)
            return True

        if feedback.guarded(self, "Delete course", delete):
            self.refresh()

    def _show(self, dialog: CourseDialog) -> None:
        self.dialog = dialog

        def saved() -> None:
            self.refresh()
            if dialog.saved_id is not None:
                self.select_course(dialog.saved_id)

        dialog.accepted.connect(saved)
        self.open_dialog(dialog)

    # --- printing ---------------------------------------------------------------------------
    def _course_or_say(self, title: str) -> CourseRow | None:
        course = self.selected()
        if course is None:
            feedback.inform(self, title, "Choose a course in the list first.")
        return course

    def print_register(self) -> None:
        course = self._course_or_say("Print register")
        if course is None:
            return
        reports = self.app.learning.reports

        def write(target: Path, progress: Progress) -> None:
            progress.step(0, 2, "Reading the register…")
            sheet = reports.register_sheet(course.id)
            progress.step(1, 2, "Writing the PDF…")
            from hubdesk.reports.course_register import write_course_register  # when printing

            write_course_register(sheet, target)

        self.print_pdf(f"register-{course.title}", write, "Print register")

    def print_certificates(self) -> None:
        course = self._course_or_say("Print certificates")
        if course is None:
            return
        reports = self.app.learning.reports

        def write(target: Path, progress: Progress) -> None:
            progress.step(0, 2, "Reading who completed…")
            certificates = reports.certificates(course.id)
            progress.step(1, 2, f"Writing {count(len(certificates), 'certificate')}…")
            from hubdesk.reports.certificates import write_certificates  # when printing

            write_certificates(certificates, target)

        self.print_pdf(f"certificates-{course.title}", write, "Print certificates")

    def print_summary(self) -> None:
        reports = self.app.learning.reports
        start, end, label = feedback.guarded(self, "Term summary", reports.term_around) or (
            None, None, "")
        if start is None or end is None:
            return

        def write(target: Path, progress: Progress) -> None:
            progress.step(0, 2, "Counting learners…")
            summary = reports.term_summary(start, end)
            progress.step(1, 2, "Writing the PDF…")
            from hubdesk.reports.course_summary import write_course_summary  # when printing

            write_course_summary(summary, target)

        self.print_pdf(f"summary-{label}", write, "Term summary")
