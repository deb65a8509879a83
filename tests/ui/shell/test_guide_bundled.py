"""F1 finds the user guide in the frozen build too: the installer bundles docs/ beside the program,
and the lookup looks there when the program runs frozen."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hubdesk.ui.shell.help import GUIDE, GuideWindow, guide_path

ROOT = Path(__file__).resolve().parents[3]


def test_the_frozen_build_looks_in_its_own_folder(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    assert guide_path() == GUIDE and GUIDE.is_file()  # a source checkout: its own docs/
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert guide_path() == tmp_path / "docs" / "user-guide.md"


def test_the_installer_bundles_the_guide_and_every_picture_it_shows(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    spec = (ROOT / "installer" / "hubdesk.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "docs" / "user-guide.md"), "docs")' in spec
    assert '(str(ROOT / "docs" / "guide"), str(Path("docs", "guide")))' in spec
    guide = GUIDE.read_text(encoding="utf-8")
    pictures = re.findall(r"\]\((guide/[^)]+\.png)\)", guide)
    assert pictures and all((GUIDE.parent / p).is_file() for p in pictures)
    # the bundle as the spec lays it out, opened from F1's frozen lookup
    bundle = tmp_path / "docs"
    bundle.mkdir()
    shutil.copy(GUIDE, bundle / "user-guide.md")
    shutil.copytree(GUIDE.parent / "guide", bundle / "guide")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    window = GuideWindow()
    qtbot.addWidget(window)
    assert "Registers" in window.browser.toPlainText()
    assert window.browser.source().toLocalFile() == str(bundle / "user-guide.md")
