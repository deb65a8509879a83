"""The words of the domain: year groups, club and course kinds, staff roles, reasons and statuses.

They live here, apart from the ORM models, because every layer shares them: the models build their
CHECK constraints' meaning on them, the services validate forms against them, and the ui fills its
choosers from them without importing the database layer. Keys are what the database stores; the
``*_LABELS`` and dict values are what a person reads.
"""

from __future__ import annotations

import unicodedata

# Year groups: -1 nursery (EYFS-age), 0 Reception, 1..6 Year 1..6.
NURSERY, RECEPTION = -1, 0
YEAR_GROUPS = tuple(range(-1, 7))


def year_label(year: int) -> str:
    """'Nursery', 'Reception', 'Y1' … 'Y6'."""
    if year == NURSERY:
        return "Nursery"
    if year == RECEPTION:
        return "Reception"
    return f"Y{year}"


_FOLD_SPECIAL = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
                               "ß": "ss", "ı": "i", "İ": "i", "æ": "ae", "Æ": "ae"})


def search_words(text: str) -> list[str]:
    """The folded words of a search: 'Wiśniewska, Łu' (a list's 'Surname, Forename') ->
    ['wisniewska', 'lu'], each matched anywhere in a record's search key."""
    return fold(text.replace(",", " ")).split()


def fold(text: str) -> str:
    """Lower-case, accent-free form used for searching: 'Łucja Öztürk' -> 'lucja ozturk'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


# What a school's MIS records about a pupil (DfE census meanings), stored as levels, not yes/no.
SEN_LEVELS = {"none": "No SEN", "support": "SEN support", "ehcp": "EHC plan"}
EAL_STATUSES = {
    "not_recorded": "Not recorded",
    "english": "English",
    "believed_english": "Believed to be English",
    "other": "Other than English",
    "believed_other": "Believed to be other than English",
    "unclassified": "Unclassified",
}
# First language other than English (or believed so): the child counts as EAL.
EAL_NEEDS = ("other", "believed_other")


def name_sort_key(surname: str, forename: str) -> str:
    """How a name sorts as people read it: 'Łucja Wiśniewska' with W, her forename with L, never after
    Z. Accent-free and lower-case, so SQLite's and PostgreSQL's own orderings agree."""
    return fold(f"{surname} {forename}")


# Sites and their calendars.
SITE_KINDS = ("school", "centre")
OFSTED_STATUSES = ("exempt", "registered", "not_registered", "unknown")
CALENDAR_KINDS = ("term", "half_term", "inset", "closure")

# Clubs, bookings and waiting lists.
CLUB_KINDS = ("breakfast", "free_breakfast", "after_school", "holiday", "activity")
CLUB_KIND_LABELS = {
    "breakfast": "Breakfast club",
    "free_breakfast": "Free breakfast club",
    "after_school": "After-school club",
    "holiday": "Holiday club",
    "activity": "Activity",
}
SESSION_STATUSES = ("running", "cancelled")
BOOKING_KINDS = ("standing", "one_off")
SESSION_BOOKING_STATUSES = ("booked", "cancelled")
WAITING_STATUSES = ("waiting", "offered", "accepted", "declined", "withdrawn")
# A waiting-list entry still in the queue (and so unique per child and place asked for).
WAITING_OPEN = ("waiting", "offered")

# Registers.
ATTENDANCE_STATUSES = ("in", "out", "absent")
ABSENCE_REASONS = {
    "ill": "Ill",
    "holiday": "Holiday",
    "no_show": "No-show",
    "collected_early": "Collected early from school",
    "other": "Other",
}
COLLECTED_KINDS = ("carer", "alone", "one_off", "school")  # school: taken to class by staff
INCIDENT_KINDS = {"accident": "Accident", "incident": "Incident", "first_aid": "First aid"}

# Staff and the rota.
STAFF_ROLES = (
    "club leader", "play worker", "driver", "escort", "tutor", "crèche worker", "office",
    "co-ordinator", "head",
)
SHIFT_KINDS = ("club", "duty", "creche", "run")
SHIFT_ROLES = ("lead", "assistant", "duty", "creche", "driver", "escort")
SHIFT_ROLE_LABELS = {"lead": "Lead", "assistant": "Assistant", "duty": "Site duty",
                     "creche": "Crèche", "driver": "Driver", "escort": "Escort"}

# The minibus.
SERVICE_KINDS = {"service": "Service", "inspection": "Safety inspection", "mot": "MOT",
                 "repair": "Repair"}
PASSENGER_KINDS = ("child", "staff", "adult")
REQUEST_KINDS = ("course", "staff")
LEGS = ("out", "back")

# Parent learning.
COURSE_KINDS = {
    "family_learning": "Family learning",
    "english": "English",
    "maths": "Maths",
    "digital": "Digital skills",
    "parenting": "Parenting",
    "first_aid": "First aid",
    "other": "Other",
}
ENROLMENT_STATUSES = {
    "enrolled": "Enrolled",
    "waiting": "Waiting list",
    "withdrawn": "Withdrawn",
    "completed": "Completed",
}

# Referrals and signposting (swift and easy access).
REFERRAL_KINDS = {"referral": "Referral", "signposting": "Signposting"}
REFERRAL_SERVICES = {
    "school_nurse": "School nurse",
    "speech_language": "Speech and language therapy",
    "behaviour": "Behaviour support",
    "ed_psych": "Educational psychology",
    "early_help": "Early help",
    "social_care": "Children's social care",
    "camhs": "CAMHS",
    "local_provider": "Local provider",
}
REFERRAL_CONTACT_DAYS = 5  # the hub's own target: family contacted within this many school days
