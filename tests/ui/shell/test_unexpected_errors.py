"""A fault in the GUI's own code is logged and explained in words, never shown as a traceback."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from hubdesk.core.errors import Conflict
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.main import report_unexpected


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    messages: list[tuple[str, str]] = []
    monkeypatch.setattr(feedback, "warn", lambda _p, title, text: messages.append((title, text)))
    return messages


def test_a_bug_in_a_slot_is_logged_and_explained(qtbot: QtBot, said: list[tuple[str, str]],
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(sys, "excepthook", report_unexpected)

    def broken() -> None:
        raise KeyError("no such column")

    with caplog.at_level(logging.ERROR, logger="hubdesk"):
        QTimer.singleShot(0, broken)
        qtbot.waitUntil(lambda: bool(said), timeout=2000)
    assert said[0][0] == "Something went wrong"
    assert "Traceback" not in said[0][1] and "hubdesk.log" in said[0][1]
    assert "KeyError" in caplog.text


def test_a_domain_error_that_escaped_shows_its_own_sentence(said: list[tuple[str, str]]) -> None:
    try:
        raise Conflict("Someone else changed this record.")
    except Conflict as exc:
        report_unexpected(type(exc), exc, exc.__traceback__)
    assert said == [("hubdesk", "Someone else changed this record.")]
