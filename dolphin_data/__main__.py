"""``python -m dolphin_data``: the command line."""

from dolphin_data.cli import run

run()
