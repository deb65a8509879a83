"""Sub-commands of ``hubdesk``; each module has ``register(subparsers, common_parser)``."""

from hubdesk.commands import check_cmd

COMMANDS = (check_cmd,)
