"""The whole-reply model, cross-validated on our hand-written dev sets: how it generalises, and its threshold.

For each hand-written set S (``unfilter_dev_v5``, ``_v6``, ``_v7``: replies in the styles of real chat models,
written by different people at different times), the model is trained on every other dev set (``make_reply_train``
without S) and scored on S; the stage's rules and sentence classifier (reply model off) also run on S. Printed per
threshold, pooled over the three folds: refusal recall, drop precision and compliant kept of the rules alone, the
model alone, and both (what the stage does). The chosen threshold is the lowest whose pooled compliant-kept stays at or
above 0.97, the issue's floor (it chose the stage's ``REPLY_THRESHOLD``, 0.7, under the v4 rules; under the v5 rules it
admits 0.5, and the stage keeps 0.7: see ``dolphin_data/unfilter/reply.py``). The test splits are never read.
Results: ``bench/results/reply_cv.json``.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from bench.bench_unfilter_quality import load, run
from bench.data.make_reply_train import DATA, REPLY_SETS, rows
from dolphin_data.unfilter.reply import ReplyClassifier, train_reply

HELD = ("unfilter_dev_v5", "unfilter_dev_v6", "unfilter_dev_v7", "unfilter_dev_v8")
GRID = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
FLOOR = 0.97
RESULTS = Path(__file__).resolve().parent / "results" / "reply_cv.json"


def rates(y: np.ndarray, drop: np.ndarray) -> dict[str, float]:
    tp = int((y & drop).sum())
    return {
        "refusal_recall": round(tp / max(1, int(y.sum())), 4),
        "drop_precision": round(tp / max(1, int(drop.sum())), 4),
        "compliant_kept": round(int((~y & ~drop).sum()) / max(1, int((~y).sum())), 4),
    }


def main() -> None:
    ys, ps, rs, langs = [], [], [], []
    folds = [h for h in HELD if (DATA / f"{h}.jsonl").exists()]
    for held in folds:
        train = list(rows(tuple(s for s in REPLY_SETS if s != held)))
        test = load(DATA / f"{held}.jsonl")
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "train.jsonl"
            data.write_text("".join(json.dumps(r) + "\n" for r in train))
            model = Path(tmp) / "reply.ftz"
            train_reply(data, model)
            clf = ReplyClassifier(model)
            if os.environ.get("REPLY_MIN_CHARS"):  # what the lower bound on length does: REPLY_MIN_CHARS=0
                clf.min_chars = int(os.environ["REPLY_MIN_CHARS"])
            ps.append(clf.predict([r["text"] for r in test]))
        ys.append(np.array([r["label"] == "refusal" for r in test]))
        rs.append(np.array([x["outcome"] == "drop" for x in run(test, reply_model=None)]))
        langs.append(np.array([r["lang"] == "en" for r in test]))
        print(f"fold {held}: trained on {len(train)} replies, scored {len(test)}", flush=True)
    per_fold: dict[str, Any] = {}
    for held, yf, pf, rf in zip(folds, ys, ps, rs, strict=True):
        per_fold[held] = {"rules": rates(yf, rf), **{str(t): rates(yf, rf | (pf >= t)) for t in (0.7, 0.9)}}
        print(
            f"{held}: rules {per_fold[held]['rules']}\n    both @0.7 {per_fold[held]['0.7']}\n    both @0.9 "
            f"{per_fold[held]['0.9']}"
        )
    y, p, r, en = (np.concatenate(a) for a in (ys, ps, rs, langs))
    out: dict[str, Any] = {"folds": folds, "n": int(len(y)), "rules": rates(y, r), "per_fold": per_fold}
    out["by_threshold"] = {}
    print(f"\n{'':>10}{'recall':>8}{'drop P':>8}{'kept':>8}   (pooled over {len(folds)} folds, {len(y)} replies)")
    print(f"{'rules':>10}" + "".join(f"{v:8.3f}" for v in out["rules"].values()))
    chosen = None
    for t in GRID:
        both = rates(y, r | (p >= t))
        out["by_threshold"][str(t)] = {
            "model": rates(y, p >= t),
            "rules_and_model": both,
            "english": rates(y[en], r[en] | (p[en] >= t)),
        }
        print(f"{'both @' + str(t):>10}" + "".join(f"{v:8.3f}" for v in both.values()))
        if chosen is None and both["compliant_kept"] >= FLOOR:
            chosen = t
    out["chosen_threshold"] = chosen
    print(f"chosen threshold (compliant kept >= {FLOOR}): {chosen}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
