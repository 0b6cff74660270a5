"""``dolphin-data dedup``: exact + MinHash-LSH near-duplicate removal within and across files.

No ``from __future__ import annotations`` here: Typer reads the annotations of the command defined inside
``register``, which refer to names imported there.
"""

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    from dolphin_data.cli import QuietOpt, out, summary_table, user_errors

    @app.command()
    @user_errors
    def dedup(
        inputs: Annotated[list[Path], typer.Argument(help="ShareGPT or messages JSONL files, highest priority first.")],
        out_path: Annotated[Path, typer.Option("--out", help="Output folder (one file per input, same names); a file for one input.")],
        rejects: Annotated[Path, typer.Option("--rejects", help="Removed records: reason dup:exact / dup:near, duplicate_of, similarity.")],
        report: Annotated[Path | None, typer.Option("--report", help="Write dedup.json and dedup.md here.")] = None,
        threshold: Annotated[float, typer.Option("--threshold", help="Jaccard similarity at or above which records are duplicates.")] = 0.8,
        num_perm: Annotated[int, typer.Option("--num-perm", help="MinHash permutations.")] = 128,
        bands: Annotated[int | None, typer.Option("--bands", help="LSH bands (with --rows; default: recall >= --min-recall).")] = None,
        rows: Annotated[int | None, typer.Option("--rows", help="LSH rows per band.")] = None,
        min_recall: Annotated[float, typer.Option("--min-recall", help="Mean recall above the threshold for automatic bands x rows.")] = 0.99,
        exact_check: Annotated[bool, typer.Option("--exact-check/--no-exact-check", help="Verify candidates by exact Jaccard (default) or accept the MinHash estimate.")] = True,
        text: Annotated[str, typer.Option("--text", help="conversation (human+gpt turns), first_human, or first_exchange.")] = "conversation",
        include_system: Annotated[bool, typer.Option("--include-system", help="Also compare the system prompt.")] = False,
        normalise: Annotated[str, typer.Option("--normalise", help="default (lowercase, no punctuation), nfkc, whitespace, none.")] = "default",
        shingle: Annotated[str, typer.Option("--shingle", help="word n-grams, or char n-grams (code).")] = "word",
        ngram: Annotated[int, typer.Option("--ngram", help="Shingle length in words or characters.")] = 5,
        keep: Annotated[str, typer.Option("--keep", help="Survivor: priority (input order, then earliest) or longest.")] = "priority",
        backend: Annotated[str, typer.Option("--backend", help="rensa (compiled) or numpy (datasketch affine32, bit-identical).")] = "rensa",
        quiet: QuietOpt = False,
    ) -> None:
        """Remove exact and near duplicates within and across files; the first input wins ties across files.

        Example: dolphin-data dedup a.jsonl b.jsonl --out deduped/ --rejects dups.jsonl --report reports/dedup
        """
        from dolphin_data.dedup.stage import dedup_files
        from dolphin_data.stages import make_stage

        params = {"threshold": threshold, "num_perm": num_perm, "bands": bands, "rows": rows, "min_recall": min_recall,
                  "exact_check": exact_check, "text": text, "include_system": include_system, "normalise": normalise,
                  "shingle": shingle, "ngram": ngram, "keep": keep, "backend": backend}
        stage = make_stage("dedup", params)
        result = dedup_files(stage, inputs, out_path, rejects, report)  # type: ignore[arg-type]
        if quiet:
            return
        for stem, s in result["inputs"].items():
            rows_ = [("in", s["in"]), ("kept", s["kept"])] + [(f"rejected {k}", v) for k, v in s["rejected"].items()]
            out.print(summary_table(f"dedup {stem}", rows_))
        eng = result["engine"]
        out.print(f"{eng.get('bands')} bands x {eng.get('rows')} rows; {eng.get('candidate_pairs', 0):,} candidate pairs, "
                  f"{eng.get('verified_pairs', 0):,} verified")
