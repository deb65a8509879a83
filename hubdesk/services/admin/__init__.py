"""The admin domain's public face: what other layers and domains may import.

Backups are needed before the window shows (start-up recovery, the daily copy) and load no models;
the audit log and the database check read the models, so they are imported when first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hubdesk.services.admin.backup import BackupInfo, BackupService, Restored

if TYPE_CHECKING:
    from hubdesk.services.admin.audit import AuditService, HistoryLine
    from hubdesk.services.admin.check import CheckService

__all__ = ["AuditService", "BackupInfo", "BackupService", "CheckService", "HistoryLine", "Restored"]


def __getattr__(name: str) -> object:
    """AuditService, HistoryLine and CheckService, imported on first use."""
    if name in ("AuditService", "HistoryLine"):
        from hubdesk.services.admin import audit

        return getattr(audit, name)
    if name == "CheckService":
        from hubdesk.services.admin.check import CheckService

        return CheckService
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
