"""The admin domain's public face: what other layers and domains may import.

Backups are needed before the window shows (start-up recovery, the daily copy) and load no models;
the audit log, the database check, retention and subject access read the models, so they are
imported when first asked for.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from hubdesk.services.admin.backup import BackupInfo, BackupService, Restored

if TYPE_CHECKING:
    from hubdesk.services.admin.audit import AuditService, HistoryLine
    from hubdesk.services.admin.check import CheckService
    from hubdesk.services.admin.retention import Purged, RetentionPlan, RetentionService, RuleRow
    from hubdesk.services.admin.subject_access import (
        PersonRecords,
        Section,
        SubjectAccessService,
    )

# Each name imported on first use, from its module.
_LAZY = {
    "AuditService": "audit", "HistoryLine": "audit", "CheckService": "check",
    "Purged": "retention", "RetentionPlan": "retention", "RetentionService": "retention",
    "RuleRow": "retention", "PersonRecords": "subject_access", "Section": "subject_access",
    "SubjectAccessService": "subject_access",
}

__all__ = ["AuditService", "BackupInfo", "BackupService", "CheckService", "HistoryLine",
           "PersonRecords", "Purged", "Restored", "RetentionPlan", "RetentionService", "RuleRow",
           "Section", "SubjectAccessService"]


def __getattr__(name: str) -> object:
    """The model-reading services, imported on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"hubdesk.services.admin.{module}"), name)
