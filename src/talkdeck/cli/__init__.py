"""The command line: option parsing and one call to the workspace per command."""

from talkdeck.cli.main import cli, main

__all__ = ["cli", "main"]
