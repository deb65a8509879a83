"""Who may do what: the permission names, the roles hubdesk starts with, and the acting person.

Roles and their permissions are rows an administrator edits; the names below are the one list of
what can be granted, and the defaults are what a new database (or the first upgrade) is given.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field

# Each permission: its name and what it allows, as the Roles dialog shows it.
PERMISSIONS: dict[str, str] = {
    "children": "children and families: look up, add and edit",
    "children.medical": "a child's medical details, allergies and GP",
    "children.passwords": "carers' collection passwords",
    "incidents": "incidents and the health log",
    "referrals": "referrals and signposting",
    "clubs": "clubs, sessions, bookings and waiting lists",
    "registers": "taking registers, late collection, sign-in book",
    "money": "prices, charges, payments and statements",
    "rota": "the staff rota",
    "staff": "staff records and checks",
    "sites": "sites, rooms and school calendars",
    "minibus": "vehicles, runs and run sheets",
    "courses": "parent-learning courses and the crèche",
    "overview": "take-up, ratios and the overview",
    "history": "the change history",
    "read_all": "every page to read (not users, settings, retention or referrals), no changes",
    "minibus.run_sheets": "the Minibus page to read and run sheets to print, no changes",
    "users": "users and roles",
    "settings": "settings and backups",
    "retention": "retention rules and purges",
    "subject_access": "subject access exports",
}

# Permissions that show pages without allowing changes: a role with one of them and not the
# page's own permission sees that page read-only (see hubdesk/ui/shell/pages.py).
READ_ONLY_PERMISSIONS = frozenset({"read_all", "minibus.run_sheets"})

# Fields whose values only some roles may see, in History and in the records themselves.
SENSITIVE_FIELDS: dict[str, str] = {
    "medical_notes": "children.medical",
    "allergies": "children.medical",
    "gp_details": "children.medical",
    "dietary_needs": "children.medical",
    "collection_password": "children.passwords",
    "password": "children.passwords",
}
# Fields whose value is never shown, whoever reads the history.
NEVER_SHOWN = frozenset({"collection_password", "password", "password_hash"})

ADMINISTRATOR = "administrator"

# role name → (label, permissions) given to a new database.
DEFAULT_ROLES: dict[str, tuple[str, frozenset[str]]] = {
    "office": ("Office", frozenset({"children", "children.medical", "children.passwords", "clubs",
                                    "registers", "money", "sites", "history"})),
    "head": ("Head", frozenset({"read_all", "rota", "overview", "history"})),
    "coordinator": ("Co-ordinator", frozenset({"clubs", "rota", "staff", "sites", "minibus",
                                                "courses"})),
    "club_staff": ("Club staff", frozenset({"registers", "children.medical",
                                            "children.passwords"})),
    "driver": ("Driver", frozenset({"minibus.run_sheets"})),
    "safeguarding": ("Safeguarding lead", frozenset({"children", "children.medical", "referrals",
                                                     "incidents", "history"})),
    ADMINISTRATOR: ("Administrator", frozenset(PERMISSIONS)),
}


SIGN_IN_FIRST = ("No one is signed in. Sign in first (in a script: set HUBDESK_USER and "
                 "HUBDESK_PASSWORD_FILE).")


def pc_name() -> str:
    """This computer's name, recorded beside the user in the audit."""
    try:
        return socket.gethostname()[:60] or "unknown PC"
    except OSError:
        return "unknown PC"


@dataclass(frozen=True)
class Actor:
    """The person a service acts for: who signed in, in which role, on which PC."""

    user_id: int | None
    name: str
    role: str
    permissions: frozenset[str] = field(default_factory=frozenset)
    pc: str = ""
    role_label: str = ""

    def may(self, permission: str) -> bool:
        return permission in self.permissions

    @classmethod
    def nobody(cls) -> Actor:
        """No one signed in on a database that has users: may do nothing."""
        return cls(None, "not signed in", "", frozenset(), pc_name(), "not signed in")

    @property
    def signed_out(self) -> bool:
        return self.role == ""

    @classmethod
    def unrestricted(cls, name: str | None = None) -> Actor:
        """Before anyone is set up (a database without users, a test, the demo builder)."""
        return cls(None, name or "not signed in", ADMINISTRATOR, frozenset(PERMISSIONS), pc_name(),
                   "Administrator")


def refusal(actor: Actor, permission: str) -> str:
    """The sentence said when ``actor`` may not do what ``permission`` covers."""
    if actor.signed_out:
        return SIGN_IN_FIRST
    what = PERMISSIONS.get(permission, permission)
    role = (actor.role_label or actor.role).lower()
    return (f"Your role, {role}, does not allow {_verb(permission)}{what}. "
            "Ask the administrator if you need it.")


def _verb(permission: str) -> str:
    return "seeing " if permission in ("children.medical", "children.passwords", "history") \
        else "working with "
