"""``decontaminate`` (the stage on a file, generated from its declaration) and ``decontam index|info`` (benchmark
indexes)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from dolphin_data.cli.app import QuietOpt, app, out, summary_table, user_errors
from dolphin_data.cli.stagecmd import stage_command
from dolphin_data.cli.stages import INPUT, OUT, REJECTS, REPORT, SOURCE, run_one
from dolphin_data.errors import UserError


def _decontaminate(params: dict[str, Any], v: dict[str, Any]) -> None:
    run_one("decontaminate", params, v, counters={"contam:partial": "overlap below threshold"})


app.command("decontaminate")(
    user_errors(
        stage_command(
            "decontaminate",
            [INPUT, OUT, REJECTS, REPORT, SOURCE],
            _decontaminate,
            """Drop records that contain a benchmark item's question (n-gram overlap with a benchmark index).

    Example: dolphin-data decontaminate chats.jsonl --out clean.jsonl --rejects contam.jsonl --report rep/
    """,
        )
    )
)

decontam_app = typer.Typer(
    no_args_is_help=True, help="Benchmark indexes for `decontaminate`: `decontam index`, `decontam info`."
)
app.add_typer(decontam_app, name="decontam")


@decontam_app.command("index")
@user_errors
def index_cmd(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Benchmark files: .jsonl, .json, .parquet, .csv, .tsv (optionally .gz).")
    ] = None,
    out_path: Annotated[Path, typer.Option("--out", help="Index file to write (e.g. benchmarks.dcx).")] = Path(
        "benchmarks.dcx"
    ),
    benchmark: Annotated[
        str | None, typer.Option("--benchmark", help="Benchmark name for every file (default: each file's stem).")
    ] = None,
    id_field: Annotated[
        str | None,
        typer.Option("--id", help="Item id field (default: id, task_id, question_id or idx; else the line)."),
    ] = None,
    question: Annotated[
        str, typer.Option("--question", help="Question field(s), comma-separated (joined by newlines).")
    ] = "question",
    answer: Annotated[str | None, typer.Option("--answer", help="Answer field(s), comma-separated.")] = None,
    license_: Annotated[str | None, typer.Option("--license", help="Licence to record for these benchmarks.")] = None,
    bundled: Annotated[
        bool, typer.Option("--bundled/--no-bundled", help="Also index the bundled benchmarks (HumanEval).")
    ] = False,
    unit: Annotated[str, typer.Option("--unit", help="word (prose) or char (code).")] = "word",
    ngram: Annotated[
        int | None, typer.Option("--ngram", help="Gram size in units (default 13 words / 50 chars).")
    ] = None,
    min_ngram: Annotated[
        int | None,
        typer.Option("--min-ngram", help="Gram size for parts shorter than --ngram (default 8 words / 30 chars)."),
    ] = None,
    max_items_per_gram: Annotated[
        int, typer.Option("--max-items-per-gram", help="Drop grams shared by more items (templates).")
    ] = 20,
    quiet: QuietOpt = False,
) -> None:
    """Build a benchmark index (sorted n-gram hashes, memory-mapped by every worker) from benchmark files.

    Example: dolphin-data decontam index gsm8k_test.jsonl --question question --answer answer --out gsm8k.dcx
    """
    from dolphin_data.decontam.index import IndexSettings, build_index, write_index
    from dolphin_data.decontam.sources import bundled_items, read_benchmark

    if not files and not bundled:
        raise UserError(
            "decontam index needs benchmark files (or --bundled); e.g. "
            "`dolphin-data decontam index test.jsonl --question question --out bench.dcx`"
        )
    settings = IndexSettings.of(unit, ngram, min_ngram, max_items_per_gram)
    settings.check()
    items, meta = bundled_items() if bundled else ([], {})
    for f in files or []:
        got, m = read_benchmark(f, benchmark, id_field, question, answer)
        name = benchmark or f.name.split(".")[0]
        if name in meta and meta[name].get("bundled"):
            raise UserError(f"{f}: benchmark name {name!r} is bundled; pick another with --benchmark")
        entry = meta.setdefault(name, {"sources": [], "empty_skipped": 0, "fields": m["fields"]})
        entry["sources"] += m["sources"]
        entry["empty_skipped"] += m["empty_skipped"]
        if license_:
            entry["license"] = license_
        items += got
    data = build_index(items, settings, meta)
    write_index(out_path, data)
    if not quiet:
        _print_header(data.header, out_path)


@decontam_app.command("info")
@user_errors
def info_cmd(index: Annotated[str, typer.Argument(help="Index file, or 'bundled'.")] = "bundled") -> None:
    """Settings, benchmarks (items, licence) and size of an index.

    Example: dolphin-data decontam info benchmarks.dcx
    """
    from dolphin_data.decontam.index import IndexSettings, read_header
    from dolphin_data.decontam.sources import bundled_index

    if index == "bundled":
        header = bundled_index(IndexSettings()).header
        path = Path("bundled")
    else:
        path = Path(index)
        header, _ = read_header(path)
    _print_header(header, path)


def _print_header(header: dict[str, Any], path: Path) -> None:
    st = header["stats"]
    rows = [
        ("unit", header["unit"]),
        ("ngram", header["ngram"]),
        ("min_ngram", header["min_ngram"]),
        ("items", st["items"]),
        ("grams", st["grams"]),
        ("common grams dropped", st["common_grams_dropped"]),
    ]
    for b in header["benchmarks"]:
        rows.append(
            (f"{b['name']} items (indexed / too short)", f"{b['items']} ({b['indexed_items']} / {b['too_short']})")
        )
        if b.get("license"):
            rows.append((f"{b['name']} licence", b["license"]))
    out.print(summary_table(f"decontam index {path}", rows))
