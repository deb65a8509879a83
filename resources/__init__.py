"""Shipped resources (fonts, icons, style sheet, demo data), installed as hubdesk.resources."""

from pathlib import Path

RESOURCE_DIR = Path(__file__).resolve().parent
