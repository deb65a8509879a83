"""Sub-commands of ``hubdesk``; each module has ``register(subparsers, common_parser)``."""

from hubdesk.commands import (
    backup_cmd,
    check_cmd,
    clubs_cmd,
    demo_cmd,
    export_cmd,
    import_cmd,
    init_cmd,
    learning_cmd,
    print_cmd,
    rota_cmd,
)

COMMANDS = (demo_cmd, init_cmd, check_cmd, backup_cmd, import_cmd, print_cmd, export_cmd, learning_cmd,
            clubs_cmd, rota_cmd)
