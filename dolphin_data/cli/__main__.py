"""``python -m dolphin_data.cli``: the command line."""

from dolphin_data.cli import run

run()
