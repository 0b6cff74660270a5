"""The ``dedup`` stage: exact + near-duplicate removal within and across sources (a corpus barrier).

``process_corpus`` receives every source that lists ``dedup``, in recipe order, which is the default
priority: when copies live in several sources, the copy in the earliest source survives. Parameters come
from ``stage_params.dedup`` (a corpus stage has one set of parameters for the whole build).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from dolphin_data.dedup import EXACT, REASONS, DedupConfig, DedupResult, deduplicate
from dolphin_data.dedup.minhash import ShingleConfig
from dolphin_data.errors import UserError
from dolphin_data.model import Conversation, Reject
from dolphin_data.stages import STAGES, ParamError, Stage, StageOutput


@STAGES.register("dedup")
class DedupStage(Stage):
    """Exact and MinHash-LSH near-duplicates within and across sources -> dup:exact / dup:near."""

    name = "dedup"
    kind = "corpus"

    def __init__(
        self,
        threshold: float = 0.8,
        num_perm: int = 128,
        bands: int | None = None,
        rows: int | None = None,
        min_recall: float = 0.99,
        exact_check: bool = True,
        text: str = "conversation",
        include_system: bool = False,
        normalise: str = "default",
        shingle: str = "word",
        ngram: int = 5,
        keep: str = "priority",
        priority: Sequence[str] | None = None,
        backend: str = "rensa",
        seed: int = 1,
        workers: int | None = None,
    ):
        self.threshold, self.num_perm, self.bands, self.rows = threshold, num_perm, bands, rows
        self.min_recall, self.exact_check, self.text, self.include_system = min_recall, exact_check, text, include_system
        self.normalise, self.shingle, self.ngram, self.keep = normalise, shingle, ngram, keep
        self.priority = list(priority) if priority is not None else None
        self.backend, self.seed, self.workers = backend, seed, workers
        if priority is not None and (isinstance(priority, str) or not all(isinstance(p, str) for p in priority)):
            raise ParamError(f"stage 'dedup': priority must be a list of source names, got {priority!r}")
        try:
            self.config = DedupConfig(
                threshold=float(threshold), num_perm=num_perm, bands=bands, rows=rows, min_recall=float(min_recall),
                exact_check=bool(exact_check), seed=seed, backend=backend, keep=keep,
                # None = every core: on a quiet 2-core machine 2 processes gave 34k vs 26k docs/s at 200k
                # (under load from other work they were slower, 22k vs 25k)
                workers=(os.cpu_count() or 1) if workers is None else workers,
                shingles=ShingleConfig(text, bool(include_system), normalise, shingle, ngram),
            )
        except (ValueError, TypeError) as e:
            raise ParamError(f"stage 'dedup': {e}") from None
        self.stats: dict[str, Any] = {}

    def params(self) -> dict[str, Any]:
        out = super().params()
        out["bands"], out["rows"] = self.config.lsh()
        return out

    def order(self, names: Sequence[str]) -> list[str]:
        """Source priority: the ``priority`` list first, then the other sources in the order given."""
        if self.priority is None:
            return list(names)
        unknown = [p for p in self.priority if p not in names]
        if unknown:
            raise UserError(
                f"stage_params.dedup.priority: {unknown[0]!r} is not a source that runs dedup; sources: {', '.join(names)}"
            )
        return list(self.priority) + [n for n in names if n not in self.priority]

    def process_corpus(self, sources: Mapping[str, list[Conversation]]) -> dict[str, StageOutput]:
        names = list(sources)
        rank = {name: i for i, name in enumerate(self.order(names))}
        convs: list[Conversation] = []
        src: list[int] = []
        position: list[int] = []
        for name in names:
            convs.extend(sources[name])
            src.extend([names.index(name)] * len(sources[name]))
            position.extend(range(len(sources[name])))
        shingles = self.config.shingles

        def texts_of(idx: np.ndarray) -> list[str]:
            return shingles.texts([convs[i] for i in idx])

        priority = np.array([rank[names[s]] for s in src], np.int64)
        result = deduplicate(len(convs), texts_of, priority, np.array(position, np.int64), self.config)
        self.stats = dict(result.stats)
        return self.outputs(names, convs, src, result)

    def outputs(self, names: list[str], convs: list[Conversation], src: list[int], result: DedupResult) -> dict[str, StageOutput]:
        outs = {name: StageOutput([]) for name in names}
        surv, reason, sim = result.survivor, result.reason, result.similarity
        for i, conv in enumerate(convs):
            out = outs[names[src[i]]]
            if reason[i] == 0:
                out.kept.append(conv)
                continue
            kept = convs[surv[i]]
            out.rejects.append(
                Reject.of(conv, self.name, REASONS[int(reason[i])], duplicate_of=kept.id, duplicate_source=kept.source,
                          similarity=1.0 if reason[i] == EXACT else round(float(sim[i]), 4))
            )
        for out in outs.values():
            cross = sum(1 for r in out.rejects if r.extra["duplicate_source"] != r.source)
            if cross:
                out.counters.update(Counter({"cross_source": cross}))
        return outs

    def report(self, report_dir: Path, results: Mapping[str, StageOutput]) -> dict[str, Any]:
        from dolphin_data.dedup.report import write_report

        return write_report(Path(report_dir), results, self.stats, self.params())


def dedup_files(stage: DedupStage, inputs: Sequence[str | Path], out: str | Path, rejects: str | Path,
                report_dir: str | Path | None = None) -> dict[str, Any]:
    """Run ``dedup`` across files (what ``dolphin-data dedup`` does): inputs are sources in the given order.

    With several inputs ``out`` is a folder with one file per input (same names); with one input ``out`` is
    a file unless it is an existing folder or ends with ``/``. Records that cannot be read go to ``rejects``
    with their ``schema:`` reason, like every other drop. Returns per-input counts.
    """
    from dolphin_data.io import write_jsonl
    from dolphin_data.stagefile import load_conversations

    paths = [Path(p) for p in inputs]
    names = [p.name for p in paths]
    dupe = next((n for n in names if names.count(n) > 1), None)
    if dupe:
        raise UserError(f"{dupe}: two inputs share this file name; outputs are written by name, so rename one")
    out = Path(out)
    as_folder = len(paths) > 1 or out.is_dir() or str(out).endswith("/")
    loaded = [load_conversations(p) for p in paths]
    stems = [lf.path.name.split(".")[0] for lf in loaded]
    if len(set(stems)) != len(stems):
        raise UserError(f"inputs {', '.join(names)}: file stems must differ (they name the sources in ids and reports)")
    sources = {stem: [c if c.source == stem else _with_source(c, stem) for c in lf.convs] for stem, lf in zip(stems, loaded, strict=True)}
    outs = stage.process_corpus(sources)
    if as_folder:
        out.mkdir(parents=True, exist_ok=True)
    all_rejects = []
    summary: dict[str, Any] = {}
    for stem, lf in zip(stems, loaded, strict=True):
        res = outs[stem]
        target = out / lf.path.name if as_folder else out
        if target.name.endswith(".gz") or target.suffix not in (".jsonl", ".ndjson"):
            target = target.with_name(target.name.split(".")[0] + ".jsonl")
        write_jsonl(target, (c.to_record(lf.shape) for c in res.kept))
        rej = lf.rejects + [Reject(r.id, r.source, r.stage, r.reason, r.record, {**r.extra, "file": str(lf.path),
                                                                                   "line": lf.line_of.get(r.id)})
                            for r in res.rejects]
        all_rejects.extend(rej)
        reasons = Counter(r.reason for r in rej)
        if len(res.kept) + len(rej) != lf.rows:
            raise AssertionError(f"{lf.path}: accounting: {lf.rows} rows != {len(res.kept)} kept + {len(rej)} rejected")
        summary[stem] = {"file": str(lf.path), "out": str(target), "in": lf.rows, "kept": len(res.kept),
                         "rejected": dict(sorted(reasons.items()))}
    write_jsonl(rejects, (r.to_json() for r in all_rejects))
    report: dict[str, Any] = {}
    if report_dir is not None:
        report = stage.report(Path(report_dir), outs)
    return {"inputs": summary, "report": report, "engine": stage.stats}


def _with_source(conv: Conversation, source: str) -> Conversation:
    from dataclasses import replace

    return replace(conv, source=source)
