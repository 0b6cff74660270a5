"""``python -m dolphin_data.assets fetch``: obtain the offline model files (see the package docstring)."""

import sys

from dolphin_data.assets import fetch_lid_model

if sys.argv[1:] == ["fetch"]:
    print(f"lid.176.ftz: {fetch_lid_model()}")
else:
    sys.exit("usage: python -m dolphin_data.assets fetch")
