"""``dolphin-data synth``: write a synthetic corpus (the dedup benchmark corpus, or a full ``raw/`` for a recipe)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from dolphin_data.cli.app import QuietOpt, app, out, summary_table, user_errors
from dolphin_data.errors import UserError

PROFILES = ("dedup", "2.9")


@app.command()
@user_errors
def synth(
    out_dir: Annotated[Path, typer.Option("--out", help="Output folder (for --profile 2.9: a raw/ folder).")],
    profile: Annotated[
        str,
        typer.Option(
            "--profile",
            help="dedup (planted duplicate pairs) or 2.9 (raw/ for recipes/2.9.yaml with GROUND_TRUTH.jsonl).",
        ),
    ] = "dedup",
    scale: Annotated[
        float,
        typer.Option(
            "--scale",
            help="dedup: 1.0 = 200,000 conversations; 2.9: 1.0 = the full mix (about 2.8 million conversations).",
        ),
    ] = 1.0,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same profile, scale and seed: same bytes).")] = 0,
    workers: Annotated[int | None, typer.Option("--workers", "-w", help="Processes (2.9; default: all cores).")] = None,
    quiet: QuietOpt = False,
) -> None:
    """Write a deterministic synthetic corpus with planted problems and their ground truth.

    Example: dolphin-data synth --profile 2.9 --scale 0.02 --out /tmp/raw29
    """
    if profile not in PROFILES:
        raise UserError(f"--profile {profile!r}: choose one of {', '.join(PROFILES)}")
    if not 0 < scale <= 50:
        raise UserError(f"--scale {scale}: choose a value in (0, 50]")
    if workers is not None and workers < 1:
        raise UserError(f"--workers {workers}: choose 1 or more")
    if profile == "dedup":
        from dolphin_data.synth import write_synth

        res = write_synth(out_dir, scale, seed)
        if not quiet:
            rows = [("records", res["records"]), *res["per_source"].items(), ("planted pairs", res["planted"])]
            out.print(summary_table(f"synth scale {scale} -> {out_dir}", rows))
        return

    from dolphin_data.synth.writer import write_profile

    t0 = time.perf_counter()
    summary = write_profile(out_dir, scale, seed, workers)
    secs = time.perf_counter() - t0
    if not quiet:
        rows = [(s["source"], f"{s['rows']:,} rows  {s['bytes'] / 1e6:,.1f} MB") for s in summary["sources"]]
        rows += [
            ("conversations", summary["conversations"]),
            ("MB", round(summary["bytes"] / 1e6, 1)),
            ("mean characters", summary["chars_mean"]),
            ("planted rows", sum(summary["planted"].values())),
            ("seconds", round(secs, 1)),
            ("MB/s", round(summary["bytes"] / 1e6 / secs, 1)),
        ]
        out.print(summary_table(f"synth --profile 2.9 --scale {scale} -> {out_dir}", rows))
        out.print(f"ground truth: {out_dir / summary['ground_truth']}; summary: {out_dir / 'SYNTH.json'}")
