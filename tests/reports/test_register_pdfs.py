"""Register and fire-register PDFs read back: every child once, exact names, sheets, fonts."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from hubdesk.app import HubApp
from hubdesk.core.models import Child, ClubSession
from hubdesk.reports.fire_register import write_fire_register
from hubdesk.reports.registers import write_registers
from hubdesk.services.progress import Cancelled, Progress
from tests.reports.pdf_helpers import embedded_fonts, pages_text
from tests.services.registers.registers_data import DAY, Cluster, book, build_cluster, frozen_now

__all__ = ["frozen_now"]
NAMES = ["Wiśniewska, Łucja", "Öztürk, Şükrü", "O'Neill-Brennan, Aoife", "Smith & Jones, Tom <Tiny>"]


@pytest.fixture
def cluster(hub: HubApp, two_schools: dict[str, int], frozen_now: datetime) -> Cluster:
    return build_cluster(hub, two_schools, capacity=120)


def at(hour: int, minute: int) -> datetime:
    return datetime(DAY.year, DAY.month, DAY.day, hour, minute)


def add_children(hub: HubApp, cluster: Cluster, count: int) -> None:
    """Fill the after-school session with more children, some with very long names and notes."""
    with hub.factory.begin() as s:
        for n in range(count):
            long = n % 17 == 0
            child = Child(forename=f"Child{n:03d}" + (" Maximiliana-Alexandrina" if long else ""),
                          surname="Featherstonehaugh-Cholmondeley" if long else f"Sur{n:03d}",
                          date_of_birth=DAY.replace(year=2018), school_site_id=cluster.elm,
                          year_group=n % 7,
                          medical_notes=("Type 1 diabetes: insulin pump, check levels at 16:00 "
                                         "& before leaving; hypo kit <blue box> " * 3)
                          if n % 11 == 0 else "")
            s.add(child)
            s.flush()
            book(s, child.id, cluster.after_school)


def sections(text: str) -> list[str]:
    return re.findall(r"Sheet (\d+) of (\d+)", text)


def test_every_booked_child_once_per_session(hub: HubApp, cluster: Cluster, tmp_path: Path) -> None:
    add_children(hub, cluster, 70)
    take = hub.registers.take
    take.sign_in(cluster.sb("lucja"), at(15, 20))
    take.sign_out(cluster.sb("lucja"), take.collectors(cluster.sb("lucja"))[0], at(17, 25))
    take.mark_absent(cluster.sb("tom"), "ill", "sick bug")
    registers = take.day_registers(DAY)
    out = tmp_path / "day.pdf"
    rows = write_registers(registers, out, title="Registers · 24/11/2026")
    assert rows == 75
    texts = [" ".join(page.split()) for page in pages_text(out)]  # wrapped cells joined
    whole = "\n".join(texts)
    for i, page in enumerate(texts, start=1):
        assert f"Page {i} of {len(texts)}" in page
        # the header row repeats: collection columns, or "To class" on a breakfast register
        collection = "To class" if "breakfast club ·" in page else "Collected by"
        assert collection in page and "Emergency phone" in page
    for name in NAMES:
        assert name in whole
    assert "Peanuts & tree nuts: EpiPen in the office <red bag>" in whole
    # each session's own sheets are numbered 1..n of n
    owls = [p for p in texts if "Oak Owls after-school club · Oakfield" in p]
    assert len(owls) >= 3
    assert [s for p in owls for s in sections(p)] == [(str(i), str(len(owls)))
                                                      for i in range(1, len(owls) + 1)]
    # every booked child appears exactly once in their session's pages
    owls_text = "\n".join(owls)
    for n in range(70):
        assert len(re.findall(rf"Child{n:03d}\b", owls_text)) == 1, n
    assert owls_text.count("Wiśniewska, Łucja") == 1
    assert "17:25" in owls_text and "Anna Wiśniewska" in owls_text
    assert "ABSENT: Ill: sick bug" in owls_text
    breakfast = [p for p in texts if "Oak breakfast club" in p]
    assert len(breakfast) == 1 and breakfast[0].count("Öztürk, Şükrü") == 1
    assert "May collect" not in breakfast[0] and "Collected by" not in breakfast[0]
    elm = "\n".join(p for p in texts if "Elm after-school club · Elm" in p)
    assert elm.count("O'Neill-Brennan, Aoife") == 1
    fonts = embedded_fonts(out)
    assert fonts and all(fonts.values()) and all("DejaVu" in f for f in fonts)


def test_blank_register_leaves_times_to_fill_in(hub: HubApp, cluster: Cluster,
                                                tmp_path: Path) -> None:
    take = hub.registers.take
    take.sign_in(cluster.sb("lucja"), at(15, 20))
    out = tmp_path / "blank.pdf"
    write_registers(take.day_registers(DAY, cluster.oak), out, blank=True)
    whole = " ".join(" ".join(pages_text(out)).split())
    assert "15:20" not in whole and "So far" not in whole
    assert "Write the real times" in whole and "blank, to fill in by hand" in whole
    assert whole.count("Wiśniewska, Łucja") == 1 and "Elm after-school" not in whole


def test_nothing_to_print_and_cancelling(hub: HubApp, cluster: Cluster, tmp_path: Path) -> None:
    out = tmp_path / "none.pdf"
    write_registers([], out, empty="No club sessions on Sunday 29/11/2026.")
    assert "No club sessions on Sunday" in pages_text(out)[0]
    with hub.factory.begin() as s:
        for x in s.scalars(select(ClubSession)):
            x.capacity = 120
    stop = Progress(None, lambda: True)
    with pytest.raises(Cancelled):
        write_registers(hub.registers.take.day_registers(DAY), tmp_path / "c.pdf", progress=stop)


def test_fire_register(hub: HubApp, cluster: Cluster, tmp_path: Path) -> None:
    take = hub.registers.take
    take.sign_in(cluster.sb("lucja"), at(15, 20))
    take.sign_in(cluster.sb("tom"), at(15, 22))
    out = tmp_path / "fire.pdf"
    write_fire_register(hub.registers.site.on_site(cluster.oak), out)
    [page] = [" ".join(p.split()) for p in pages_text(out)]
    assert "Fire register: Oakfield Primary" in page and "Page 1 of 1" in page
    assert "2 children, 1 staff on duty" in page and "Grace Ndlovu (club leader)" in page
    assert "Smith & Jones, Tom <Tiny>" in page and "Wiśniewska, Łucja" in page
    assert "Öztürk" not in page  # booked but not signed in: not on site
    assert all(embedded_fonts(out).values())


def test_print_commands(hub: HubApp, cluster: Cluster, tmp_path: Path,
                        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from hubdesk.app import open_app
    from hubdesk.cli import main
    from hubdesk.commands import signin

    # The command opens its own app: it runs on the test's stopped clock (the fire register is "now").
    monkeypatch.setattr(signin, "open_app",
                        lambda settings, **kw: open_app(settings, clock=hub.clock, **kw))
    hub.registers.take.sign_in(cluster.sb("lucja"), at(15, 20))
    db = hub.settings.database
    out = tmp_path / "day.pdf"
    assert main(["print", "registers", "--database", db, "--date", "2026-11-24", "-o",
                 str(out)]) == 0
    assert "Registers for 24/11/2026: 3 sessions, 5 children." in capsys.readouterr().out
    assert main(["print", "registers", "--database", db, "--date", "24/11/2026", "--site",
                 "oakfield", "--blank", "-o", str(tmp_path / "blank")]) == 0
    said = capsys.readouterr().out
    assert "Blank registers for 24/11/2026 at Oakfield Primary: 2 sessions, 4 children." in said
    assert "15:20" not in " ".join(pages_text(tmp_path / "blank.pdf"))
    assert main(["print", "registers", "--database", db, "--date", "2026-11-29", "-o",
                 str(out)]) == 0
    assert "No club sessions on Sunday 29/11/2026" in pages_text(out)[0]
    assert main(["print", "registers", "--database", db, "--date", "2026-11-24", "--site",
                 "primary", "-o", str(out)]) == 2
    assert "'primary' matches 2 sites" in capsys.readouterr().err
    fire = tmp_path / "fire.pdf"
    assert main(["print", "fire-register", "--database", db, "--site", "Oakfield Primary",
                 "-o", str(fire)]) == 0
    assert "Fire register for Oakfield Primary at Tue 24 Nov 2026 17:45: 1 child, 1 staff" in \
        capsys.readouterr().out
    assert main(["print", "fire-register", "--database", db, "--site", "Nowhere", "-o",
                 str(fire)]) == 2
    assert "No site is called 'Nowhere'" in capsys.readouterr().err
