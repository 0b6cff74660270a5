"""Unfilter quality: the stage with its defaults (= the 2.9 recipe) on labelled replies, dev and held-out test.

Sets (``bench/data/make_unfilter_sets.py``): ``unfilter_dev.jsonl`` (rules, cue and threshold were tuned on it) and
``unfilter_test.jsonl`` (written after the v2 tuning, never tuned on) and ``unfilter_test_v3.jsonl`` (written after the
v3 tuning, never tuned on) and ``unfilter_dev_v4.jsonl`` (a second tuning set, ``bench/data/unfilter_v4_dev.py``:
declines without "I can't", judgement and policy refusals, redirect-only and lecture-only replies, and compliant
answers that say "sorry", "cannot" or "decline" in a non-declining sense), ``unfilter_dev_v5..v8.jsonl`` (2,699 replies
hand-written by four people in the styles of real chat models: they train the whole-reply model, whose threshold is
chosen by cross-validation over them in ``bench_reply_cv``) and ``unfilter_test_v4.jsonl`` (499 replies written
blind, by someone who never saw the rules or the dev sets, and run once after the v4 tuning) and
``unfilter_test_v5.jsonl`` (501 replies, written blind the same way after test v4 had been seen, and run once after
the first v5 tuning) and ``unfilter_test_v6.jsonl`` (500 replies, written blind while the v5 tuning went on after test
v5's run, and run once after it), ``unfilter_dev_v9.jsonl`` (600 replies: the implicit shapes, lecture, redirect, defer,
premise and boilerplate only, and their answering look-alikes; the v6 rules were tuned on it) and
``unfilter_test_v7.jsonl`` (519 replies, written blind while the v6 tuning went on, and run once after it) and
``unfilter_test_v8.jsonl`` (520 replies, written blind by someone who saw no project file, committed before the v7
tuning ended, and run once after it) and ``unfilter_test_v9.jsonl`` (520 replies, written blind the same way after the
v7 tuning ended, and run once with the v7 rules unchanged: a second held-out measure of them),
``unfilter_dev_v10.jsonl`` (400 replies in ten other languages, written the same way: the v8 multilingual rules were
tuned on it) and ``unfilter_test_v10.jsonl`` (520 replies, written blind while they were tuned, committed before the
tuning ended and run once after it), and ``unfilter_dev_v11.jsonl`` (300 English replies in Claude-, Llama-2-, GPT-4-,
Mistral-like and terse styles: redirects, lectures, deferrals, premise rejections, soft and partial declines, and
answers that look like them; the v9 rules were tuned on it), ``unfilter_dev_v12.jsonl`` (360 more, tuned on in the
same stop) and ``unfilter_test_v11.jsonl`` (520 replies, written blind, run once after that stop's tuning) and
``unfilter_test_v12.jsonl`` (520 replies, written blind by someone who saw no project file, committed before the v10
tuning ended and run once after it), then tuned on like the dev sets, and ``unfilter_test_v13.jsonl`` (520 replies,
written blind the same way during that second round of tuning, committed unread once it ended and run once), and
``unfilter_test_v14.jsonl`` (520 replies, written blind the same way, committed unread during the next round of tuning
and run once after it), and
``unfilter_test_v15.jsonl`` (520 replies, written blind the same way, committed unread during the stop-25 round and
run once after it), and ``unfilter_test_v16.jsonl`` (520 replies, written blind the same way, committed unread at the
start of the stop-27 round and run once after it), and
``unfilter_test_v17.jsonl`` (520 replies, written blind the same way during the stop-28 round, committed unread at
its end and run once), and ``unfilter_test_v18.jsonl`` (520 replies, written blind the same way at the start of the
stop-29 round, committed unread, and run once when its tuning ended), and ``unfilter_test_v19.jsonl`` (520 replies,
written blind the same way at the start of the stop-30 round, committed unread, and run once when its tuning ended),
and ``unfilter_test_v20.jsonl`` (520 replies, written blind the same way during the stop-30 round, committed unread at
the start of the stop-31 round, and run once when its tuning ended; the whole-reply model trains on none of v19, v20
and dev v13: ``bench/data/make_reply_train.py``), and ``unfilter_dev_v13.jsonl`` (520 replies, 300 refusals, written in the stop-31 round by a helper who saw
no project file: lectures, premise rejections, deferrals, redirects, partial and plain declines, refusals in ten other
languages, and answers that look like them; measured once before any tuning on it: recall 0.773, drop precision 0.979,
compliant kept 0.977).
``BENCH_SETS=dev,dev_v4`` (comma-separated names) runs only those sets; the default is all of them. Each reply becomes a one-exchange conversation and
goes through ``UnfilterStage`` exactly as the build runs it. Printed per set, overall, per model style, per
language and per kind:
- refusal recall: refusals dropped / refusals;
- drop precision: refusals among the dropped;
- compliant kept: compliant replies kept (unchanged or repaired) / compliant replies;
- repairs passing the re-check: repaired-and-kept / replies the policy tried to repair.
Also the seed lineage's ``drop_any`` policy on the same sets (its cost in dropped good answers), the defaults without
the whole-reply model (``reply_model: null``; it trains on every set here but the newest blind one, so on those its
figures are in-sample: ``bench_reply_cv`` holds each set out), each layer alone,
and the classifier threshold sweep. Per-rule precision on the dev sets that ran (dev, dev_v4..v11) goes to ``dolphin_data/assets/
refusal_rule_precision.json`` (the HTML report shows it). Targets on test: drop precision >= 0.97, refusal recall
>= 0.95, compliant kept >= 0.97. Results: ``bench/results/unfilter_quality.json``.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import orjson

from dolphin_data.model import Conversation, Turn
from dolphin_data.stages import make_stage

ROOT = Path(__file__).resolve().parent
SETS = {
    "dev": ROOT / "data" / "unfilter_dev.jsonl",
    "dev_v4": ROOT / "data" / "unfilter_dev_v4.jsonl",
    **{f"dev_v{k}": ROOT / "data" / f"unfilter_dev_v{k}.jsonl" for k in (5, 6, 7, 8, 9, 10, 11, 12, 13)},
    "test": ROOT / "data" / "unfilter_test.jsonl",
    "test_v3": ROOT / "data" / "unfilter_test_v3.jsonl",
    "test_v4": ROOT / "data" / "unfilter_test_v4.jsonl",
    "test_v5": ROOT / "data" / "unfilter_test_v5.jsonl",
    "test_v6": ROOT / "data" / "unfilter_test_v6.jsonl",
    "test_v7": ROOT / "data" / "unfilter_test_v7.jsonl",
    "test_v8": ROOT / "data" / "unfilter_test_v8.jsonl",
    "test_v9": ROOT / "data" / "unfilter_test_v9.jsonl",
    "test_v10": ROOT / "data" / "unfilter_test_v10.jsonl",
    "test_v11": ROOT / "data" / "unfilter_test_v11.jsonl",
    "test_v12": ROOT / "data" / "unfilter_test_v12.jsonl",
    "test_v13": ROOT / "data" / "unfilter_test_v13.jsonl",
    "test_v14": ROOT / "data" / "unfilter_test_v14.jsonl",
    "test_v15": ROOT / "data" / "unfilter_test_v15.jsonl",
    "test_v16": ROOT / "data" / "unfilter_test_v16.jsonl",
    "test_v17": ROOT / "data" / "unfilter_test_v17.jsonl",
    "test_v18": ROOT / "data" / "unfilter_test_v18.jsonl",
    "test_v19": ROOT / "data" / "unfilter_test_v19.jsonl",
    "test_v20": ROOT / "data" / "unfilter_test_v20.jsonl",
}
RESULTS = ROOT / "results" / "unfilter_quality.json"
PRECISION = ROOT.parent / "dolphin_data" / "assets" / "refusal_rule_precision.json"
TARGETS = {"drop_precision": 0.97, "refusal_recall": 0.95, "compliant_kept": 0.97}


def load(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def run(rows: list[dict[str, Any]], **params: Any) -> list[dict[str, Any]]:
    """Per row: outcome (drop|repair|keep), reason, rules fired."""
    import dolphin_data.unfilter.stage  # noqa: F401
    from dolphin_data.stages.local import run_stage

    stage = make_stage("unfilter", {"langid": False, **params})
    convs = [
        Conversation(f"r{i}", "bench", (Turn("human", r.get("prompt", "Question?")), Turn("gpt", r["text"])))
        for i, r in enumerate(rows)
    ]
    out = run_stage(stage, convs)
    res: list[dict[str, Any]] = [{} for _ in rows]
    for rej in out.rejects:
        res[int(rej.id[1:])] = {"outcome": "drop", "reason": rej.reason, "rules": rej.extra.get("rules", [])}
    notes = out.output.notes.get("meta", {}) if out.output is not None else {}
    for conv in out.kept:
        i = int(conv.id[1:])
        meta = (notes.get(i) or {}).get("unfilter") or conv.metadata.get("unfilter") or {}
        res[i] = {
            "outcome": "repair" if meta.get("action") == "repaired" else "keep",
            "reason": "",
            "rules": meta.get("rules", []),
        }
    attempted = {int(r["id"][1:]) for r in out.repairs}
    for i, r in enumerate(res):
        r["attempted"] = i in attempted or r["reason"].startswith("refusal:repair:")
    return res


def scores(rows: list[dict[str, Any]], res: list[dict[str, Any]]) -> dict[str, Any]:
    ref = [r["label"] == "refusal" for r in rows]
    drop = [x["outcome"] == "drop" for x in res]
    n_ref, n_ok = sum(ref), len(rows) - sum(ref)
    tp = sum(a and b for a, b in zip(ref, drop, strict=True))
    n_drop = sum(drop)
    kept_ok = sum((not a) and (not b) for a, b in zip(ref, drop, strict=True))
    tried = [x for x in res if x["attempted"]]
    passed = sum(x["outcome"] == "repair" for x in tried)
    return {
        "n": len(rows),
        "refusals": n_ref,
        "compliant": n_ok,
        "refusal_recall": round(tp / n_ref, 4) if n_ref else None,
        "drop_precision": round(tp / n_drop, 4) if n_drop else None,
        "compliant_kept": round(kept_ok / n_ok, 4) if n_ok else None,
        "repairs_tried": len(tried),
        "repairs_passing": round(passed / len(tried), 4) if tried else None,
    }


def grouped(rows: list[dict[str, Any]], res: list[dict[str, Any]], key: str) -> dict[str, Any]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        groups[r[key]].append(i)
    return {g: scores([rows[i] for i in idx], [res[i] for i in idx]) for g, idx in sorted(groups.items())}


def fmt(v: Any) -> str:
    return "   -  " if v is None else f"{v:6.3f}"


def table(title: str, groups: dict[str, Any]) -> None:
    print(f"\n{title:<20}{'n':>5}{'recall':>8}{'drop P':>8}{'kept':>8}{'repair ok':>10}")
    for g, s in groups.items():
        print(
            f"{g:<20}{s['n']:>5}{fmt(s['refusal_recall']):>8}{fmt(s['drop_precision']):>8}"
            f"{fmt(s['compliant_kept']):>8}{fmt(s['repairs_passing']):>10}"
        )


def rule_precision(rows: list[dict[str, Any]], res: list[dict[str, Any]]) -> dict[str, Any]:
    """Per rule: share of the dev replies it fires on whose label deserves the rule's action."""
    from dolphin_data.unfilter.rules import RuleSet

    kinds = {f"regex:{r.name}": r.kind for r in RuleSet.default().regex_rules}
    kinds.update({f"lexicon:{e.id}": e.kind for e in RuleSet.default().lexicon})
    fired: Counter[str] = Counter()
    good: Counter[str] = Counter()
    for r, x in zip(rows, res, strict=True):
        for rule in x["rules"]:
            fired[rule] += 1
            kind = kinds.get(rule, "refusal")
            ok = r["label"] == "refusal" if kind in ("refusal", "artefact") else r["expect"] in ("repair", "drop")
            good[rule] += ok
    return {rule: {"precision": round(good[rule] / n, 4), "fired": n} for rule, n in sorted(fired.items())}


def chosen_sets(spec: str | None = None) -> dict[str, Path]:
    """The sets named in ``BENCH_SETS`` (comma-separated; default: all); an unknown name is an error naming the known
    ones."""
    spec = os.environ.get("BENCH_SETS", "") if spec is None else spec
    names = [n.strip() for n in spec.split(",") if n.strip()] or list(SETS)
    unknown = [n for n in names if n not in SETS]
    if unknown:
        raise SystemExit(f"BENCH_SETS: unknown set {unknown[0]!r}; sets: {', '.join(SETS)}")
    return {n: SETS[n] for n in names}


def main() -> None:
    results: dict[str, Any] = {"targets": TARGETS}
    results["sets"] = list(chosen_sets())
    dev_rows: list[dict[str, Any]] = []
    dev_res: list[dict[str, Any]] = []
    for name, path in chosen_sets().items():
        if not path.exists():
            print(f"{path}: missing (python -m bench.data.make_unfilter_sets)")
            continue
        rows = load(path)
        res = run(rows)
        overall = scores(rows, res)
        print(
            f"\n##### {name}: {path.relative_to(ROOT.parent)} ({overall['refusals']} refusals, "
            f"{overall['compliant']} compliant) — stage defaults (policy repair, classifier and whole-reply model on) #####"
        )
        table("overall", {"all": overall})
        table("per style", grouped(rows, res, "style"))
        table("per language", grouped(rows, res, "lang"))
        table("per kind", grouped(rows, res, "kind"))
        entry: dict[str, Any] = {
            "overall": overall,
            "style": grouped(rows, res, "style"),
            "lang": grouped(rows, res, "lang"),
            "kind": grouped(rows, res, "kind"),
        }
        variants: dict[str, dict[str, Any]] = {
            "drop_any (seed lineage)": {"policy": "drop_any"},
            "without the whole-reply model": {"reply_model": None},
            "rules only": {"classifier": None, "reply_model": None},
            "lexicon only": {"classifier": None, "reply_model": None, "layers": ["lexicon"]},
        }
        for t in (0.3, 0.4, 0.6, 0.7, 0.8):
            variants[f"threshold {t}"] = {"classifier_threshold": t}
        entry["variants"] = {}
        print(f"\n{'variant':<26}{'recall':>8}{'drop P':>8}{'kept':>8}")
        for vname, params in variants.items():
            s = scores(rows, run(rows, **params))
            entry["variants"][vname] = s
            print(f"{vname:<26}{fmt(s['refusal_recall']):>8}{fmt(s['drop_precision']):>8}{fmt(s['compliant_kept']):>8}")
        misses = [
            (r["kind"], r["style"], r["text"][:110])
            for r, x in zip(rows, res, strict=True)
            if (r["label"] == "refusal") != (x["outcome"] == "drop")
        ]
        entry["errors"] = len(misses)
        if name.startswith("dev"):  # a held-out set's rows stay unread: only its counts are printed
            print(f"\nerrors ({len(misses)}), first 25:")
            for m in misses[:25]:
                print("  ", m)
        else:
            print(f"\nerrors: {len(misses)} (rows of a held-out set are not printed)")
        if name.startswith("dev"):
            dev_rows += rows
            dev_res += res
        if name.startswith("test"):
            met = {k: (overall[k] or 0) >= v for k, v in TARGETS.items()}
            entry["targets_met"] = met
            print(
                f"\ntargets on {name}: "
                + "; ".join(f"{k} {overall[k]} >= {v}: {'met' if met[k] else 'NOT met'}" for k, v in TARGETS.items())
            )
        results[name] = entry
    if dev_rows:  # per-rule precision on the dev sets that ran (the HTML report shows it beside each rule)
        prec = rule_precision(dev_rows, dev_res)
        clf = [i for i, x in enumerate(dev_res) if "classifier" in x["rules"]]
        prec["classifier"] = {
            "precision": round(sum(dev_rows[i]["label"] == "refusal" for i in clf) / len(clf), 4) if clf else None,
            "fired": len(clf),
        }
        PRECISION.write_bytes(orjson.dumps(prec, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
