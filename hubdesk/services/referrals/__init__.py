"""The referrals domain's public face: referrals and signposting (swift and easy access)."""

from hubdesk.services.referrals.dto import (
    DATE_LABELS,
    Category,
    ReferralCount,
    ReferralFilter,
    ReferralForm,
    ReferralRow,
)
from hubdesk.services.referrals.rules import due_date, term_of
from hubdesk.services.referrals.service import ReferralService

__all__ = ["DATE_LABELS", "Category", "ReferralCount", "ReferralFilter", "ReferralForm",
           "ReferralRow", "ReferralService", "due_date", "term_of"]
