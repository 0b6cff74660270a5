"""The ``dedup`` stage: exact + near-duplicate removal within and across sources (a corpus barrier).

``decide`` streams every source that lists ``dedup`` once, in recipe order (``process_corpus`` does the same for
sources in memory), which is the default
priority: when copies live in several sources, the copy in the earliest source survives. Parameters come
from ``stage_params.dedup`` (a corpus stage has one set of parameters for the whole build).
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from dolphin_data.dedup.config import EXACT, KEPT, REASONS, DedupConfig
from dolphin_data.dedup.decide import DedupResult, Verdicts
from dolphin_data.dedup.decide import decide as decide_verdicts
from dolphin_data.dedup.minhash import ShingleConfig
from dolphin_data.dedup.sketch import sketch
from dolphin_data.dedup.spill import ShingleWriter
from dolphin_data.errors import UserError
from dolphin_data.model import Conversation, Reject
from dolphin_data.stages import STAGES, IdList, ParamError, Stage, StageOutput, summaries


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
    ):
        self.threshold, self.num_perm, self.bands, self.rows = threshold, num_perm, bands, rows
        self.min_recall, self.exact_check, self.text, self.include_system = min_recall, exact_check, text, include_system
        self.normalise, self.shingle, self.ngram, self.keep = normalise, shingle, ngram, keep
        self.priority = list(priority) if priority is not None else None
        self.backend, self.seed = backend, seed
        if priority is not None and (isinstance(priority, str) or not all(isinstance(p, str) for p in priority)):
            raise ParamError(f"stage 'dedup': priority must be a list of source names, got {priority!r}")
        try:
            self.config = DedupConfig(
                threshold=float(threshold), num_perm=num_perm, bands=bands, rows=rows, min_recall=float(min_recall),
                exact_check=bool(exact_check), seed=seed, backend=backend, keep=keep,
                shingles=ShingleConfig(text, bool(include_system), normalise, shingle, ngram),
            )
        except (ValueError, TypeError) as e:
            raise ParamError(f"stage 'dedup': {e}") from None
        self.stats: dict[str, Any] = {}
        self.decision: DedupDecision | None = None

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

    def decide(self, sources: Sequence[tuple[str, int, Iterable[list[Conversation]]]]) -> DedupDecision:
        """Deduplicate sources streamed once in batches, in the order given; only ids and arrays stay in memory."""
        names = [name for name, _, _ in sources]
        counts = [n for _, n, _ in sources]
        rank = {name: i for i, name in enumerate(self.order(names))}
        src = np.repeat(np.arange(len(names), dtype=np.int64), counts)
        position = np.concatenate([np.arange(n, dtype=np.int64) for n in counts]) if counts else np.zeros(0, np.int64)
        priority = np.array([rank[n] for n in names], np.int64)[src] if names else np.zeros(0, np.int64)
        ids = IdList()
        cfg = self.config
        seconds = {"select": 0.0, "sketch": 0.0}
        # the phases as the engine will run them: sketch per batch (in the workers there), decide once
        with tempfile.TemporaryDirectory(prefix="dedup-", dir=cfg.spill_dir) as tmp:
            parts = []
            with ShingleWriter(Path(tmp) / "shingles.u64") as writer:
                for name, n, batches in sources:
                    seen = 0
                    for batch in batches:
                        t0 = time.perf_counter()
                        ids.extend(c.id for c in batch)
                        seen += len(batch)
                        texts = cfg.shingles.texts(batch)
                        t1 = time.perf_counter()
                        if texts:
                            parts.append(sketch(texts, cfg, writer))
                        seconds["select"] += t1 - t0
                        seconds["sketch"] += time.perf_counter() - t1
                    if seen != n:
                        raise ValueError(f"dedup: source {name!r} streamed {seen} records, expected {n}")
            result = decide_verdicts(parts, priority, position, cfg)
        result.stats["seconds"] = {k: round(v, 3) for k, v in seconds.items()} | result.stats["seconds"]
        self.stats = dict(result.stats)
        self.decision = DedupDecision(self.name, names, counts, src, ids, result)
        return self.decision

    def process_corpus(self, sources: Mapping[str, list[Conversation]]) -> dict[str, StageOutput]:
        decision = self.decide([(name, len(convs), [convs]) for name, convs in sources.items()])
        return {name: decision.apply(name, convs, 0) for name, convs in sources.items()}

    def summary(self) -> Any:
        from dolphin_data.dedup.report import DedupSummary

        # the survivors that have duplicates: the report shows the start of their text
        return DedupSummary(self.decision.survivor_ids() if self.decision is not None else set())

    def report(self, report_dir: Path, results: Mapping[str, Any]) -> dict[str, Any]:
        from dolphin_data.dedup.report import write_report

        return write_report(Path(report_dir), summaries(self, results), self.stats, self.params())


class DedupDecision:
    """Per-record dedup verdicts (arrays over every record of every source, in order) and the records' ids."""

    def __init__(self, stage: str, names: list[str], counts: list[int], src: np.ndarray, ids: IdList, result: DedupResult):
        self.stage, self.names, self.src, self.ids = stage, names, src, ids
        self.start = dict(zip(names, np.cumsum([0] + counts)[:-1].tolist(), strict=True))
        self.count = dict(zip(names, counts, strict=True))
        self.result = result
        self.survivor, self.reason, self.similarity = result.survivor, result.reason, result.similarity

    def apply(self, source: str, batch: list[Conversation], offset: int) -> StageOutput:
        verdicts = self.result.slice(self.start[source] + offset, len(batch))
        return apply_verdicts(self.stage, batch, verdicts, self.survivor_of)

    def survivor_of(self, index: int) -> tuple[str, str]:
        """(id, source) of the record at global index ``index``."""
        return self.ids[index], self.names[int(self.src[index])]

    def counts(self, source: str) -> tuple[int, int, Counter[str], Counter[str]]:
        lo, n = self.start[source], self.count[source]
        reason = self.reason[lo : lo + n]
        dropped = Counter({REASONS[int(r)]: int(k) for r, k in zip(*np.unique(reason[reason != 0], return_counts=True), strict=True)})
        me = self.names.index(source)
        cross = int((self.src[self.survivor[lo : lo + n][reason != 0]] != me).sum())
        return n, n - sum(dropped.values()), dropped, Counter({"cross_source": cross}) if cross else Counter()

    def survivor_ids(self) -> set[str]:
        return {self.ids[int(k)] for k in np.unique(self.survivor[self.reason != 0])}


def apply_verdicts(stage: str, batch: list[Conversation], verdicts: Verdicts,
                   survivor_of: Callable[[int], tuple[str, str]]) -> StageOutput:
    """The kept records and ``dup:*`` rejects of one batch from its verdicts; ``survivor_of(global index)``
    names a survivor (id, source) for the rejects' ``duplicate_of`` / ``duplicate_source``."""
    if len(verdicts) != len(batch):
        raise ValueError(f"{len(verdicts)} verdicts for {len(batch)} records")
    out = StageOutput([])
    reason = verdicts.reason.tolist()
    cross = 0
    for i, conv in enumerate(batch):
        if reason[i] == KEPT:
            out.kept.append(conv)
            continue
        kept_id, kept_source = survivor_of(int(verdicts.survivor[i]))
        cross += kept_source != conv.source
        out.rejects.append(Reject.of(conv, stage, REASONS[reason[i]], duplicate_of=kept_id, duplicate_source=kept_source,
                                     similarity=1.0 if reason[i] == EXACT else round(float(verdicts.similarity[i]), 4)))
    if cross:
        out.counters.update(Counter({"cross_source": cross}))
    return out


def dedup_files(stage: DedupStage, inputs: Sequence[str | Path], out: str | Path, rejects: str | Path,
                report_dir: str | Path | None = None) -> dict[str, Any]:
    """Run ``dedup`` across files (what ``dolphin-data dedup`` does): inputs are sources in the given order.

    With several inputs ``out`` is a folder with one file per input (same names); with one input ``out`` is
    a file unless it is an existing folder or ends with ``/``. Records that cannot be read go to ``rejects``
    with their ``schema:`` reason, like every other drop. Returns per-input counts and where the time went.
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
    t0 = time.perf_counter()
    loaded = [load_conversations(p) for p in paths]
    stems = [lf.path.name.split(".")[0] for lf in loaded]
    if len(set(stems)) != len(stems):
        raise UserError(f"inputs {', '.join(names)}: file stems must differ (they name the sources in ids and reports)")
    sources = {stem: [c if c.source == stem else _with_source(c, stem) for c in lf.convs] for stem, lf in zip(stems, loaded, strict=True)}
    t_read = time.perf_counter()
    decision = stage.decide([(name, len(convs), [convs]) for name, convs in sources.items()])
    t_decide = time.perf_counter()
    outs = {name: decision.apply(name, convs, 0) for name, convs in sources.items()}
    t_apply = time.perf_counter()
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
    t_write = time.perf_counter()
    report: dict[str, Any] = {}
    if report_dir is not None:
        report = stage.report(Path(report_dir), outs)
    seconds = {"read_convert": t_read - t0, **{f"dedup_{k}": v for k, v in stage.stats["seconds"].items()},
               "apply": t_apply - t_decide, "write": t_write - t_apply, "report": time.perf_counter() - t_write}
    return {"inputs": summary, "report": report, "engine": stage.stats, "seconds": {k: round(v, 3) for k, v in seconds.items()}}


def _with_source(conv: Conversation, source: str) -> Conversation:
    from dataclasses import replace

    return replace(conv, source=source)
