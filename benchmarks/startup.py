"""What a user waits for, as whole processes, each run alternately with its floor (median of five).

    QT_QPA_PLATFORM=offscreen python benchmarks/startup.py [--scale N] [--repeat N]

Prints each scenario's median wall time and peak memory beside its floor's, and the ratio to the target.
The demo cluster is built once in a temporary folder (data folder and HOME too, so nothing of the user's is
touched). The window scenario sets HUBDESK_QUIT_WHEN_SHOWN, which makes hubdesk print "window shown" and
quit as soon as its first window is up (the floor prints the same line); that line is what is timed,
since the Today page's areas are still being read in the background then. Bytecode is cached as an
installed program's is (PYTHONDONTWRITEBYTECODE, set on the development machine, is dropped).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
DAY = "2026-11-24"  # a day of the demo's term so far: its registers are filled in
MONTH = "2026-11"  # the month of the statements (the demo's payments are in it)


def demo_week(database: str) -> str:
    """The Monday of the week the demo built its rota and minibus runs for (the week it was built in).

    Read from the file rather than the clock: a week without shifts or runs prints almost nothing.
    """
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
        first = conn.execute("SELECT min(day) FROM shifts").fetchone()[0]
    monday = date.fromisoformat(first)
    return (monday - timedelta(days=monday.weekday())).isoformat()


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


def run_once(argv: Sequence[str], env: dict[str, str], marker: str | None = None) -> Run:
    """Wall time of the whole process, or until it prints ``marker`` (the window shown); peak memory."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE if marker else subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    seconds = 0.0
    if marker and process.stdout is not None:
        for line in process.stdout:
            if line.decode(errors="replace").strip() == marker:
                seconds = time.perf_counter() - started
                break
        process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = seconds or time.perf_counter() - started
    if status != 0:
        error = process.stderr.read().decode(errors="replace") if process.stderr else ""
        raise SystemExit(f"{' '.join(argv)} failed ({status}):\n{error[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)


def compare(name: str, mine: Sequence[str], floor: Sequence[str], env: dict[str, str], repeat: int,
            target: float | None, marker: str | None = None) -> None:
    run_once(mine, env, marker), run_once(floor, env, marker)  # warm the file and bytecode caches
    ours: list[Run] = []
    floors: list[Run] = []
    for _ in range(repeat):
        ours.append(run_once(mine, env, marker))
        floors.append(run_once(floor, env, marker))
    a = statistics.median(r.seconds for r in ours)
    b = statistics.median(r.seconds for r in floors)
    peak = max(r.peak_mb for r in ours)
    ratio = a / b
    verdict = "" if target is None else ("ok" if ratio <= target else "SLOW")
    goal = f"target ≤{target:.1f}×" if target else ""
    print(f"{name:<44} {a:6.2f} s  floor {b:5.2f} s  {ratio:5.2f}×  {goal:<12} {verdict:<4}  "
          f"peak {peak:4.0f} MB", flush=True)


def commands(hub: list[str], _db: str, _root: Path, env: dict[str, str], args: argparse.Namespace) -> None:
    bare = [sys.executable, "-c", "pass"]
    compare("hubdesk --version", [*hub, "--version"], bare, env, args.repeat, None)
    compare("hubdesk --help", [*hub, "--help"], bare, env, args.repeat, None)


def window(hub: list[str], db: str, _root: Path, env: dict[str, str], args: argparse.Namespace) -> None:
    """What a person sees first is the sign-in dialog; a script (HUBDESK_USER) gets the window itself,
    after the password's check (argon2, about a tenth of a second by design)."""
    window_env = {**env, "HUBDESK_QUIT_WHEN_SHOWN": "1"}
    floor = [sys.executable, str(HERE / "floors" / "bare_window.py"), db]
    target = 1.5 if args.scale == 1 else 2.0
    person = {k: v for k, v in window_env.items() if k not in ("HUBDESK_USER", "HUBDESK_PASSWORD_FILE")}
    compare("open the program to the sign-in dialog", [*hub, "--database", db], floor, person,
            args.repeat, target, marker="window shown")
    compare("open the program to its window (HUBDESK_USER)", [*hub, "--database", db], floor,
            window_env, args.repeat, target, marker="window shown")
    compare("… beside a bare window + the password's check", [*hub, "--database", db],
            [*floor, "--password"], window_env, args.repeat, target, marker="window shown")


def statement_rows(hub: list[str], db: str, env: dict[str, str]) -> list[str]:
    """Families, charge rows and payment rows of the month's statements: the floor draws as many."""
    code = ("import sys; from datetime import date; from hubdesk.app import open_app; "
            "from hubdesk.settings import load_settings; from hubdesk.commands.signin import signed_in; "
            "app = signed_in(open_app(load_settings(sys.argv[1]))); "
            f"b = app.money.accounts.statements(date.fromisoformat('{MONTH}-01'), "
            f"date.fromisoformat('{MONTH}-30')); "
            "print(len(b.statements), sum(len(s.lines) for s in b.statements), "
            "sum(len(s.payments) for s in b.statements))")
    done = subprocess.run([hub[0], "-c", code, db], env=env, check=True, capture_output=True, text=True)
    return done.stdout.split()


def printouts(hub: list[str], db: str, root: Path, env: dict[str, str], args: argparse.Namespace) -> None:
    """Each printout beside a bare reportlab floor of as many pages, with the same fonts embedded."""
    floors = HERE / "floors"

    def floor(*pages: str) -> list[str]:
        return [sys.executable, str(floors / "bare_reportlab.py"), str(root / "floor.pdf"), *pages]

    def database_floor(*pages: str) -> list[str]:
        return [sys.executable, str(floors / "bare_print.py"), db, str(root / "floor.pdf"), *pages]

    week = demo_week(db)
    printouts = (
        ("print the cluster's registers for a day (60 pages)",
         ["print", "registers", "--date", DAY, "-o", str(root / "r.pdf")], ("30",)),
        ("print the week's rota, every site (10 pages)",
         ["print", "rota", "--week", week, "-o", str(root / "rota.pdf")], ("5",)),
        ("print the week's minibus timetable (1 page)",
         ["print", "minibus", "--week", week, "-o", str(root / "m.pdf")], ("1", "12")),
    )
    for name, argv, pages in printouts:
        compare(name, [*hub, "--database", db, *argv], floor(*pages), env, args.repeat, 1.5)
        compare("… beside SQLAlchemy + the password's check + reportlab", [*hub, "--database", db, *argv],
                database_floor(*pages), env, args.repeat, 1.5)
    if args.scale == 1:
        rows = statement_rows(hub, db, env)
        compare(f"print the month's statements ({rows[0]} families)",
                [*hub, "--database", db, "print", "statements", "--month", MONTH, "-o",
                 str(root / "s.pdf")],
                [sys.executable, str(floors / "bare_statements.py"), str(root / "floor.pdf"), *rows],
                env, args.repeat, 1.5)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database", help="an existing demo database of that scale (else one is built)")
    parser.add_argument("--only", choices=("commands", "window", "print"), help="one group of scenarios")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        env = {**os.environ, "HOME": str(root / "home"), "XDG_DATA_HOME": str(root / "data"),
               "XDG_CONFIG_HOME": str(root / "config"), "XDG_CACHE_HOME": str(root / "cache"),
               "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        env.pop("HUBDESK_DATABASE", None)
        # As installed: compiled bytecode is kept (in the temporary folder), not compiled on every start.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
        # The demo has users: the window and the commands sign in as its administrator.
        password = root / "password"
        password.write_text("demo-admin\n", encoding="utf-8")
        password.chmod(0o600)
        env.update(HUBDESK_USER="admin", HUBDESK_PASSWORD_FILE=str(password))
        db = args.database or str(root / "demo.db")
        hub = [sys.executable, "-m", "hubdesk"]
        if not args.database:
            print(f"building the demo at scale {args.scale} …", flush=True)
            subprocess.run([*hub, "--database", db, "demo", "--no-gui", "--scale", str(args.scale)],
                           env=env, check=True, stdout=subprocess.DEVNULL)
        groups = (("commands", commands), ("window", window), ("print", printouts))
        for group, scenarios in groups:
            if args.only in (None, group):
                scenarios(hub, db, root, env, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
