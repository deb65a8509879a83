"""``hubdesk --self-test`` opens every page and says which page failed when one does."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hubdesk import cli
from hubdesk.ui.shell import feedback, pages
from hubdesk.ui.shell.main_window import MainWindow
from tests.conftest import copy_database


def test_the_self_test_opens_every_page_and_exits_0(qtbot: QtBot, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    warn_before = feedback.warn
    assert cli.main(["init", str(tmp_path / "hub.db")]) == 0
    assert cli.main(["--database", str(tmp_path / "hub.db"), "--self-test"]) == 0
    assert f"the main window and {len(pages.PAGES)} pages opened" in capsys.readouterr().out
    assert feedback.warn is warn_before


def test_a_page_that_fails_to_build_fails_the_self_test_by_name(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    def broken() -> type:
        raise ModuleNotFoundError("No module named 'hubdesk.ui.minibus.page'")

    monkeypatch.setattr(pages, "PAGES", [*pages.PAGES[:-1], ("Minibus", broken)])
    monkeypatch.setattr("hubdesk.ui.shell.main_window.PAGES", pages.PAGES)
    assert cli.main(["init", str(tmp_path / "hub.db")]) == 0
    assert cli.main(["--database", str(tmp_path / "hub.db"), "--self-test"]) == 1
    said = capsys.readouterr().err
    assert "self-test failed" in said and "No module named 'hubdesk.ui.minibus.page'" in said
    left = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    assert left == []  # the self-test's window does not stay open behind the failure


def test_on_a_database_with_users_it_opens_the_pages_of_the_user_named(
        qtbot: QtBot, tmp_path: Path, demo_template: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """HUBDESK_USER names the demo's administrator (the test environment's): every page opens;
    with no one named, only the pages anyone may see."""
    target = tmp_path / "demo.db"
    copy_database(demo_template, target)
    assert cli.main(["--database", str(target), "--self-test"]) == 0
    assert f"the main window and {len(pages.PAGES)} pages opened" in capsys.readouterr().out
    monkeypatch.delenv("HUBDESK_USER")
    assert cli.main(["--database", str(target), "--self-test"]) == 0
    assert "the main window and 1 page opened" in capsys.readouterr().out
