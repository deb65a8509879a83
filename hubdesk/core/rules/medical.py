"""Which medical notes staff must act on, so paper can mark those strongly and print the rest plainly.

A register that puts the same black box round glasses and anaphylaxis teaches staff to ignore the
box. The strong marker is kept for an allergy, an auto-injector, an asthma inhaler, epilepsy,
diabetes and any medicine a parent's current written permission covers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_ACT_ON = re.compile(
    r"anaphyla|epi-?pen|jext|auto-?injector|adrenalin|asthma|inhaler|salbutamol|wheez|"
    r"epilep|seizure|buccal|midazolam|diabet|insulin|hypo|glucose|allerg",
    re.IGNORECASE)


def must_act(allergies: str, medical: str, medicines: Sequence[str] = ()) -> bool:
    """True when the child's needs call for action by staff (an allergy, a condition that can
    become an emergency, or a medicine to give), not only for awareness."""
    return bool(allergies.strip() or medicines or _ACT_ON.search(medical))


def allergy_label(allergies: str) -> str:
    """'⚠ ALLERGY: Egg' — the word says what the sign is about."""
    return f"⚠ ALLERGY: {allergies.strip()}" if allergies.strip() else ""
