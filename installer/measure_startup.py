"""Start-up of the frozen program against the pip-installed one, to the first window (median of N).

    QT_QPA_PLATFORM=offscreen python installer/measure_startup.py [dist/hubdesk] [--repeat 5]

The pip-installed program is this checkout's wheel installed into a temporary folder (its dependencies
from the running Python). Both open the same demo database with HUBDESK_QUIT_WHEN_SHOWN=1, which quits as
soon as the first window has been shown; runs alternate so both see the same machine load. The target for
the frozen program is at most 1.2x the installed one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seconds(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("frozen", nargs="?", default=str(ROOT / "dist" / "hubdesk"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    frozen = Path(args.frozen).resolve()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w",
                        str(tmp / "wheel")], check=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                        str(tmp / "site"), *map(str, (tmp / "wheel").glob("*.whl"))], check=True)
        env = {**os.environ, "HOME": str(tmp / "home"), "XDG_DATA_HOME": str(tmp / "data"),
               "XDG_CONFIG_HOME": str(tmp / "config"), "XDG_CACHE_HOME": str(tmp / "cache"),
               "PYTHONPATH": str(tmp / "site"),
               "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "HUBDESK_DATABASE": str(tmp / "demo.db"), "HUBDESK_USER": "admin",
               "HUBDESK_PASSWORD_FILE": str(tmp / "password")}
        (tmp / "password").write_text("demo-admin\n", encoding="utf-8")  # the demo's administrator
        subprocess.run([str(frozen / "hubdesk-cli"), "demo", "--no-gui"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        scenarios = {"--version": ["--version"], "first window": []}
        for name, extra in scenarios.items():
            run_env = {**env, "HUBDESK_QUIT_WHEN_SHOWN": "1"} if not extra else env
            installed = [sys.executable, "-m", "hubdesk", *extra]
            bundle = [str(frozen / "hubdesk"), *extra]
            seconds(installed, run_env), seconds(bundle, run_env)  # warm the file cache
            pip_runs, frozen_runs = [], []
            for _ in range(args.repeat):
                pip_runs.append(seconds(installed, run_env))
                frozen_runs.append(seconds(bundle, run_env))
            a, b = statistics.median(pip_runs), statistics.median(frozen_runs)
            print(f"{name:<14} pip-installed {a:5.2f} s   frozen {b:5.2f} s   {b / a:4.2f}x", flush=True)
    size = sum(p.stat().st_size for p in frozen.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"frozen folder {frozen}: {size / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
