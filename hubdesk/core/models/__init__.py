"""All models, imported here so metadata is complete for migrations and checks."""

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
