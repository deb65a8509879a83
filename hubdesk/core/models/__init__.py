"""All models, imported here so metadata is complete for migrations and checks."""

from hubdesk.core.models.audit import AuditEntry
from hubdesk.core.models.base import Base, fold
from hubdesk.core.models.clubs import (
    CLUB_KIND_LABELS,
    CLUB_KINDS,
    Booking,
    Club,
    ClubSession,
    SessionBooking,
    WaitingListEntry,
)
from hubdesk.core.models.learning import (
    COURSE_KINDS,
    ENROLMENT_STATUSES,
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
from hubdesk.core.models.people import (
    NURSERY,
    RECEPTION,
    YEAR_GROUPS,
    Carer,
    Child,
    ChildCarer,
    year_label,
)
from hubdesk.core.models.registers import (
    ABSENCE_REASONS,
    ATTENDANCE_STATUSES,
    COLLECTED_KINDS,
    INCIDENT_KINDS,
    Attendance,
    CollectionAuthorisation,
    FireDrill,
    Incident,
    LateCall,
    MedicineDose,
    MedicinePermission,
)
from hubdesk.core.models.sites import CalendarEntry, Room, Site, TravelTime
from hubdesk.core.models.staff import (
    SHIFT_KINDS,
    SHIFT_ROLE_LABELS,
    SHIFT_ROLES,
    STAFF_ROLES,
    RatioRule,
    Shift,
    Staff,
    StaffAvailability,
    StaffSite,
)

__all__ = [
    "NURSERY", "RECEPTION", "STAFF_ROLES", "YEAR_GROUPS",
    "AuditEntry", "Base", "CalendarEntry", "Carer", "Child", "ChildCarer", "MetaValue", "Room",
    "Site", "Staff", "TravelTime", "fold", "year_label",
]
__all__ += [
    "COURSE_KINDS", "ENROLMENT_STATUSES", "Course", "CourseAttendance", "CourseSession",
    "CrecheAttendance", "CrecheBooking", "CrecheChild", "Enrolment",
]
__all__ += [
    "CLUB_KINDS", "CLUB_KIND_LABELS", "Booking", "Club", "ClubSession", "SessionBooking",
    "WaitingListEntry",
]
__all__ += [
    "ABSENCE_REASONS", "ATTENDANCE_STATUSES", "COLLECTED_KINDS", "INCIDENT_KINDS", "Attendance",
    "CollectionAuthorisation", "FireDrill", "Incident", "LateCall", "MedicineDose",
    "MedicinePermission",
]
__all__ += [
    "SHIFT_KINDS", "SHIFT_ROLES", "SHIFT_ROLE_LABELS", "RatioRule", "Shift", "StaffAvailability",
    "StaffSite",
]
__all__ += [
    "Run", "RunPassenger", "RunPattern", "RunPatternStop", "RunStop", "TransportRequest", "Vehicle",
    "VehicleCheck", "VehicleCheckItem", "VehicleService",
]
