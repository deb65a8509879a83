"""Is this text what it claims to be? Email addresses, phone numbers, and hidden control characters.

One implementation each, used by the forms, the imports and the commands alike, so a value an
import accepts is a value the dialog would accept, and the other way round.
"""

from __future__ import annotations

import re
import unicodedata

_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")
_PHONE = re.compile(r"\+?[0-9 ().\-/]+(?:\s*(?:ext\.?|x)\s*[0-9]{1,6})?", re.IGNORECASE)
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NAMES = {"\x00": "NUL", "\x1b": "ESC", "\x7f": "DEL", "\x08": "backspace", "\x07": "bell"}


def is_email(text: str) -> bool:
    """name@example.org.uk: one @, something before it, a dotted domain after it, no spaces."""
    return bool(_EMAIL.fullmatch(text.strip()))


def is_phone(text: str) -> bool:
    """Digits with spaces, + ( ) - . / and an optional 'ext 12'; at least 6 digits."""
    value = text.strip()
    return bool(_PHONE.fullmatch(value)) and sum(c.isdigit() for c in value) >= 6


def control_character(text: str, allow_newlines: bool = False) -> str | None:
    """The name of the first invisible control character in ``text`` (None when there is none).

    Such characters (NUL, terminal escape sequences, bidi overrides) come from broken exports or
    mischief; they hide text on screen and in print, so they are refused rather than stored.
    """
    allowed = "\t\r\n" if allow_newlines else "\t"
    for char in text:
        if char not in allowed and _hidden(char):
            return _NAMES.get(char, f"U+{ord(char):04X}")
    return None


def _hidden(char: str) -> bool:
    return unicodedata.category(char) == "Cc" or char in _BIDI


def printable(text: str) -> str:
    """``text`` made safe to print in a terminal: control characters shown as \\u001b and so on."""
    if control_character(text) is None:
        return text
    return "".join(f"\\u{ord(c):04x}" if c != "\t" and _hidden(c) else c for c in text)
