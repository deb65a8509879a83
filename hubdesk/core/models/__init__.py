"""The models, a module per domain, each loaded when first named.

``from hubdesk.core.models import Child`` loads the one module that defines ``Child`` (people):
a printout of the day's registers builds the classes of the domains it reads, not all sixty-six
(building a model class and its mapper costs about 3 ms, a fifth of a second for all of them).
``Base`` named from here, and ``load_all()``, come with every model loaded, so the metadata is
complete for migrations, checks and whatever walks every table. A flush orders its rows by their
tables' foreign keys and must find every table they name, so the session factory loads every model
before the first flush of a process (``core/db.py``); reads, joins and Core inserts need
only the models they name, and a printout that only reads never loads the rest.
The model modules leave their annotations to Python (no ``from __future__ import annotations``):
SQLAlchemy would otherwise compile and evaluate each ``Mapped[...]`` from a string, a seventh of the
time the classes take; a class named before it is defined is quoted (``Mapped[list["Room"]]``).
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hubdesk.core.models.audit import AuditEntry
    from hubdesk.core.models.base import Base
    from hubdesk.core.models.clubs import (
        Booking,
        Club,
        ClubSession,
        SessionBooking,
        WaitingListEntry,
    )
    from hubdesk.core.models.learning import (
        Course,
        CourseAttendance,
        CourseSession,
        CrecheAttendance,
        CrecheBooking,
        CrecheChild,
        Enrolment,
    )
    from hubdesk.core.models.meta import MetaValue
    from hubdesk.core.models.minibus import (
        Run,
        RunPassenger,
        RunPattern,
        RunPatternStop,
        RunStop,
        TransportRequest,
        Vehicle,
        VehicleCheck,
        VehicleCheckItem,
        VehicleService,
    )
    from hubdesk.core.models.money import (
        ClubBlockPrice,
        ClubPrice,
        DiscretionaryPlace,
        ExtraCharge,
        FreePlaceRule,
        FundingChange,
        Payment,
    )
    from hubdesk.core.models.money_store import (
        MoneyBasis,
        MoneyDay,
        MoneyMark,
        MoneyMember,
        MoneyMonth,
    )
    from hubdesk.core.models.overview import CoreOfferStatus, StaffCostRate
    from hubdesk.core.models.people import (
        Carer,
        Child,
        ChildCarer,
    )
    from hubdesk.core.models.referrals import Referral, ReferralCategory
    from hubdesk.core.models.registers import (
        Attendance,
        CollectionAuthorisation,
        FireDrill,
        Incident,
        LateCall,
        MedicineDose,
        MedicinePermission,
        SignIn,
    )
    from hubdesk.core.models.retention import RetentionRule
    from hubdesk.core.models.sites import CalendarEntry, Room, Site, TravelTime
    from hubdesk.core.models.staff import (
        RatioRule,
        Shift,
        Staff,
        StaffAvailability,
        StaffSite,
    )
    from hubdesk.core.models.users import Role, RolePermission, User

__all__ = [
    "AuditEntry", "Base", "CalendarEntry", "Carer", "Child", "ChildCarer", "MetaValue", "Room",
    "Site", "Staff", "TravelTime",
]
__all__ += [
    "Course", "CourseAttendance", "CourseSession", "CrecheAttendance", "CrecheBooking",
    "CrecheChild", "Enrolment",
]
__all__ += ["Booking", "Club", "ClubSession", "SessionBooking", "WaitingListEntry"]
__all__ += [
    "Attendance",
    "CollectionAuthorisation",
    "FireDrill",
    "Incident",
    "LateCall",
    "MedicineDose",
    "MedicinePermission",
    "SignIn",
]
__all__ += ["RatioRule", "Shift", "StaffAvailability", "StaffSite"]
__all__ += [
    "Run", "RunPassenger", "RunPattern", "RunPatternStop", "RunStop", "TransportRequest", "Vehicle",
    "VehicleCheck", "VehicleCheckItem", "VehicleService",
]
__all__ += ["ClubBlockPrice", "ClubPrice", "DiscretionaryPlace", "ExtraCharge", "FreePlaceRule",
            "FundingChange", "Payment"]
__all__ += ["Referral", "ReferralCategory"]
__all__ += ["RetentionRule"]
__all__ += ["CoreOfferStatus", "StaffCostRate"]
__all__ += ["Role", "RolePermission", "User"]
__all__ += ["MoneyBasis", "MoneyDay", "MoneyMark", "MoneyMember", "MoneyMonth"]

# Where each name lives: its module, and the names it gives this package.
_NAMES: dict[str, tuple[str, ...]] = {
    "audit": ("AuditEntry",),
    "base": ("Base",),
    "clubs": ("Booking", "Club", "ClubSession", "SessionBooking", "WaitingListEntry"),
    "learning": ("Course", "CourseAttendance", "CourseSession", "CrecheAttendance", "CrecheBooking",
        "CrecheChild", "Enrolment"),
    "meta": ("MetaValue",),
    "minibus": ("Run", "RunPassenger", "RunPattern", "RunPatternStop", "RunStop", "TransportRequest",
        "Vehicle", "VehicleCheck", "VehicleCheckItem", "VehicleService"),
    "money": ("ClubBlockPrice", "ClubPrice", "DiscretionaryPlace", "ExtraCharge", "FreePlaceRule",
        "FundingChange", "Payment"),
    "money_store": ("MoneyBasis", "MoneyDay", "MoneyMark", "MoneyMember", "MoneyMonth"),
    "overview": ("CoreOfferStatus", "StaffCostRate"),
    "people": ("Carer", "Child", "ChildCarer"),
    "referrals": ("Referral", "ReferralCategory"),
    "registers": ("Attendance", "CollectionAuthorisation", "FireDrill", "Incident", "LateCall",
        "MedicineDose", "MedicinePermission", "SignIn"),
    "retention": ("RetentionRule",),
    "sites": ("CalendarEntry", "Room", "Site", "TravelTime"),
    "staff": ("RatioRule", "Shift", "Staff", "StaffAvailability", "StaffSite"),
    "users": ("Role", "RolePermission", "User"),
}
_HOME = {name: module for module, names in _NAMES.items() for name in names}


def load_all() -> None:
    """Every model, so that ``Base.metadata`` holds every table."""
    from hubdesk.core.models import (  # noqa: F401
        audit,
        base,
        clubs,
        learning,
        meta,
        minibus,
        money,
        money_store,
        overview,
        people,
        referrals,
        registers,
        retention,
        sites,
        staff,
        users,
    )


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name == "Base":
        load_all()
    value = getattr(_module(home), name)
    globals()[name] = value  # asked once
    return value


def _module(home: str) -> ModuleType:
    """The models' module ``home``, imported (a plain import each, which a freezer can see)."""
    if home == "audit":
        from hubdesk.core.models import audit

        return audit
    if home == "base":
        from hubdesk.core.models import base

        return base
    if home == "clubs":
        from hubdesk.core.models import clubs

        return clubs
    if home == "learning":
        from hubdesk.core.models import learning

        return learning
    if home == "meta":
        from hubdesk.core.models import meta

        return meta
    if home == "minibus":
        from hubdesk.core.models import minibus

        return minibus
    if home == "money":
        from hubdesk.core.models import money

        return money
    if home == "money_store":
        from hubdesk.core.models import money_store

        return money_store
    if home == "overview":
        from hubdesk.core.models import overview

        return overview
    if home == "people":
        from hubdesk.core.models import people

        return people
    if home == "referrals":
        from hubdesk.core.models import referrals

        return referrals
    if home == "registers":
        from hubdesk.core.models import registers

        return registers
    if home == "retention":
        from hubdesk.core.models import retention

        return retention
    if home == "sites":
        from hubdesk.core.models import sites

        return sites
    if home == "staff":
        from hubdesk.core.models import staff

        return staff
    if home == "users":
        from hubdesk.core.models import users

        return users
    raise AttributeError(home)
