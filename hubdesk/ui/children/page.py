"""Children & families: find a child by name or UPN, filter by school and year, open the editor.

The list loads 200 children at a time as the user scrolls, so 24,000 children open as fast as
200. It shows no medical or contact details, only a marker; those live in the editor.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.vocabulary import YEAR_GROUPS, year_label
from hubdesk.services.people import ChildRow
from hubdesk.ui.children import lazy_children
from hubdesk.ui.children.child_dialog import ChildDialog
from hubdesk.ui.children.lazy_children import children_model
from hubdesk.ui.common.forms import hbox
from hubdesk.ui.common.keys import search_leads_to
from hubdesk.ui.common.page import Page
from hubdesk.ui.common.tables import table_view
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents

DEBOUNCE_MS = 200
RELOAD_AT_MOST = 2000  # rows kept loaded when the data changes; more load again on scrolling
# Column widths in characters of the list font; the last column takes what is left.
_WIDTHS = {lazy_children.NAME: 34, lazy_children.SCHOOL: 26, lazy_children.YEAR: 10,
           lazy_children.CLASS: 12, lazy_children.MEDICAL: 9, lazy_children.FLAGS: 17}


def count_text(count: int, filtered: bool, include_left: bool) -> str:
    """'2,400 children', '12 children match', 'No child matches …'."""
    if count == 0:
        return "No child matches this search." if filtered else (
            "No children yet: use New child, or import them from the school's MIS export.")
    noun = "child" if count == 1 else "children"
    text = f"{count:,} {noun}" + (" match" + ("es" if count == 1 else "") if filtered else "")
    return text + (", including those who have left" if include_left else "")


class ChildrenPage(Page):
    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(app, events, parent)
        self.dialog: ChildDialog | None = None
        self.other_dialog: QWidget | None = None  # booking or week dialog
        self.total = 0
        self._school_names: list[str] = []
        self._sized = False
        top, actions = self._build_filters(), self._build_actions()
        self._build_table()
        self._load_schools()
        self._connect()
        layout = QVBoxLayout(self)
        layout.addWidget(self.page_title("Children & families"))
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        events.children_changed.connect(self.refresh)
        events.sites_changed.connect(self._sites_changed)
        events.data_reloaded.connect(self._sites_changed)
        self.apply_filter()

    def _build_filters(self) -> QHBoxLayout:
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by name or UPN")
        self.search.setMinimumWidth(self.fontMetrics().averageCharWidth() * 24)
        self.search.setClearButtonEnabled(True)
        self.school = QComboBox()
        self.school.setMinimumContentsLength(12)
        self.school.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.year = QComboBox()
        self.year.addItem("All year groups", None)
        for year in YEAR_GROUPS:
            self.year.addItem(year_label(year), year)
        self.show_left = QCheckBox("Show children who have left")
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(DEBOUNCE_MS)
        self._typing.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._typing.start())
        self.search.returnPressed.connect(self.apply_filter)
        return hbox((self.search, 1), self.school, self.year, self.show_left)

    def _build_actions(self) -> QHBoxLayout:
        self.new_button = QPushButton("New child…")
        self.open_button = QPushButton("Open…")
        self.book_button = QPushButton("Book a club…")
        self.week_button = QPushButton("Week…")
        self.week_button.setToolTip("The child's clubs this week, and the whole family's")
        self.count = QLabel()
        self.count.setObjectName("childCount")
        return hbox((self.count, 1), self.new_button, self.open_button, self.book_button,
                    self.week_button)

    def _build_table(self) -> None:
        """The children, a page at a time as the list scrolls; Enter or a double-click opens one."""
        self.model = children_model()
        self.view = table_view(self.model, stretch=-1)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        self.view.installEventFilter(self)

    def _connect(self) -> None:
        self.school.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.year.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.show_left.toggled.connect(lambda _on: self.apply_filter())
        self.new_button.clicked.connect(lambda: self.open_child(None))
        self.open_button.clicked.connect(self.open_selected)
        self.book_button.clicked.connect(self.book_selected)
        self.week_button.clicked.connect(self.week_of_selected)
        search_leads_to(self.search, self.view)

    # ----- filters
    def _load_schools(self) -> None:
        chosen = self.school.currentData()
        sites = feedback.guarded(self, "Children", lambda: self.app.sites.list(include_inactive=True))
        self.school.blockSignals(True)
        self.school.clear()
        self.school.addItem("All schools", None)
        for site in sites or []:
            self.school.addItem(site.name if site.active else f"{site.name} (left the cluster)",
                                site.id)
        self.school.setCurrentIndex(max(0, self.school.findData(chosen)))
        self.school.blockSignals(False)
        self._school_names = [site.name for site in sites or []]
        self._size_columns()

    def _size_columns(self) -> None:
        """Widths from the font actually used (the style sheet applies only once shown)."""
        metrics = self.view.fontMetrics()
        char = metrics.averageCharWidth()
        header = self.view.horizontalHeader()
        for column, chars in _WIDTHS.items():
            header.resizeSection(column, chars * char + 16)
        widest = max((metrics.horizontalAdvance(name) for name in self._school_names), default=0)
        header.resizeSection(lazy_children.SCHOOL, max(_WIDTHS[lazy_children.SCHOOL] * char,
                                                       min(widest, 44 * char)) + 20)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # once: later the user's own column widths stay
            self._sized = True
            self._size_columns()

    def _sites_changed(self) -> None:
        self._load_schools()
        self.refresh()

    def filters(self) -> tuple[str, int | None, int | None, bool]:
        return (self.search.text(), self.school.currentData(), self.year.currentData(),
                self.show_left.isChecked())

    def _page(self, offset: int, limit: int) -> Sequence[ChildRow]:
        query, school, year, include_left = self.filters()
        rows = feedback.guarded(self, "Children", lambda: self.app.children.search(
            query, school, year, include_left, offset=offset, limit=limit))
        return rows or []

    def apply_filter(self) -> None:
        """A new search or filter: start the list again from its first page."""
        self._typing.stop()
        self.model.set_source(self._page)
        self._after_load()
        if self.model.rowCount():
            self.view.scrollToTop()

    def refresh(self) -> None:
        """Data changed elsewhere: load again, keeping the selection and how far the list was read."""
        self._typing.stop()
        chosen = self.selected()
        self.model.reload(min(self.model.rowCount(), RELOAD_AT_MOST))
        self._after_load()
        if chosen is not None:
            self.select_child(chosen.id)

    def on_shown(self) -> None:
        self.search.setFocus()

    def _after_load(self) -> None:
        query, school, year, include_left = self.filters()
        total = feedback.guarded(self, "Children", lambda: self.app.children.count(
            query, school, year, include_left))
        self.total = total or 0
        filtered = bool(query.strip()) or school is not None or year is not None
        self.count.setText(count_text(self.total, filtered, include_left))
        self.view.setColumnHidden(lazy_children.LEFT, not include_left)

    # ----- selection and the editor
    def selected(self) -> ChildRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def only_match(self) -> ChildRow | None:
        """The child when the search found exactly one: "Book a club…" needs no extra click then."""
        if self.model.rowCount() == 1 and not self.model.canFetchMore():
            self.view.selectRow(0)
            return self.model.row(0)
        return None

    def select_child(self, child_id: int) -> bool:
        for number, row in enumerate(self.model.rows):
            if row.id == child_id:
                self.view.selectRow(number)
                self.view.scrollTo(self.model.index(number, 0))
                return True
        return False

    def open_selected(self) -> None:
        row = self.selected()
        if row is None:
            feedback.inform(self, "Open child", "Choose a child in the list first.")
            return
        self.open_child(row.id)

    def book_selected(self) -> None:
        """The booking dialog for the chosen child (standing or one-off)."""
        from hubdesk.ui.clubs.booking_dialog import BookingDialog

        row = self.selected() or self.only_match()
        if row is None:
            feedback.inform(self, "Book a club", "Choose a child in the list first.")
            return
        self._show_dialog(BookingDialog(self.app, self.events, self.app.clock.today(), child_id=row.id,
                                        parent=self))

    def week_of_selected(self) -> None:
        from hubdesk.ui.clubs.child_week import ChildWeekDialog

        row = self.selected()
        if row is None:
            feedback.inform(self, "A child's week", "Choose a child in the list first.")
            return
        self._show_dialog(ChildWeekDialog(self.app, self.events, self.app.clock.today(), row.id, self))

    def _show_dialog(self, dialog: QDialog) -> None:
        self.other_dialog = dialog
        self.open_dialog(dialog)

    def open_child(self, child_id: int | None) -> None:
        def load() -> ChildDialog:
            form = self.app.children.get(child_id) if child_id is not None else None
            sites = self.app.sites.list(include_inactive=True)
            return ChildDialog(self.app, self.events, form, sites, self)

        dialog = feedback.guarded(self, "Open child", load)
        if dialog is None:
            return
        self.dialog = dialog
        dialog.saved.connect(self.select_child)
        self.open_dialog(dialog)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a row opens the child, like a double-click."""
        if (watched is self.view and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.open_selected()
            return True
        return super().eventFilter(watched, event)
