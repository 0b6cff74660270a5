"""What the unfilter report keeps of one source while its output batches stream past: bounded, picklable, mergeable.

``UnfilterSummary.add(batch, out)`` takes a batch and the stage's ``StageOutput`` on it; ``merge(other)`` folds in a summary built elsewhere (a worker
process), in input order. Kept: counts (in, kept, per reason, counters), up to ``max_items`` compact rejects and
repairs (the span in context, never the whole record; the rest stays reachable in the rejects/repairs files and
the report says "N shown of M"), the ``near_n`` highest-scoring kept replies and matches ignored inside code or
quotations, and the ``kept_n`` kept conversations with the smallest seeded hash (a random sample that does not
depend on batching). ``to_data()`` is the plain data the report is built from.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from typing import Any

from dolphin_data.batch import Batch
from dolphin_data.model import Conversation, Reject
from dolphin_data.stages import StageOutput

CONTEXT = 50  # characters either side of a span
MATCH_MAX = 160
PREVIEW = 400


def _clip(s: str, n: int, left: bool = False) -> str:
    if len(s) <= n:
        return s
    return "\u2026" + s[-n:] if left else s[:n] + "\u2026"


def _sample_key(seed: int, conv_id: str) -> bytes:
    return hashlib.blake2b(f"{seed}:{conv_id}".encode(), digest_size=8).digest()


def compact_reject(rej: Reject) -> dict[str, Any]:
    """A reject as the report shows it: ids, reason, verdict, score and the span in its context."""
    out: dict[str, Any] = {
        "id": rej.id,
        "source": rej.source,
        "reason": rej.reason,
        "verdict": rej.extra.get("verdict", "language" if rej.reason.startswith("lang:") else ""),
    }
    span = rej.extra.get("span")
    record = rej.record if isinstance(rej.record, Mapping) else {}
    turns = record.get("conversations") or []
    if span is not None and span.get("turn", -1) < len(turns):
        text = turns[span["turn"]]["value"]
        s, e = span["start"], span["end"]
        out.update(
            turn=span["turn"],
            rule=span.get("rule", ""),
            before=_clip(text[max(0, s - CONTEXT * 2) : s], CONTEXT, True),
            match=_clip(text[s:e], MATCH_MAX),
            after=_clip(text[e : e + CONTEXT * 2], CONTEXT),
        )
    else:
        first = next((t["value"] for t in turns if t.get("from") != "system"), "")
        out.update(rule="", before="", match="", after=_clip(first, 2 * CONTEXT))
    for key in ("score", "lang_prob"):
        if key in rej.extra:
            out[key] = rej.extra[key]
    if rej.extra.get("rules"):
        out["rules"] = list(rej.extra["rules"])
    return out


def _kept_sample(conv: Conversation, meta: Mapping[str, Any]) -> dict[str, Any]:
    human = next((t.text for t in conv.turns if t.role == "human"), "")
    gpt = next((t.text for t in conv.turns if t.role == "gpt"), "")
    out: dict[str, Any] = {
        "id": conv.id,
        "source": conv.source,
        "human": _clip(human, 300),
        "gpt": _clip(gpt, PREVIEW),
        "turns": len(conv.turns),
    }
    for key in ("lang", "unfilter"):
        if key in meta:
            out[key] = meta[key]
    return out


class UnfilterSummary:
    def __init__(self, max_items: int = 20_000, kept_n: int = 10, seed: int = 42, near_n: int = 50):
        self.max_items, self.kept_n, self.seed, self.near_n = max_items, kept_n, seed, near_n
        self.kept = 0
        self.reasons: Counter[str] = Counter()
        self.counters: Counter[str] = Counter()
        self.repaired_rules: Counter[str] = Counter()
        self.rejects: list[dict[str, Any]] = []
        self.repairs: list[dict[str, Any]] = []
        self.n_repairs = 0
        self.near: list[dict[str, Any]] = []  # highest classifier scores among kept replies
        self.ignored: list[dict[str, Any]] = []  # matches ignored in code/quotes
        self.n_ignored = 0
        self.sample: list[tuple[bytes, int, dict[str, Any]]] = []

    @classmethod
    def for_stage(cls, stage: Any) -> UnfilterSummary:
        return cls(
            getattr(stage, "report_samples", 20_000), getattr(stage, "kept_samples", 10), getattr(stage, "seed", 42)
        )

    def add(self, batch: Batch, out: StageOutput) -> None:
        self.counters.update(out.counters)
        for i in sorted(out.drops):
            d = out.drops[i]
            self.reasons[d.reason] += 1
            if len(self.rejects) < self.max_items:
                self.rejects.append(
                    compact_reject(
                        Reject(batch.ids[i], batch.source, "unfilter", d.reason, batch.record(i), d.evidence)
                    )
                )
        meta = out.notes.get("meta", {})
        kept = out.kept(len(batch))
        position = {batch.ids[i]: i for i in kept}
        for rep in out.repairs:
            self.n_repairs += 1
            self.repaired_rules[rep["rule"]] += 1
            if len(self.repairs) < self.max_items:
                j = position.get(rep["id"])
                conv = (out.edits.get(j) or batch[j]) if j is not None else None
                after = conv.turns[rep["turn"]].text if conv is not None and rep["turn"] < len(conv.turns) else ""
                self.repairs.append({**rep, "after": _clip(after, PREVIEW)})
        for i in kept:
            near = meta.get(i, {}).get("unfilter_near")
            if not near:
                continue
            conv = out.edits.get(i) or batch[i]
            if "score" in near:
                text = conv.turns[near["turn"]].text
                self.near.append(
                    {
                        "id": conv.id,
                        "source": batch.source,
                        "score": near["score"],
                        "turn": near["turn"],
                        "text": _clip(text[near["start"] : near["end"]], MATCH_MAX),
                    }
                )
            for ig in near.get("ignored", []):
                self.n_ignored += 1
                if len(self.ignored) < self.near_n:
                    self.ignored.append({"id": conv.id, "source": batch.source, **ig})
        self.near = sorted(self.near, key=lambda d: (-d["score"], d["id"]))[: self.near_n]
        keyed = sorted((_sample_key(self.seed, batch.ids[i]), self.kept + j, i) for j, i in enumerate(kept))[
            : self.kept_n
        ]
        self.sample = sorted(
            self.sample + [(k, j, _kept_sample(out.edits.get(i) or batch[i], meta.get(i, {}))) for k, j, i in keyed],
            key=lambda t: t[:2],
        )[: self.kept_n]
        self.kept += len(kept)

    def merge(self, other: UnfilterSummary) -> None:
        """Fold in ``other`` (the records after this summary's, as input order goes)."""
        self.counters.update(other.counters)
        self.reasons.update(other.reasons)
        self.repaired_rules.update(other.repaired_rules)
        self.rejects = (self.rejects + other.rejects)[: self.max_items]
        self.repairs = (self.repairs + other.repairs)[: self.max_items]
        self.n_repairs += other.n_repairs
        self.near = sorted(self.near + other.near, key=lambda d: (-d["score"], d["id"]))[: self.near_n]
        self.ignored = (self.ignored + other.ignored)[: self.near_n]
        self.n_ignored += other.n_ignored
        shifted = [(k, i + self.kept, s) for k, i, s in other.sample]
        self.sample = sorted(self.sample + shifted, key=lambda t: t[:2])[: self.kept_n]
        self.kept += other.kept

    def to_data(self, name: str) -> dict[str, Any]:
        """Plain data for the report: counts, funnel, rules, and the bounded lists."""
        c = self.counters
        n_in = self.kept + sum(self.reasons.values())
        rules = sorted({k.split(":", 1)[1] for k in c if k.startswith("conversations:")})
        rows: list[dict[str, Any]] = [
            {
                "rule": r,
                "layer": r.split(":", 1)[0],
                "hits": c.get(f"hits:{r}", 0),
                "conversations": c.get(f"conversations:{r}", 0),
                "rejected": self.reasons.get(f"refusal:{r}", 0),
                "repaired": sum(n for k, n in self.repaired_rules.items() if r in k.split(",")),
            }
            for r in rules
        ]
        rows.sort(key=lambda row: (-row["conversations"], row["rule"]))
        languages = {k.split(":", 1)[1]: v for k, v in c.items() if k.startswith("lang:")}
        hist = {k.split(":", 1)[1]: v for k, v in sorted(c.items()) if k.startswith("classifier_score:")}
        return {
            "source": name,
            "funnel": {
                "in": n_in,
                "dropped_language": sum(v for k, v in self.reasons.items() if k.startswith("lang:")),
                "dropped_refusal": sum(v for k, v in self.reasons.items() if k.startswith("refusal:")),
                "repaired": c.get("repaired", 0),
                "turns_dropped": c.get("action:turns_dropped", 0),
                "truncated": c.get("action:truncated", 0),
                "kept": self.kept,
            },
            "rejected_by_reason": dict(sorted(self.reasons.items())),
            "rules": rows,
            "languages": dict(sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))),
            "classifier_scores": hist,
            "rejects": self.rejects,
            "rejects_total": sum(self.reasons.values()),
            "repairs": self.repairs,
            "repairs_total": self.n_repairs,
            "near_misses": self.near,
            "ignored": self.ignored,
            "ignored_total": self.n_ignored,
            "kept_sample": [s for _, _, s in self.sample],
        }
