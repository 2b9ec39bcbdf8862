"""Subcommands of `regkb`: one module each, with `register(subparsers)` and a handler.

A module listed in COMMANDS is imported only when its subcommand exists; add a new command by
adding a module and its name here.
"""

COMMANDS = ("build", "check", "new", "changes", "impact", "search", "serve", "pagefind", "import_")
