"""Unfilter quality on the hand-written dev set and the held-out test set: precision, recall and F1 per layer
and combined.

Dev set: ``bench/data/unfilter_dev.jsonl`` (written independently of the classifier's training set; see
``bench/data/make_unfilter_sets.py``); the classifier's focus, gate and threshold were tuned on it. Test set:
``bench/data/unfilter_test.jsonl``, written after that tuning from new pieces and never tuned on: its figures are
the honest estimate. Layers: ``lexicon`` and ``regex`` (``RuleSet.default()``), the fastText
``classifier`` at the recipe's ``stage_params.unfilter.classifier_threshold`` (the stage default when the recipe
does not set it), ``rules`` = lexicon or regex, ``combined`` = rules or classifier (what the stage does with the
classifier on). Per rule: false positives as a share of the dev set's ``ok`` replies (goal: none above 1%).
Goals: precision >= 0.95 and recall >= 0.90 for refusals. Results also go to ``bench/results/unfilter_quality.json``.
"""

from __future__ import annotations

import inspect
import json
from collections import Counter
from pathlib import Path

import numpy as np
import orjson
import yaml

from dolphin_data.unfilter.classifier import RefusalClassifier, metrics

ROOT = Path(__file__).resolve().parent
DEV = ROOT / "data" / "unfilter_dev.jsonl"
TEST = ROOT / "data" / "unfilter_test.jsonl"
RECIPE = ROOT.parent / "recipes" / "2.9.yaml"
RESULTS = ROOT / "results" / "unfilter_quality.json"
GOALS = {"precision": 0.95, "recall": 0.90, "max_rule_fp_share": 0.01}


def classifier_threshold() -> tuple[float, str]:
    params = (yaml.safe_load(RECIPE.read_text()).get("stage_params") or {}).get("unfilter") or {}
    if "classifier_threshold" in params:
        return float(params["classifier_threshold"]), f"{RECIPE.name}: stage_params.unfilter.classifier_threshold"
    from dolphin_data.unfilter.stage import UnfilterStage

    default = inspect.signature(UnfilterStage.__init__).parameters["classifier_threshold"].default
    return float(default), "unfilter stage default (not set in the recipe)"


def rule_hits(texts: list[str]) -> dict[str, list[list[str]]] | None:
    """Per layer, the names of every rule that fires on each text (None when the rule module is absent)."""
    try:
        from dolphin_data.unfilter.rules import RuleSet
    except ImportError:
        return None
    rules = RuleSet.default()
    return {layer: [sorted({h.rule for h in hits}) for hits in rules.match_all(texts, layers=(layer,))]
            for layer in ("lexicon", "regex")}


def main() -> None:
    results = {"dev": evaluate(DEV, "dev"), "test": evaluate(TEST, "held-out test")}
    print("\n=== summary: precision / recall / F1 ===")
    print(f"{'layer':<11} {'dev':>22} {'held-out test':>22}")
    for layer in results["dev"]["layers"]:
        cells = [results[k]["layers"][layer] for k in ("dev", "test")]
        print(f"{layer:<11} " + " ".join(f"{m['precision']:>8.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}" for m in cells))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")


def evaluate(path: Path, name: str) -> dict:
    DEV = path  # noqa: N806 (the report below names the set it reads)
    rows = [orjson.loads(line) for line in DEV.read_bytes().splitlines() if line.strip()]
    texts = [r["text"] for r in rows]
    y = np.array([r["label"] == "refusal" for r in rows])
    n_ok = int((~y).sum())
    threshold, threshold_from = classifier_threshold()
    p = RefusalClassifier.load().predict(texts)

    flags: dict[str, np.ndarray] = {}
    per_rule: Counter[str] = Counter()
    per_rule_fp: Counter[str] = Counter()
    hits = rule_hits(texts)
    if hits is not None:
        for layer, names in hits.items():
            flags[layer] = np.array([bool(n) for n in names])
            for names_i, is_pos in zip(names, y, strict=True):
                per_rule.update(names_i)
                if not is_pos:
                    per_rule_fp.update(names_i)
        flags["rules"] = flags["lexicon"] | flags["regex"]
    flags["classifier"] = p >= threshold
    if hits is not None:
        flags["combined"] = flags["rules"] | flags["classifier"]
    clf_fp = int(np.sum(flags["classifier"] & ~y))
    per_rule["classifier"], per_rule_fp["classifier"] = int(flags["classifier"].sum()), clf_fp

    kinds = sorted({r["kind"] for r in rows})
    print(f"\n##### {name} set #####")
    print(f"{name} set: {len(rows)} replies ({int(y.sum())} refusal, {n_ok} ok), {DEV.relative_to(ROOT.parent)}")
    print(f"classifier threshold {threshold} ({threshold_from})")
    if hits is None:
        print("dolphin_data.unfilter.rules not importable: lexicon/regex layers skipped")
    print(f"\n{'layer':<11} {'precision':>9} {'recall':>7} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}")
    layers = {}
    for name, f in flags.items():
        m = metrics(y, f)
        layers[name] = m
        print(f"{name:<11} {m['precision']:>9.4f} {m['recall']:>7.4f} {m['f1']:>6.4f} {m['tp']:>5} {m['fp']:>5} {m['fn']:>5}")

    final = "combined" if "combined" in flags else "classifier"
    print(f"\nper kind ({final}): share flagged")
    by_kind = {}
    for kind in kinds:
        idx = np.array([r["kind"] == kind for r in rows])
        label = rows[int(np.flatnonzero(idx)[0])]["label"]
        share = float(flags[final][idx].mean())
        by_kind[kind] = {"label": label, "n": int(idx.sum()), "flagged": round(share, 4)}
        print(f"  {kind:<17} {label:<8} n={int(idx.sum()):>4}  flagged {share:6.1%}")

    print(f"\nrules with false positives (share of the {n_ok} ok replies; goal <= {GOALS['max_rule_fp_share']:.0%}):")
    fp_share = {rule: round(c / n_ok, 4) for rule, c in per_rule_fp.most_common() if c}
    for rule, share in list(fp_share.items())[:15]:
        print(f"  {rule:<45} {per_rule_fp[rule]:>4} FP  {share:6.2%}  (hits {per_rule[rule]})")
    if not fp_share:
        print("  none")

    sweep = {f"{t:.2f}": metrics(y, p >= t) for t in (0.3, 0.4, 0.5, 0.7, 0.8, 0.9)}
    raw = RefusalClassifier.load().predict_raw(texts) >= threshold
    layers["classifier_raw"] = metrics(y, raw)
    m = layers["classifier_raw"]
    print(f"\nclassifier without focus/gate (whole reply, predict_raw) at {threshold}: P={m['precision']:.3f} "
          f"R={m['recall']:.3f} F1={m['f1']:.3f} FP={m['fp']} ({m['fp'] / n_ok:.1%} of ok replies)")
    print("classifier (focus + gate) alone by threshold:", "  ".join(f"{t}: P={m['precision']:.3f} R={m['recall']:.3f}"
                                                      for t, m in sweep.items()))

    worst_rule = max(fp_share.values(), default=0.0)
    goals = {
        "precision": layers[final]["precision"] >= GOALS["precision"],
        "recall": layers[final]["recall"] >= GOALS["recall"],
        "max_rule_fp_share": worst_rule <= GOALS["max_rule_fp_share"],
    }
    print(f"\ngoals ({final}): precision {layers[final]['precision']:.4f} >= 0.95: {'met' if goals['precision'] else 'NOT met'}; "
          f"recall {layers[final]['recall']:.4f} >= 0.90: {'met' if goals['recall'] else 'NOT met'}; "
          f"worst rule FP share {worst_rule:.2%} <= 1%: {'met' if goals['max_rule_fp_share'] else 'NOT met'}")

    return {
        "set": {"path": str(DEV.relative_to(ROOT.parent)), "n": len(rows), "refusal": int(y.sum()), "ok": n_ok},
        "classifier_threshold": threshold, "threshold_from": threshold_from,
        "layers": layers, "by_kind": by_kind, "rule_fp_share": fp_share, "classifier_sweep": sweep,
        "goals": GOALS, "goals_met": goals,
    }


if __name__ == "__main__":
    main()
