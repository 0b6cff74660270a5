"""``dolphin-data push``: a finished build folder to a Hugging Face dataset repository, as one commit.

The folder must pass ``verify_build`` (every file its manifest lists, unchanged, nothing else). What is uploaded is
exactly the manifest's artefacts plus ``manifest.json``: never ``.cache/``, ``work/`` or ``timings.json``. The upload
is one ``HfApi.upload_folder`` call (one commit) with the file list as ``allow_patterns``; before it, the repository
is created if missing (``create_repo``, where ``--private`` applies) and, for a ``--revision`` other than main, the
branch (``create_branch``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dolphin_data.errors import UserError

IGNORE = [".cache/**", "work/**", "timings.json", "*.tmp"]
_REPO_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


@dataclass(frozen=True)
class PushPlan:
    folder: Path
    repo_id: str
    files: tuple[str, ...]  # relative posix paths, sorted
    commit_message: str
    private: bool = False
    revision: str | None = None


def _pattern(rel: str) -> str:
    """An exact path as an fnmatch pattern (``[``, ``]``, ``*``, ``?`` escaped)."""
    return re.sub(r"([\[\]*?])", lambda m: "[]]" if m.group(1) == "]" else f"[{m.group(1)}]", rel)


def plan_push(folder: str | Path, repo_id: str, private: bool = False, revision: str | None = None) -> PushPlan:
    """Check the build and list what would be uploaded (nothing touches the network)."""
    from dolphin_data.engine.artefacts import MANIFEST, verify_build

    folder = Path(folder)
    if not _REPO_ID.match(repo_id):
        raise UserError(f"{repo_id}: not a repository id; give it as owner/name (e.g. me/dolphin-2.9-mix)")
    manifest = verify_build(folder)
    files = tuple(sorted({*manifest["artefacts"], MANIFEST}))
    if "README.md" not in files:
        raise UserError(f"{folder}: no dataset card (README.md) in the build; rebuild it with this version")
    recipe = manifest.get("recipe", {})
    message = (
        f"dolphin-data build of {recipe.get('name', folder.name)} (recipe sha256 {str(recipe.get('sha256', ''))[:12]})"
    )
    return PushPlan(folder, repo_id, files, message, private, revision)


def push(plan: PushPlan, api: Any = None) -> Any:
    """Upload ``plan.files``; returns what ``upload_folder`` returns (the commit info)."""
    if api is None:
        from huggingface_hub import HfApi

        api = HfApi()
    try:
        api.create_repo(plan.repo_id, repo_type="dataset", private=plan.private, exist_ok=True)
        if plan.revision and plan.revision != "main":
            api.create_branch(plan.repo_id, branch=plan.revision, repo_type="dataset", exist_ok=True)
        return api.upload_folder(
            repo_id=plan.repo_id,
            repo_type="dataset",
            folder_path=str(plan.folder),
            revision=plan.revision,
            commit_message=plan.commit_message,
            allow_patterns=[_pattern(f) for f in plan.files],
            ignore_patterns=IGNORE,
        )
    except UserError:
        raise
    except Exception as e:  # network, auth, permissions: one line naming the fix
        raise UserError(
            f"{plan.repo_id}: upload failed ({type(e).__name__}: {e}); check the network and your token "
            f"(`hf auth login` or HF_TOKEN) and that you may write to this repository"
        ) from None
