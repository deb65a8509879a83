"""The values school MIS exports write, per field, and what each one means in hubdesk.

SIMS, Arbor, Bromcom and ScholarPack all write the DfE census codes, often followed by their
description ("K - SEN Support"), or the description alone, or Yes/No, True/False, 1/0. The words
are data (``VOCABULARIES``): a school whose export writes a new form is one line here, and the
preview and the refusals list the accepted forms from the same table.

Pure functions, no database. A value is matched on its letters and digits, lower-cased and without
accents, so 'K - SEN Support', 'k-sen support' and 'K – SEN SUPPORT' are the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hubdesk.core.vocabulary import EAL_STATUSES, SEN_LEVELS, fold

Value = bool | str | int


def value_key(text: str) -> str:
    """The letters and digits of ``text``, folded: how values and headings are compared."""
    return re.sub(r"[^a-z0-9]", "", fold(text))


_YES = ("y", "yes", "true", "t", "1", "x", "eligible", "yeseligible", "current")
_NO = ("", "n", "no", "false", "f", "0", "none", "noteligible", "ineligible", "not", "na")
FLAG_WORDS: dict[str, Value] = {**dict.fromkeys(_YES, True), **dict.fromkeys(_NO, False)}

SEN_WORDS: dict[str, Value] = {
    **dict.fromkeys(("", "n", "none", "no", "nosen", "nospecialeducationalneed",
                     "nospecialeducationalneeds", "monitoring", "m", "notsen", "false", "0"), "none"),
    **dict.fromkeys(("k", "sensupport", "support", "schoolaction", "schoolactionplus", "a", "p",
                     "senk"), "support"),
    **dict.fromkeys(("e", "ehcp", "ehcplan", "educationhealthandcareplan",
                     "educationhealthcareplan", "s", "statement", "statementofsen",
                     "statemented", "sene"), "ehcp"),
}
# A census code with its description after it: 'K - SEN Support', 'E: EHC Plan', 'N (No SEN)'.
_CODE_FIRST = re.compile(r"^\s*([A-Za-z])\s*(?:[-–—:(]|\s)\s*\S")

EAL_WORDS: dict[str, Value] = {
    **dict.fromkeys(("english", "eng", "n", "no", "false", "0"), "english"),
    **dict.fromkeys(("believedtobeenglish", "enb", "believedenglish"), "believed_english"),
    **dict.fromkeys(("otherthanenglish", "oth", "other", "y", "yes", "true", "1", "eal"), "other"),
    **dict.fromkeys(("believedtobeotherthanenglish", "otb", "believedotherthanenglish",
                     "believedother"), "believed_other"),
    **dict.fromkeys(("unclassified", "not", "notobtained", "ref", "refused",
                     "informationnotobtained", "informationrefused", "unknown"), "unclassified"),
    "": "not_recorded",
}
# A language written by name ('Polish', 'Panjabi (Gurmukhi)') is kept and counts as not English.
_LANGUAGE = re.compile(r"[^\W\d_][^\W\d_ '()./-]*(?:[ '()./-]+[^\W\d_]*)*")

GENDER_WORDS: dict[str, Value] = {
    **dict.fromkeys(("m", "male", "boy"), "male"), **dict.fromkeys(("f", "female", "girl"), "female"),
    **dict.fromkeys(("u", "unknown", "notknown", "x", "other", "notspecified", "", "o", "nonbinary"),
                    "other or not known"),
}

@dataclass(frozen=True)
class Vocabulary:
    """One field's accepted values: ``words`` maps a value's key to what is stored."""

    field: str
    label: str
    words: dict[str, Value]
    accepted: str  # the forms named when a value is not understood

    def read(self, text: str) -> Value:
        """What ``text`` means, or ValueError naming the accepted forms."""
        key = value_key(text)
        if key in self.words:
            return self.words[key]
        if self.field == "sen_level":
            code = _CODE_FIRST.match(text)
            if code and value_key(code[1]) in self.words:
                return self.words[value_key(code[1])]
        raise ValueError(f"'{text.strip()}' is not understood as {self.label}; accepted: "
                         f"{self.accepted}")

    def meaning(self, value: Value) -> str:
        """How a stored value reads in the preview."""
        if self.field == "sen_level":
            return SEN_LEVELS[str(value)]
        if self.field == "eal":
            return EAL_STATUSES[str(value)]
        if isinstance(value, bool):
            return "yes" if value else "no"
        return str(value)


_FLAG_FORMS = "Y/N, Yes/No, True/False, 1/0, Eligible/Not eligible, or empty for no"
VOCABULARIES: dict[str, Vocabulary] = {v.field: v for v in (
    Vocabulary("sen_level", "a SEN status", SEN_WORDS,
               "N (no SEN, also 'Monitoring'), K (SEN support), E (EHC plan), S (statement, "
               "kept as EHC plan), each with or without its description as in 'K - SEN Support'"),
    Vocabulary("eal", "a first language", EAL_WORDS,
               "English, Believed to be English, Other than English, Believed to be other than "
               "English, Unclassified (or the codes ENG, ENB, OTH, OTB, NOT, REF), Y/N, or the "
               "name of a language"),
    Vocabulary("gender", "a gender", GENDER_WORDS, "M, F, Male, Female, U or Unknown"),
    *(Vocabulary(name, label, FLAG_WORDS, _FLAG_FORMS) for name, label in (
        ("fsm", "free school meals yes or no"), ("fsm_ever6", "Ever 6 FSM yes or no"),
        ("pupil_premium", "Pupil Premium yes or no"), ("looked_after", "looked-after yes or no"),
        ("previously_looked_after", "previously looked-after yes or no"),
        ("service_child", "service child yes or no"))),
)}


def read_value(field: str, text: str) -> tuple[Value, str]:
    """(stored value, extra) for a vocabulary field; ``extra`` is a language name, if given.

    A first language written by name ('Polish') is other than English, with its name kept.
    """
    vocabulary = VOCABULARIES[field]
    try:
        return vocabulary.read(text), ""
    except ValueError:
        name = text.strip()
        if field == "eal" and len(name) <= 60 and _LANGUAGE.fullmatch(name):
            english = value_key(name) in ("english", "englishbritish", "englishuk")
            return ("english" if english else "other"), name
        raise


def read_flag(text: str) -> bool:
    """A yes/no cell in any of the forms exports write (contacts' ticks too)."""
    value = VOCABULARIES["fsm"].words.get(value_key(text))
    if value is None:
        raise ValueError(f"'{text.strip()}' is not yes or no ({_FLAG_FORMS})")
    return bool(value)
