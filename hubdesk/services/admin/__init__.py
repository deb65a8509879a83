"""The admin domain's public face: what other layers and domains may import.

Backups are needed before the window shows (start-up recovery, the daily copy) and load no models;
the audit log, the database check, retention and subject access read the models, so they are
imported when first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hubdesk.services.admin.backup import BackupFile, BackupInfo, BackupService, Restored

if TYPE_CHECKING:
    from hubdesk.services.admin.audit import AuditService, HistoryLine
    from hubdesk.services.admin.check import CheckService
    from hubdesk.services.admin.retention import Purged, RetentionPlan, RetentionService, RuleRow
    from hubdesk.services.admin.subject_access import (
        PersonRecords,
        Section,
        SubjectAccessService,
    )

__all__ = ["AuditService", "BackupFile", "BackupInfo", "BackupService", "CheckService", "HistoryLine",
           "PersonRecords", "Purged", "Restored", "RetentionPlan", "RetentionService", "RuleRow",
           "Section", "SubjectAccessService"]


def __getattr__(name: str) -> object:
    """The model-reading services, imported on first use (by plain imports a freezer can see)."""
    if name in ("AuditService", "HistoryLine"):
        from hubdesk.services.admin import audit

        return getattr(audit, name)
    if name == "CheckService":
        from hubdesk.services.admin import check

        return check.CheckService
    if name in ("Purged", "RetentionPlan", "RetentionService", "RuleRow"):
        from hubdesk.services.admin import retention

        return getattr(retention, name)
    if name in ("PersonRecords", "Section", "SubjectAccessService"):
        from hubdesk.services.admin import subject_access

        return getattr(subject_access, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
