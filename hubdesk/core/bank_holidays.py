"""England's bank holidays from the ``holidays`` package, kept on disk from one run to the next.

The package imports every country it knows before it answers (about 70 ms), and the first window and
the rota's printout each ask for a day's status. The years it worked out are kept in the user's cache
folder under the installed package's version (found without importing it), so the package's upgrade,
which is how a newly announced bank holiday arrives, works them out afresh. The names are kept as the
package gives them; ``core.calendar`` words them.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import date
from importlib.util import find_spec
from pathlib import Path

FILE_NAME = "bank-holidays-england.json"
log = logging.getLogger(__name__)
_folder: Path | None = None


def keep_in(folder: Path | None) -> None:
    """Keep the years worked out in ``folder`` (the process's entry sets it); None keeps nothing."""
    global _folder
    _folder = folder


def england(year: int) -> dict[date, str]:
    """The bank holidays of England in ``year``, by day, named as the ``holidays`` package names them."""
    source = package_source() if _folder is not None else None  # nothing kept: no need to know
    kept = _read(source)
    if str(year) in kept:
        return {date.fromisoformat(day): name for day, name in kept[str(year)].items()}
    found = _work_out(year)
    if source is not None:
        kept[str(year)] = {day.isoformat(): name for day, name in sorted(found.items())}
        _write(source, kept)
    return found


def package_source() -> str | None:
    """What identifies the installed ``holidays`` package, found without importing it: the name of
    its installed distribution (which carries the version) in an installed program, the program file
    itself in a built one; None when neither is found (then nothing is kept)."""
    try:
        if getattr(sys, "frozen", False):
            stat = Path(sys.executable).stat()
            return f"program {sys.executable} {stat.st_mtime_ns} {stat.st_size}"
        spec = find_spec("holidays")
        if spec is None or not spec.origin:
            return None
        installed = sorted(p.name for p in Path(spec.origin).parent.parent.glob("holidays-*.dist-info"))
        return " ".join(installed) or None
    except (OSError, ImportError, ValueError):
        return None


def _work_out(year: int) -> dict[date, str]:
    import holidays

    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year).items())


def _file() -> Path | None:
    return _folder / FILE_NAME if _folder is not None else None


def _read(source: str | None) -> dict[str, dict[str, str]]:
    """The years kept for this ``source``; none when the file is missing, unreadable, damaged or was
    written for another version of the package."""
    file = _file()
    if file is None or source is None:
        return {}
    try:
        stored = json.loads(file.read_text(encoding="utf-8"))
        if stored.get("source") != source:
            return {}
        years = stored["years"]
        for days in years.values():  # every entry checked: a damaged file is worked out afresh
            for day, name in days.items():
                date.fromisoformat(day)
                if not isinstance(name, str):
                    raise TypeError(name)
        return {str(year): dict(days) for year, days in years.items()}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
        log.info("Bank holidays kept in %s not used (%s); working them out again.", file, exc)
        return {}


def _write(source: str, years: dict[str, dict[str, str]]) -> None:
    """Replace the file whole (another run reading it meanwhile sees the old file or the new one). A
    folder that cannot be written only means the next run works the years out again."""
    file = _file()
    if file is None:
        return
    import tempfile  # only when a year is worked out

    text = json.dumps({"source": source, "years": years}, indent=1, sort_keys=True)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".bank-holidays-", dir=file.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, file)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        log.info("Bank holidays not kept in %s (%s).", file, exc)
