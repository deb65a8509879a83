"""Allow ``python -m hubdesk``."""

from hubdesk.cli import run

run()
