"""The staff rota on the scale-1 demo cluster (8 sites, about 100 staff, two weeks of shifts).

Targets (issue 6): checking the whole cluster's week (all sites, all shifts) in under 300 ms; the
weekly grid of one site opens in under 300 ms (the service and the page); the rota PDF of all
8 sites for a week in under 1 s.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import TODAY, demo_app, report, timed
from PySide6.QtWidgets import QApplication

from hubdesk.reports.rota import write_site_rota
from hubdesk.ui.rota.page import RotaPage
from hubdesk.ui.shell.events import AppEvents


def main() -> None:
    qt = QApplication.instance() or QApplication([])
    with demo_app(scale=1) as (app, _summary):
        problems = app.rota.problems(TODAY)
        report(f"Check the cluster's week ({len(problems)} problems)",
               timed(lambda: app.rota.problems(TODAY)), 300)
        sites = app.sites.list()
        busiest = max(sites, key=lambda x: len(app.rota.week_grid(x.id or 0, TODAY).sessions))
        report(f"Weekly grid of one site, service ({busiest.name})",
               timed(lambda: app.rota.week_grid(busiest.id or 0, TODAY)), 300)
        events = AppEvents()
        pages: list[RotaPage] = []

        def open_page() -> None:
            page = RotaPage(app, events, today=TODAY)
            page.choose_site(busiest.id or 0)
            pages.append(page)
            qt.processEvents()

        report("Staff rota page: open on the busiest site's week", timed(open_page), 300)
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "rota.pdf"

            def pdf() -> None:
                write_site_rota(app.rota.week_grids(TODAY), target)

            report(f"Rota PDF of all {len(sites)} sites for a week", timed(pdf, repeat=3), 1000)


if __name__ == "__main__":
    main()
