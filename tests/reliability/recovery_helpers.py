"""Helpers for the recovery tests: run ``python -m hubdesk`` in a fresh home, and damage files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def hubdesk(home: Path, *args: str, limit_bytes: int | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``python -m hubdesk ARGS`` with its own HOME and XDG folders; ``limit_bytes`` caps file sizes
    (RLIMIT_FSIZE, SIGXFSZ ignored) so writes fail as on a full disk."""
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config"), "PYTHONPATH": str(ROOT),
           "QT_QPA_PLATFORM": "offscreen"}
    env.pop("HUBDESK_DATABASE", None)
    env.pop("HUBDESK_BACKUP_DIR", None)
    code = ["-m", "hubdesk", *args]
    if limit_bytes is not None:
        code = ["-c", "import resource, runpy, signal, sys; signal.signal(signal.SIGXFSZ, "
                f"signal.SIG_IGN); resource.setrlimit(resource.RLIMIT_FSIZE, ({limit_bytes}, "
                f"{limit_bytes})); sys.argv = ['hubdesk', *{list(args)!r}]; "
                "runpy.run_module('hubdesk', run_name='__main__')"]
    return subprocess.run([sys.executable, *code], env=env, capture_output=True, text=True,
                          timeout=timeout, cwd=str(home))


def count(path: Path, table: str) -> int:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def sql(path: Path, statement: str) -> None:
    """One statement, committed, and the connection closed (an open one would hold the file)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def checkpoint(path: Path) -> None:
    """Fold the WAL into the main file, so the file on disk is the whole database."""
    sql(path, "PRAGMA wal_checkpoint(TRUNCATE)")


def damage(path: Path) -> None:
    """Overwrite pages in the middle of the file with noise (a bad sector, a failed write)."""
    checkpoint(path)
    data = bytearray(path.read_bytes())
    page = 4096
    for n in range(2, max(3, len(data) // page - 1)):
        data[n * page + 8:n * page + 200] = os.urandom(192)
    path.write_bytes(bytes(data))


def damage_table(path: Path, table: str) -> None:
    """Noise over the first page of one table only: its header, schema and version still read."""
    checkpoint(path)
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        root = int(conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                (table,)).fetchone()[0])
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start:start + page_size] = os.urandom(page_size)
    path.write_bytes(bytes(data))
