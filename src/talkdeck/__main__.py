"""`python -m talkdeck`: the same as the `talkdeck` command."""

from talkdeck.cli import main

main()
