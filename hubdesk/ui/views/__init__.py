"""The pages of the main window, in navigation order: (title, module, class name).

Each page class takes ``(app, events, parent=None)`` and has ``refresh()``.
"""

PAGES: list[tuple[str, str, str]] = [
    ("Today", "hubdesk.ui.views.today", "TodayPage"),
    ("Children & families", "hubdesk.ui.views.children", "ChildrenPage"),
    ("Registers", "hubdesk.ui.views.registers", "RegistersPage"),
    ("Clubs", "hubdesk.ui.views.clubs", "ClubsPage"),
    ("Waiting lists", "hubdesk.ui.views.waiting_lists", "WaitingListsPage"),
    ("Sites & calendars", "hubdesk.ui.views.sites", "SitesPage"),
    ("Staff", "hubdesk.ui.views.staff", "StaffPage"),
    ("Staff rota", "hubdesk.ui.views.rota", "RotaPage"),
    ("Minibus", "hubdesk.ui.views.minibus", "MinibusPage"),
    ("Parent learning", "hubdesk.ui.views.learning", "LearningPage"),
    ("History", "hubdesk.ui.views.history", "HistoryPage"),
]
