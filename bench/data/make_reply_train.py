"""Write ``dolphin_data/assets/refusal_reply_train.jsonl``, the whole-reply model's training set, from our labelled sets.

``python -m bench.data.make_reply_train`` reads every set in ``REPLY_SETS`` (our own text: the composed v2/v3 dev
replies, the v4 behaviour families, the hand-written v5-v12 dev replies in the styles of real chat models, and the
*spent* test splits: each was run once, blind, its figures reported, and a newer blind split written since) and
writes one ``{"text", "prompt", "label": "refusal"|"ok"}`` per reply (exact duplicate texts once, first label wins),
in set order. The newest blind test split (``BLIND``) is never read. Then:
``dolphin-data unfilter train dolphin_data/assets/refusal_reply_train.jsonl --level reply --out
dolphin_data/assets/refusal_reply.ftz``.
"""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "bench" / "data"
DEV_SETS = ("unfilter_dev", "unfilter_dev_v4", *(f"unfilter_dev_v{k}" for k in range(5, 13)))
SPENT_TESTS = ("unfilter_test", *(f"unfilter_test_v{k}" for k in range(3, 19)))
REPLY_SETS = (*DEV_SETS, *SPENT_TESTS)
# dev v13 and test v19 are not training data yet: retrained with v19 (stop 31), the model scored a good bundled answer
# 0.712 >= its 0.7 threshold, so that model was not shipped
BLIND = "unfilter_test_v20"  # never read here (written blind; run once by bench_unfilter_quality)
OUT = REPO / "dolphin_data" / "assets" / "refusal_reply_train.jsonl"


def rows(names: tuple[str, ...] = REPLY_SETS) -> list[dict[str, str]]:
    seen: set[str] = set()
    out = []
    for name in names:
        if name == BLIND:
            raise ValueError(f"{BLIND} is the blind test split: never training data")
        path = DATA / f"{name}.jsonl"
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            if r["text"] in seen:
                continue
            seen.add(r["text"])
            label = "refusal" if r["label"] == "refusal" else "ok"
            out.append({"text": r["text"], "prompt": r.get("prompt", ""), "label": label})
    return out


def main() -> None:
    out = rows()
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
    print(f"{OUT}: {len(out)} replies ({sum(r['label'] == 'refusal' for r in out)} refusals)")


if __name__ == "__main__":
    main()
