"""The pages of the main window, in navigation order: (title, module, class name).

Each page class takes ``(app, events, parent=None)`` and has ``refresh()``.
"""

PAGES: list[tuple[str, str, str]] = [
    ("Today", "hubdesk.ui.today.page", "TodayPage"),
    ("Children & families", "hubdesk.ui.children.page", "ChildrenPage"),
    ("Registers", "hubdesk.ui.registers.page", "RegistersPage"),
    ("Clubs", "hubdesk.ui.clubs.page", "ClubsPage"),
    ("Waiting lists", "hubdesk.ui.clubs.waiting_lists", "WaitingListsPage"),
    ("Sites & calendars", "hubdesk.ui.sites.page", "SitesPage"),
    ("Staff", "hubdesk.ui.staff.page", "StaffPage"),
    ("Staff rota", "hubdesk.ui.rota.page", "RotaPage"),
    ("Minibus", "hubdesk.ui.minibus.page", "MinibusPage"),
    ("Parent learning", "hubdesk.ui.learning.page", "LearningPage"),
    ("History", "hubdesk.ui.history.page", "HistoryPage"),
]
