"""What `pip install .` installs: every package, the migrations, and the fonts, style sheet and demo files."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_folder_of_the_package_is_listed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "hubdesk").rglob("*.py")
               if "__pycache__" not in p.parts}
    assert on_disk - listed == set()
    assert "hubdesk.resources" in listed


def test_the_wheel_carries_resources_and_migrations(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps",
                    "-q", "-w", str(tmp_path)], check=True, capture_output=True)
    [wheel] = tmp_path.glob("hubdesk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("hubdesk/resources/style.qss", "hubdesk/resources/fonts/DejaVuSans.ttf",
                   "hubdesk/resources/fonts/DejaVuSans-Bold.ttf",
                   "hubdesk/resources/demo/sample-mis-export.csv", "hubdesk/resources/icons/hubdesk-32.png",
                   "hubdesk/resources/icons/hubdesk.ico",
                   "hubdesk/core/migrations/env.py", "hubdesk/core/migrations/versions/0001_foundation.py"):
        assert needed in names, needed
