"""The whole-reply model, cross-validated set by set: how it generalises, and the stage's threshold.

Every labelled set the model trains on (``make_reply_train.REPLY_SETS``: our dev sets and the spent test splits,
each written by a different author at a different time) is held out in turn: the model is trained on all the others
and scores the held-out set, on which the stage's rules and sentence classifier (reply model off) also run. The stage
lets the model decide only a reply the rules left clean (``stage._verdicts``: the rules' judgement, when they have one,
stands), and so does this bench. Printed per threshold, pooled over all folds and over the hand-written folds in the
styles of real chat models (``REAL_STYLE``): refusal recall, drop precision and compliant kept of the rules alone and
of both. The chosen threshold is the lowest whose pooled drop precision and compliant kept (all folds) are both at
least ``FLOOR`` (the issue's 0.97 plus a margin for a set nobody has seen), at which at least ``ADDED_MIN`` of the
replies the model drops beyond the rules are refusals (a bolder threshold must pay its way), and that drops at most
``BASE_MAX`` of the
bundled sample corpora's answers (``raw/``, built by the 2.9 recipe: what the rules keep of a corpus at its own, low
base rate of refusals), scored by the model trained on every set. The blind test split is never read.
Results: ``bench/results/reply_cv.json``. ``BENCH_FOLDS=a,b`` limits the held-out sets (for a quick look).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from bench.bench_unfilter_quality import load, run
from bench.data.make_reply_train import DATA, REPLY_SETS, rows
from dolphin_data.unfilter.reply import ReplyClassifier, train_reply

REAL_STYLE = tuple(s for s in REPLY_SETS if s not in ("unfilter_dev", "unfilter_dev_v4", "unfilter_test"))
GRID = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.97)
FLOOR = 0.975
ADDED_MIN = 0.9  # of the replies the model drops beyond the rules, at least this share are refusals
BASE_MAX = 0.01
REPO = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results" / "reply_cv.json"


def rates(y: np.ndarray, drop: np.ndarray) -> dict[str, float]:
    tp = int((y & drop).sum())
    return {
        "refusal_recall": round(tp / max(1, int(y.sum())), 4),
        "drop_precision": round(tp / max(1, int(drop.sum())), 4),
        "compliant_kept": round(int((~y & ~drop).sum()) / max(1, int((~y).sum())), 4),
    }


def fold(held: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Labels, P(refusal) of the model trained without ``held``, the rules' drops and clean keeps on ``held``."""
    train = rows(tuple(s for s in REPLY_SETS if s != held))
    test = load(DATA / f"{held}.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "train.jsonl"
        data.write_text("".join(json.dumps(r) + "\n" for r in train))
        model = Path(tmp) / "reply.ftz"
        train_reply(data, model)
        p = ReplyClassifier(model).predict([r["text"] for r in test], [r.get("prompt", "") for r in test])
    res = run(test, reply_model=None)
    drop = np.array([x["outcome"] == "drop" for x in res])
    clean = np.array([x["outcome"] == "keep" and not x["rules"] for x in res])
    print(f"fold {held}: trained on {len(train)} replies, scored {len(test)}", flush=True)
    return np.array([r["label"] == "refusal" for r in test]), p, drop, clean


def bundled_pairs() -> tuple[list[str], list[str]]:
    """(user turns, replies) of every exchange the 2.9 recipe keeps of the bundled samples with the whole-reply model
    off (a build in a temp dir, of a copy of the recipe whose unfilter stage sets ``reply_model: null``): the answers
    the model could cost, not those it already dropped."""
    with tempfile.TemporaryDirectory() as tmp:
        text = (REPO / "recipes" / "2.9.yaml").read_text(encoding="utf-8")
        assert "\n  unfilter: {}\n" in text, (
            "recipes/2.9.yaml: the unfilter stage's settings moved; update bench_reply_cv"
        )
        recipe = Path(tmp) / "recipe.yaml"
        recipe.write_text(text.replace("\n  unfilter: {}\n", "\n  unfilter: {reply_model: null}\n"), encoding="utf-8")
        out = Path(tmp) / "out"
        cmd = [
            sys.executable,
            "-m",
            "dolphin_data",
            "build",
            str(recipe),
            "--out",
            str(out),
            "--raw",
            str(REPO / "raw"),
        ]
        subprocess.run([*cmd, "-q"], check=True, capture_output=True)
        prompts, replies = [], []
        for path in sorted(out.glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                turns = json.loads(line)["conversations"]
                for a, b in zip(turns, turns[1:], strict=False):
                    if a["from"] == "human" and b["from"] == "gpt":
                        prompts.append(a["value"])
                        replies.append(b["value"])
    return prompts, replies


def base_rate(names: list[str]) -> np.ndarray:
    """P(refusal) of the bundled samples' kept answers, by the model trained on every set in ``names``."""
    prompts, replies = bundled_pairs()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "train.jsonl"
        data.write_text("".join(json.dumps(r) + "\n" for r in rows(tuple(names))))
        train_reply(data, Path(tmp) / "reply.ftz")
        return ReplyClassifier(Path(tmp) / "reply.ftz").predict(replies, prompts)


def pooled(folds: dict[str, tuple[np.ndarray, ...]], names: list[str], t: float | None) -> dict[str, float]:
    y = np.concatenate([folds[n][0] for n in names])
    drop = np.concatenate([folds[n][2] for n in names])
    if t is not None:
        drop = drop | (
            np.concatenate([folds[n][3] for n in names]) & (np.concatenate([folds[n][1] for n in names]) >= t)
        )
    return rates(y, drop)


def added(folds: dict[str, tuple[np.ndarray, ...]], names: list[str], t: float) -> tuple[int, float]:
    """How many replies the model drops beyond the rules at threshold ``t`` (pooled), and the share of refusals among
    them."""
    y, p, drop, clean = (np.concatenate([folds[n][i] for n in names]) for i in range(4))
    extra = ~drop & clean & (p >= t)
    return int(extra.sum()), round(float((extra & y).sum()) / max(1, int(extra.sum())), 4)


def main() -> None:
    wanted = [s.strip() for s in os.environ.get("BENCH_FOLDS", "").split(",") if s.strip()]
    names = [s for s in REPLY_SETS if (DATA / f"{s}.jsonl").exists() and (not wanted or s in wanted)]
    with ProcessPoolExecutor(max(1, min(2, os.cpu_count() or 1))) as pool:  # each fold trains in its own process
        folds = dict(zip(names, pool.map(fold, names), strict=True))
    real = [n for n in names if n in REAL_STYLE]
    base = base_rate([s for s in REPLY_SETS if (DATA / f"{s}.jsonl").exists()])
    out: dict[str, Any] = {"folds": names, "n": int(sum(len(f[0]) for f in folds.values()))}
    out["per_fold"] = {n: {"rules": pooled(folds, [n], None), "both@0.7": pooled(folds, [n], 0.7)} for n in names}
    out["by_threshold"] = {"rules": {"all": pooled(folds, names, None), "real_style": pooled(folds, real, None)}}
    print(
        f"\n{'':>12}{'recall':>8}{'drop P':>8}{'kept':>8}  | real-style folds  ({len(names)} folds, {out['n']} replies)"
        f"  | bundled answers dropped (of {len(base)})  | model's own drops: n, refusals"
    )
    chosen = None
    for t in (None, *GRID):
        a, r = pooled(folds, names, t), pooled(folds, real, t) if real else {}
        share = float((base >= t).mean()) if t is not None else 0.0
        n_added, p_added = added(folds, names, t) if t is not None else (0, 1.0)
        if t is not None:
            out["by_threshold"][str(t)] = {
                "all": a,
                "real_style": r,
                "bundled_dropped": round(share, 4),
                "model_drops": n_added,
                "model_drops_refusals": p_added,
            }
        print(
            f"{'rules' if t is None else 'both @' + str(t):>12}"
            + "".join(f"{v:8.3f}" for v in a.values())
            + "  |"
            + "".join(f"{v:8.3f}" for v in r.values())
            + f"  | {share:8.4f}  | {n_added:5d} {p_added:6.3f}"
        )
        meets = min(a["drop_precision"], a["compliant_kept"]) >= FLOOR and share <= BASE_MAX and p_added >= ADDED_MIN
        if t is not None and chosen is None and meets:
            chosen = t
    out["chosen_threshold"] = chosen
    print(
        f"chosen threshold (pooled drop precision, compliant kept >= {FLOOR}; bundled dropped <= {BASE_MAX}; "
        f"the model's own drops >= {ADDED_MIN} refusals): {chosen}"
    )
    if not wanted:
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
