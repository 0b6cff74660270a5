"""``push``: a build folder to the Hugging Face Hub (``dolphin_data.hub.push``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dolphin_data.cli.app import QuietOpt, app, out, user_errors


@app.command()
@user_errors
def push(
    out_dir: Annotated[Path, typer.Argument(metavar="OUT", help="A build folder (checked against its manifest).")],
    repo_id: Annotated[str, typer.Argument(metavar="REPO_ID", help="Dataset repository, owner/name.")],
    private: Annotated[bool, typer.Option("--private", help="Create the repository private (if it is new).")] = False,
    revision: Annotated[
        str | None, typer.Option("--revision", help="Branch to commit to (created if missing).")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List what would be uploaded; upload nothing.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Upload a build folder to a Hugging Face dataset repository, as one commit (needs network and a token).

    Exactly the files of the build's manifest.json go (outputs, rejects, reports, Axolotl configs, the dataset card
    README.md, the manifest); never .cache/, work/ or timings.json.

    Example: dolphin-data push out/2.9 me/dolphin-2.9-mix --private
    """
    from dolphin_data.hub.push import plan_push
    from dolphin_data.hub.push import push as push_build

    plan = plan_push(out_dir, repo_id, private, revision)
    if dry_run:
        for rel in plan.files:
            out.print(rel, markup=False)
        return
    info = push_build(plan)
    if not quiet:
        url = getattr(info, "commit_url", None) or f"https://huggingface.co/datasets/{repo_id}"
        out.print(f"pushed {len(plan.files)} files of {out_dir} to {repo_id}: {url}", markup=False)
