"""Pages that print load reportlab when they print, not when they are first shown (it was a quarter
of a second of the Parent learning page's first visit), and the Staff rota page loads icalendar only
to write a calendar file (a third of its first visit). Checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
import hubdesk.ui.learning.page, hubdesk.ui.money.page, hubdesk.ui.minibus.page, hubdesk.ui.rota.page
print(sorted(name for name in sys.modules if name.startswith(("reportlab", "icalendar"))))
"""


def test_printing_pages_load_reportlab_and_icalendar_only_to_print() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
