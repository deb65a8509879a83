"""The clubs domain's public face: what other layers and domains may import."""

from hubdesk.services.clubs.booking_plan import BookingPreview, BookingRequest, BookingResult, PreviewLine
from hubdesk.services.clubs.bookings import (
    BookingLine,
    BookingService,
    BookingSummary,
    CancelResult,
    ClassRefusal,
    ClassReport,
    ClassRequest,
)
from hubdesk.services.clubs.changes import AffectedBooking
from hubdesk.services.clubs.choices import ClubChoice
from hubdesk.services.clubs.clubs import ChangeNeedsDecision, ClubForm, ClubRow, ClubService, SaveResult
from hubdesk.services.clubs.family_weeks import ChildWeek, WeekItem, WeekService
from hubdesk.services.clubs.import_bookings import BookingImport, BookingImportService, ImportRow
from hubdesk.services.clubs.queries import carer_phones, child_name, free_places, start_moment
from hubdesk.services.clubs.sessions import BookedChild, CancelledSession, ClubSessionService, SessionRow
from hubdesk.services.clubs.term_blocks import term_block_shares
from hubdesk.services.clubs.waiting_lists import Offer, WaitingListService, WaitingRow, offer_freed

__all__ = [
    "AffectedBooking", "BookedChild", "BookingImport", "BookingImportService", "BookingLine",
    "BookingPreview", "BookingRequest", "BookingResult", "BookingService", "BookingSummary",
    "CancelResult", "CancelledSession", "ChangeNeedsDecision", "ChildWeek", "ClassRefusal",
    "ClassReport", "ClassRequest", "ClubChoice", "ClubForm", "ClubRow", "ClubService",
    "ClubSessionService", "ImportRow", "Offer", "PreviewLine", "SaveResult", "SessionRow",
    "WaitingListService", "WaitingRow", "WeekItem", "WeekService", "carer_phones", "child_name",
    "free_places", "offer_freed", "start_moment",
]
__all__ += ["term_block_shares"]
