"""The admin domain's public face: what other layers and domains may import."""

from hubdesk.services.admin.audit import AuditService, HistoryLine
from hubdesk.services.admin.backup import BackupInfo, BackupService, Restored
from hubdesk.services.admin.check import CheckService
from hubdesk.services.admin.retention import Purged, RetentionPlan, RetentionService, RuleRow
from hubdesk.services.admin.subject_access import PersonRecords, Section, SubjectAccessService

__all__ = ["AuditService", "BackupInfo", "BackupService", "CheckService", "HistoryLine", "PersonRecords",
           "Purged", "Restored", "RetentionPlan", "RetentionService", "RuleRow", "Section",
           "SubjectAccessService"]
