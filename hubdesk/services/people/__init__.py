"""The people domain's public face: what other layers and domains may import."""

from hubdesk.services.people.carers import (
    CarerForm,
    CarerLink,
    CarerMatch,
    CarerService,
    FamilyMember,
    validate_carer,
)
from hubdesk.services.people.children import (
    CODE_NAMES,
    CONSENTS,
    FUNDING,
    ChildForm,
    ChildRow,
    ChildService,
    display_name,
)
from hubdesk.services.people.import_children import ImportOptions, ImportPreview, ImportResult, ImportService
from hubdesk.services.people.import_columns import COLUMN_CHOICES
from hubdesk.services.people.leavers import Leaver
from hubdesk.services.people.staff import StaffForm, StaffRow, StaffService

__all__ = [
    "CODE_NAMES",
    "COLUMN_CHOICES",
    "CONSENTS",
    "FUNDING",
    "CarerForm",
    "CarerLink",
    "CarerMatch",
    "CarerService",
    "ChildForm",
    "ChildRow",
    "ChildService",
    "FamilyMember",
    "ImportOptions",
    "ImportPreview",
    "ImportResult",
    "ImportService",
    "Leaver",
    "StaffForm",
    "StaffRow",
    "StaffService",
    "display_name",
    "validate_carer",
]
