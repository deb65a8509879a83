"""Helpers for the Registers page tests (the fixtures are in conftest.py beside this file)."""

from __future__ import annotations

from hubdesk.ui.registers.page import RegistersPage


def row_of(page: RegistersPage, name: str) -> int:
    """The register row of a child, by the name shown."""
    return [x.name for x in page.table.register_model.lines].index(name)
