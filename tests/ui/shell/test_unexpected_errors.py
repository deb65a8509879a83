"""A fault in the GUI's own code is logged and explained in words, never shown as a traceback."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from hubdesk.core.errors import Conflict
from hubdesk.ui.shell.main import report_unexpected
from tests.ui.helpers import Message, Said


def test_a_bug_in_a_slot_is_logged_and_explained(qtbot: QtBot, said: Said,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(sys, "excepthook", report_unexpected)

    def broken() -> None:
        raise KeyError("no such column")

    with caplog.at_level(logging.ERROR, logger="hubdesk"):
        QTimer.singleShot(0, broken)
        qtbot.waitUntil(lambda: bool(said.messages), timeout=2000)
    assert said.messages[0].title == "Something went wrong"
    assert "Traceback" not in said.messages[0].text and "hubdesk.log" in said.messages[0].text
    assert "KeyError" in caplog.text


def test_a_domain_error_that_escaped_shows_its_own_sentence(said: Said) -> None:
    try:
        raise Conflict("Someone else changed this record.")
    except Conflict as exc:
        report_unexpected(type(exc), exc, exc.__traceback__)
    assert said.messages == [Message("warn", "hubdesk", "Someone else changed this record.")]
