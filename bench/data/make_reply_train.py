"""Write ``dolphin_data/assets/refusal_reply_train.jsonl``, the whole-reply model's training set, from our dev sets.

``python -m bench.data.make_reply_train`` reads every dev set in ``REPLY_SETS`` (our own text: the composed v2/v3 dev
replies, the v4 behaviour families, and the hand-written v5-v7 replies in the styles of real chat models) and writes
one ``{"text", "label": "refusal"|"ok"}`` per reply (exact duplicate texts once, first label wins), in set order.
The test splits (``unfilter_test*.jsonl``) are never read. Then:
``dolphin-data unfilter train dolphin_data/assets/refusal_reply_train.jsonl --level reply --out
dolphin_data/assets/refusal_reply.ftz``.
"""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "bench" / "data"
REPLY_SETS = (
    "unfilter_dev",
    "unfilter_dev_v4",
    "unfilter_dev_v5",
    "unfilter_dev_v6",
    "unfilter_dev_v7",
    "unfilter_dev_v8",
)
OUT = REPO / "dolphin_data" / "assets" / "refusal_reply_train.jsonl"


def rows(names: tuple[str, ...] = REPLY_SETS) -> list[dict[str, str]]:
    seen: set[str] = set()
    out = []
    for name in names:
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
            out.append({"text": r["text"], "label": "refusal" if r["label"] == "refusal" else "ok"})
    return out


def main() -> None:
    out = rows()
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
    print(f"{OUT}: {len(out)} replies ({sum(r['label'] == 'refusal' for r in out)} refusals)")


if __name__ == "__main__":
    main()
