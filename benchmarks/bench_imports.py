"""Imports at their row limit, as the office runs them: ``hubdesk import children FILE`` in its own process.

Targets (issue 13): a children file at the 10,000-row limit (two carers a row) previewed and applied in
under 60 s and 600 MB; a 100,000-row file refused in under 5 s and 200 MB, before any row is parsed.
"""

from __future__ import annotations

import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import bench_open, settings_for

from hubdesk.core.table_files import LIMITS
from hubdesk.services.sites import SiteForm

HEADERS = ["UPN", "Legal Surname", "Legal Forename", "DOB", "School", "NC Year", "FSM",
           "Contact 1 Forename", "Contact 1 Surname", "Contact 1 Mobile", "Contact 1 Email",
           "Contact 2 Forename", "Contact 2 Surname", "Contact 2 Mobile"]


def write_file(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADERS)
        for n in range(rows):
            born = date(2015 + n % 7, 1 + n % 12, 1 + n % 28)
            out.writerow([f"A{n:011d}{n % 10}", f"Surname{n // 2}", f"Child{n}", born.isoformat(),
                          "Oakfield Primary" if n % 2 else "Elm Street Primary", str(1 + n % 6),
                          "Y" if n % 5 == 0 else "N", f"Parent{n // 2}", f"Surname{n // 2}",
                          f"07700 {n // 2:06d}", f"parent{n // 2}@example.org",
                          f"Other{n // 2}", f"Surname{n // 2}", f"07800 {n // 2:06d}"])


def run_import(database: Path, file: Path) -> tuple[float, float, int, str]:
    """Wall seconds, peak MB of the child process, its exit code and last line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "hubdesk", "import", "children", str(file),
                           "--database", str(database)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
                          check=False)
    seconds = time.perf_counter() - started
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    last = (done.stdout + done.stderr).strip().splitlines()[-1:] or [""]
    return seconds, peak, done.returncode, last[0][:120]


def main() -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "hub.db"
        app = bench_open(settings_for(database), create=True)
        app.sites.save(SiteForm(name="Oakfield Primary", dfe_number="8882001", is_hub=True))
        app.sites.save(SiteForm(name="Elm Street Primary", dfe_number="8882002"))
        app.close()
        for rows, target_s, target_mb in ((100_000, 5, 200), (LIMITS.rows, 60, 600)):
            file = Path(folder) / f"children-{rows}.csv"
            write_file(file, rows)
            seconds, peak, code, last = run_import(database, file)
            line = (f"import children, {rows:,} rows: {seconds:6.1f} s (target {target_s} s), "
                    f"peak {peak:5.0f} MB (target {target_mb} MB), exit {code}: {last}")
            print(line, flush=True)
            lines.append(line)
    return lines


if __name__ == "__main__":
    main()
