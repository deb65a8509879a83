"""``hubdesk --self-test``: open the main window, show every page once, and quit.

It proves that a build (pip-installed or frozen) carries every page, its Qt plugins and its resources, so
CI and an office after installing can check the program opens without anyone clicking through it. The
database is the one the program would open (``--database``, $HUBDESK_DATABASE or the data folder); only
the usual migrations write to it, and the window's saved size is left alone.
"""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget

from hubdesk.app import database_label, open_app
from hubdesk.core.words import count
from hubdesk.settings import load_settings
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.tasks import cancel_reads

log = logging.getLogger(__name__)


def run_self_test(database: str | None = None) -> int:
    """0 when the window and every page showed with no error; 1 and a sentence naming the page if not."""
    from hubdesk.ui.shell.main import qt_app
    from hubdesk.ui.shell.main_window import MainWindow
    from hubdesk.ui.shell.sign_in import sign_in_from_environment

    settings = load_settings(database)
    qapp = qt_app()
    problems: list[str] = []

    def warn(parent: QWidget | None, title: str, text: str) -> None:
        problems.append(f"it said “{title}: {text}”")

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("self-test: unexpected error", exc_info=(kind, error, tb))
        problems.append(f"{kind.__name__}: {error}")

    saved_warn, saved_hook = feedback.warn, sys.excepthook
    feedback.warn, sys.excepthook = warn, hook
    app = open_app(settings)
    # A database with users: the pages of whoever HUBDESK_USER names (the installer's smoke test
    # names the demo's administrator); with no one signed in only the pages anyone may see.
    sign_in_from_environment(app)
    current = "the main window"
    window: MainWindow | None = None
    try:
        window = MainWindow(app)
        window.show()
        qapp.processEvents()
        for title, _factory in window.visible_pages:
            current = f"the page “{title}”"
            page = window.show_page(title)
            qapp.processEvents()
            if not problems and not page.isVisible():
                problems.append("it stayed hidden")
            if problems:
                break
    except Exception as exc:
        log.error("self-test: %s did not open", current, exc_info=True)
        problems.append(f"{type(exc).__name__}: {str(exc)[:200]}")
    finally:
        cancel_reads()  # background reads (Today's areas) end before the window and database go
        QThreadPool.globalInstance().waitForDone()
        if window is not None:  # a page that failed must not leave the window open behind it
            window.hide()
            window.deleteLater()
        feedback.warn, sys.excepthook = saved_warn, saved_hook
        app.close()
    if problems:
        print(f"hubdesk self-test failed: {current} did not open ({problems[0]}).", file=sys.stderr)
        return 1
    shown = len(window.visible_pages) if window is not None else 0
    print(f"hubdesk self-test: the main window and {count(shown, 'page')} opened on "
          f"{database_label(settings)}.")
    return 0
