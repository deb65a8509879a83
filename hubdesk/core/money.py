"""Money is integer pence everywhere; this is the one place that turns pence into text and back."""

from __future__ import annotations

import re

_AMOUNT = re.compile(r"^(?P<sign>-)?£?\s*(?P<pounds>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<pence>\d{1,2}))?$")


def money(pence: int) -> str:
    """£1,234.50 (a credit shows as -£12.00)."""
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{rest:02d}"


def parse_money(text: str) -> int:
    """Pence from what a person types ('12', '12.5', '£1,234.50'); ValueError with a sentence."""
    cleaned = text.strip().replace(" ", "")
    found = _AMOUNT.match(cleaned)
    if not cleaned or not found or (found["pounds"] is None and found["pence"] is None):
        raise ValueError(f"'{text.strip()[:30]}' is not an amount of money; type it like 12.50.")
    pounds = int((found["pounds"] or "0").replace(",", ""))
    pence = int((found["pence"] or "0").ljust(2, "0"))
    total = pounds * 100 + pence
    if total > 100_000_000:
        raise ValueError("The amount is more than £1,000,000; check it.")
    return -total if found["sign"] else total


def percent_of(pence: int, percent: int) -> int:
    """``percent`` of an amount, rounded to the nearest penny (halves up)."""
    return (pence * percent + 50) // 100
