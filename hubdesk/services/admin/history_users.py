"""History sentences about users: added, signed in, a wrong password, locked, role changed."""

from __future__ import annotations

from hubdesk.services.admin.history_words import Entry, Names, changes_words


def user_sentence(entry: Entry, names: Names) -> str:
    """'driver signed in', 'A wrong password for driver (2 in a row)', 'User Sam added (office)'."""
    name = names.users.get(int(entry.record)) if entry.record.isdigit() else None
    who = name or "a user"
    changes = entry.changes

    def after(field: str) -> object:
        pair = changes.get(field)
        return pair[1] if isinstance(pair, list) and len(pair) == 2 else None

    if entry.action == "insert":
        return f"User {after('name') or who} added ({after('role')})"
    if after("locked_until"):
        return f"{who} locked after too many wrong passwords"
    if "last_sign_in" in changes:
        return f"{who} signed in"
    attempts = after("failed_attempts")
    if isinstance(attempts, int) and attempts > 0 and set(changes) == {"failed_attempts"}:
        return f"A wrong password for {who} ({attempts} in a row)"
    if "password_hash" in changes:
        return f"{who}'s password was changed"
    words = changes_words({k: v for k, v in changes.items() if k != "password_hash"})
    return f"User {who} changed" + (f": {words}" if words else "")
