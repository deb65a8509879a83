"""The first window shows before the ORM, the models, the services, Alembic, reportlab or openpyxl load.

Opening a database already at the newest schema reads its version with one query; the Today page reads
its areas in a worker once the event loop runs. Checked in a fresh interpreter, since this test process
has imported everything long ago.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hubdesk.app import open_app
from hubdesk.settings import Settings

SCRIPT = """
import sys
from hubdesk.app import open_app
from hubdesk.settings import load_settings
from hubdesk.ui.shell.main import qt_app
from hubdesk.ui.shell.main_window import MainWindow

qapp = qt_app()
app = open_app(load_settings(sys.argv[1]))
window = MainWindow(app)
window.show()
heavy = ("alembic", "reportlab", "openpyxl", "sqlalchemy.orm", "hubdesk.core.models",
         "hubdesk.services.people", "hubdesk.services.clubs", "hubdesk.services.rota",
         "hubdesk.services.money")
print(sorted({".".join(name.split(".")[:3]) if name.startswith("hubdesk") else
              ".".join(name.split(".")[:2]) for name in sys.modules if name.startswith(heavy)}))
"""


def test_the_window_shows_before_the_heavy_imports(settings: Settings, tmp_path: Path) -> None:
    open_app(settings, create=True).close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", SCRIPT, settings.database], capture_output=True,
                          text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
