"""``dolphin-data tokens``: exact token counts of a file as the trainer renders it, and the length policy.

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
    def tokens(
        input: Annotated[Path, typer.Argument(help="ShareGPT or messages JSONL.")],
        stats: Annotated[Path, typer.Option("--stats", help='Per-record counts: {"id", "tokens", "trainable_tokens"} a line.')],
        max_len: Annotated[int, typer.Option("--max-len", help="Trainer sequence_len; longer records are over the limit.")] = 4096,
        policy: Annotated[str, typer.Option("--policy", help="drop (as the trainer), truncate-turns, or keep.")] = "drop",
        out_path: Annotated[Path | None, typer.Option("--out", help="Kept (or truncated) records, same shape as INPUT.")] = None,
        rejects: Annotated[Path | None, typer.Option("--rejects", help="Dropped records with reason tokens:too_long.")] = None,
        encoding: Annotated[str, typer.Option("--encoding", help="llama3 (default), llama3-tiktoken, cl100k_base.")] = "llama3",
        system_prompt: Annotated[
            str, typer.Option("--default-system-prompt", help="Inserted where a record has no system turn (Axolotl 0.4).")
        ] = "You are a helpful assistant.",
        report: Annotated[Path | None, typer.Option("--report", help="Write tokens.json and tokens.md here.")] = None,
        quiet: QuietOpt = False,
    ) -> None:
        """Count Llama 3 tokens of the ChatML rendering the trainer produces; apply the length policy.

        Example: dolphin-data tokens out/2.9/SystemConversations.jsonl --stats stats.jsonl --out kept.jsonl --rejects rej.jsonl
        """
        from dolphin_data.stages import make_stage
        from dolphin_data.tokens.stage import TokensStage, iter_summary_rows, tokens_file

        stage = make_stage(
            "tokens", {"max_len": max_len, "policy": policy, "encoding": encoding, "default_system_prompt": system_prompt}
        )
        assert isinstance(stage, TokensStage)
        run = tokens_file(stage, input, stats, out_path, rejects, report)
        if not quiet:
            out.print(summary_table(f"tokens {input.name} ({encoding})", iter_summary_rows(run)))
