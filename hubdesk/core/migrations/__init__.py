"""Alembic migrations of the hubdesk schema (batch mode, so SQLite can alter tables)."""
