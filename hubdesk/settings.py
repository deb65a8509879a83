"""Where hubdesk keeps its data, which database it opens, and where shipped resources live."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "hubdesk"
ENV_DATABASE = "HUBDESK_DATABASE"


def data_dir() -> Path:
    """The user's data folder (local, not roaming: a SQLite file must not roam)."""
    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


def resources_dir() -> Path:
    """The shipped resources folder in a frozen build, an installed wheel or a source checkout."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    try:
        from hubdesk.resources import RESOURCE_DIR  # installed wheel

        return Path(RESOURCE_DIR)
    except ImportError:
        return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


@dataclass(frozen=True)
class Settings:
    """What the composition root needs to start."""

    database: str
    data_dir: Path
    backup_dir: Path
    user: str | None = None


def load_settings(database: str | None = None) -> Settings:
    """Settings from the command line (``--database``), the environment, or the defaults."""
    folder = data_dir()
    chosen = database or os.environ.get(ENV_DATABASE) or str(folder / "hubdesk.db")
    backups = Path(os.environ.get("HUBDESK_BACKUP_DIR", "")) if os.environ.get(
        "HUBDESK_BACKUP_DIR") else _default_backup_dir(chosen, folder)
    return Settings(database=chosen, data_dir=folder, backup_dir=backups)


def _default_backup_dir(database: str, folder: Path) -> Path:
    if "://" in database:
        return folder / "backups"
    return Path(database).expanduser().resolve().parent / "backups"
