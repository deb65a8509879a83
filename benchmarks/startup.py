"""What a user waits for, as whole processes, each run alternately with its floor (median of five).

    QT_QPA_PLATFORM=offscreen python benchmarks/startup.py [--scale N] [--repeat N]

Prints each scenario's median wall time and peak memory beside its floor's, and the ratio to the target.
The demo cluster is built once in a temporary folder (data folder and HOME too, so nothing of the user's is
touched). The window scenario sets HUBDESK_QUIT_WHEN_SHOWN, which makes hubdesk quit as soon as its first
window has been shown.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DAY = "2026-11-24"  # the demo's Tuesday
WEEK = "2026-11-23"


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


def run_once(argv: Sequence[str], env: dict[str, str]) -> Run:
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        error = process.stderr.read().decode(errors="replace") if process.stderr else ""
        raise SystemExit(f"{' '.join(argv)} failed ({status}):\n{error[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)


def compare(name: str, mine: Sequence[str], floor: Sequence[str], env: dict[str, str], repeat: int,
            target: float | None) -> None:
    run_once(mine, env), run_once(floor, env)  # warm the file cache
    ours: list[Run] = []
    floors: list[Run] = []
    for _ in range(repeat):
        ours.append(run_once(mine, env))
        floors.append(run_once(floor, env))
    a = statistics.median(r.seconds for r in ours)
    b = statistics.median(r.seconds for r in floors)
    peak = max(r.peak_mb for r in ours)
    ratio = a / b
    verdict = "" if target is None else ("ok" if ratio <= target else "SLOW")
    goal = f"target ≤{target:.1f}×" if target else ""
    print(f"{name:<44} {a:6.2f} s  floor {b:5.2f} s  {ratio:5.2f}×  {goal:<12} {verdict:<4}  "
          f"peak {peak:4.0f} MB", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        env = {**os.environ, "HOME": str(root / "home"), "XDG_DATA_HOME": str(root / "data"),
               "XDG_CONFIG_HOME": str(root / "config"),
               "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        env.pop("HUBDESK_DATABASE", None)
        db = str(root / "demo.db")
        hub = [sys.executable, "-m", "hubdesk"]
        print(f"building the demo at scale {args.scale} …", flush=True)
        subprocess.run([*hub, "--database", db, "demo", "--no-gui", "--scale", str(args.scale)],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        bare = [sys.executable, "-c", "pass"]
        compare("hubdesk --version", [*hub, "--version"], bare, env, args.repeat, None)
        compare("hubdesk --help", [*hub, "--help"], bare, env, args.repeat, None)
        window_env = {**env, "HUBDESK_QUIT_WHEN_SHOWN": "1"}
        compare("open the program to its first window", [*hub, "--database", db],
                [sys.executable, str(HERE / "floors" / "bare_window.py"), db], window_env, args.repeat,
                1.5 if args.scale == 1 else 2.0)
        floor_pdf = [sys.executable, str(HERE / "floors" / "bare_reportlab.py"), str(root / "floor.pdf")]
        compare("print the cluster's registers for a day",
                [*hub, "--database", db, "print", "registers", "--date", DAY, "-o", str(root / "r.pdf")],
                floor_pdf, env, args.repeat, 1.5)
        compare("print the week's rota, every site",
                [*hub, "--database", db, "print", "rota", "--week", WEEK, "-o", str(root / "rota.pdf")],
                floor_pdf, env, args.repeat, 1.5)
        compare("print the week's minibus run sheets",
                [*hub, "--database", db, "print", "minibus", "--week", WEEK, "-o", str(root / "m.pdf")],
                floor_pdf, env, args.repeat, 1.5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
