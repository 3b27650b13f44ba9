"""``python -m twitchcheck`` runs the command line."""

from twitchcheck.cli.main import run

run()
