"""The people domain's public face: what other layers and domains may import."""

from typing import TYPE_CHECKING, Any

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
from hubdesk.services.people.staff import StaffForm, StaffRow, StaffService

if TYPE_CHECKING:
    from hubdesk.services.people.import_children import (
        ImportOptions,
        ImportPreview,
        ImportResult,
        ImportService,
    )
    from hubdesk.services.people.import_columns import COLUMN_CHOICES
    from hubdesk.services.people.leavers import Leaver

_IMPORTING = ("COLUMN_CHOICES", "ImportOptions", "ImportPreview", "ImportResult", "ImportService",
              "Leaver")


def __getattr__(name: str) -> Any:
    """The import from the MIS loads when first asked for: through leavers' bookings it loads the
    clubs, the minibus and the registers, which most users of children, carers and staff never need
    (the rota's printout did, by way of parent learning's carers)."""
    if name in _IMPORTING:
        from hubdesk.services.people import import_children, import_columns, leavers

        for module in (import_children, import_columns, leavers):
            if hasattr(module, name):
                return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

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
