"""Where hubdesk keeps its data, which database it opens, and where shipped resources live."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_dir, user_config_dir, user_data_dir

APP_NAME = "hubdesk"
ENV_DATABASE = "HUBDESK_DATABASE"


def data_dir() -> Path:
    """The user's data folder (local, not roaming: a SQLite file must not roam)."""
    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


def cache_dir() -> Path:
    """The user's cache folder: what hubdesk can work out again if it is lost (bank holidays)."""
    return Path(user_cache_dir(APP_NAME, appauthor=False))


def resources_dir() -> Path:
    """The shipped resources folder in a frozen build, an installed wheel or a source checkout."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "resources" / "fonts").is_dir():
        # A source checkout uses its own resources, even when another checkout is installed
        # (editable) in the same environment.
        return checkout / "resources"
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
    chosen_backups = os.environ.get("HUBDESK_BACKUP_DIR") or _preferences().get("backup_dir")
    backups = Path(chosen_backups) if chosen_backups else _default_backup_dir(chosen, folder)
    return Settings(database=chosen, data_dir=folder, backup_dir=backups)


def preferences_file() -> Path:
    """This user's preferences (a small JSON file in the config folder; no Qt needed to read it)."""
    return Path(user_config_dir(APP_NAME, appauthor=False, roaming=False)) / "preferences.json"


def _preferences() -> dict[str, str]:
    try:
        loaded = json.loads(preferences_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}


def save_backup_dir(folder: Path | None) -> None:
    """Remember the backup folder (e.g. on another drive); None goes back to beside the database."""
    values = _preferences()
    if folder is None:
        values.pop("backup_dir", None)
    else:
        values["backup_dir"] = str(folder)
    target = preferences_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(json.dumps(values, indent=1), encoding="utf-8")
    os.replace(partial, target)


def _default_backup_dir(database: str, folder: Path) -> Path:
    if "://" in database:
        return folder / "backups"
    return Path(database).expanduser().resolve().parent / "backups"
