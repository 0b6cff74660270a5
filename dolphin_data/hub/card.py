"""The dataset card (``README.md``) every build writes, from its manifest and recipe.

The YAML header is what the Hugging Face Hub and ``datasets.load_dataset(folder, CONFIG)`` read: one config per
output file (``data_files`` relative to the folder, the config named by the file's stem, split ``train``), the
licence of every source's upstream data, the upstream dataset ids, the task category and a size bucket. The body
gives per-file counts and rejects by reason (from the manifest), the recipe (name, sha256) and how to load and train
on the data. No time stamps: the same build gives the same card.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

# Licences of the upstream datasets we know, as Hugging Face licence ids (shared/reference/SOURCES.md section 1, from
# each dataset's card). A recipe source's `license:` key overrides; anything else is "unknown".
KNOWN_LICENSES = {
    "cognitivecomputations/dolphin": "apache-2.0",
    "cognitivecomputations/Dolphin-2.9": "apache-2.0",
    "HuggingFaceH4/ultrachat_200k": "mit",
    "cognitivecomputations/dolphin-coder": "apache-2.0",
    "m-a-p/Code-Feedback": "apache-2.0",
    "m-a-p/CodeFeedback-Filtered-Instruction": "apache-2.0",
    "cognitivecomputations/samantha-data": "apache-2.0",
    "microsoft/orca-math-word-problems-200k": "mit",
    "internlm/Agent-FLAN": "apache-2.0",
    "abacusai/SystemChat-1.1": "apache-2.0",
    "teknium/OpenHermes-2.5": "unknown",  # the card declares none
}
SIZE_BUCKETS = (
    (1_000, "n<1K"),
    (10_000, "1K<n<10K"),
    (100_000, "10K<n<100K"),
    (1_000_000, "100K<n<1M"),
    (10_000_000, "1M<n<10M"),
    (100_000_000, "10M<n<100M"),
    (1_000_000_000, "100M<n<1B"),
)


def config_name(output: str) -> str:
    """The config a file is loaded by: its name without ``.jsonl``."""
    return output[: -len(".jsonl")] if output.endswith(".jsonl") else output


def size_category(n: int) -> str:
    return next((label for limit, label in SIZE_BUCKETS if n < limit), "n>1B")


def source_license(repo: str, declared: str = "") -> str:
    return declared or KNOWN_LICENSES.get(repo, "unknown")


def card_header(manifest: Mapping[str, Any], licenses: Mapping[str, str], pretty_name: str) -> dict[str, Any]:
    """The YAML metadata: ``licenses`` maps each source name to its licence id."""
    files = manifest["files"]
    outputs = list(dict.fromkeys(f["output"] for f in files))
    repos = [f.get("upstream", {}).get("repo", "") for f in files]
    lic = sorted(set(licenses.values())) or ["unknown"]
    fmt = manifest.get("output_format", "sharegpt")
    return {
        "pretty_name": pretty_name,
        "license": lic[0] if len(lic) == 1 else lic,
        "task_categories": ["text-generation"],
        "tags": ["dolphin-data", fmt, "chatml", "axolotl", "sft"],
        "size_categories": [size_category(int(manifest["totals"]["records_written"]))],
        "source_datasets": list(dict.fromkeys(r for r in repos if r and "/" in r and not r.startswith((".", "/")))),
        "configs": [{"config_name": config_name(o), "data_files": [{"split": "train", "path": o}]} for o in outputs],
    }


def _table(head: Sequence[str], rows: Sequence[Sequence[Any]], right: Sequence[int] = ()) -> list[str]:
    align = ["---:" if i in right else "---" for i in range(len(head))]
    out = ["| " + " | ".join(head) + " |", "|" + "|".join(align) + "|"]
    out += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    return out


def card_body(
    manifest: Mapping[str, Any],
    licenses: Mapping[str, str],
    title: str,
    description: str,
    extra_files: Mapping[str, str],
) -> str:
    files = manifest["files"]
    recipe = manifest.get("recipe", {})
    totals = manifest["totals"]
    first = config_name(files[0]["output"]) if files else "CONFIG"
    lines = [f"# {title}", ""]
    if description:
        lines += [description, ""]
    lines += [
        f"Built with dolphin-data {manifest.get('tool_versions', {}).get('dolphin-data', '')} "
        f"from the recipe `{recipe.get('path', '')}` (name `{recipe.get('name', '')}`, sha256 "
        f"`{recipe.get('sha256', '')}`): {totals['records_written']:,} conversations kept of {totals['rows_read']:,} "
        f"rows read, {totals['rows_rejected']:,} rejected. Format: `{manifest.get('output_format', '')}` "
        f"(ChatML roles), sequence_len {manifest.get('sequence_len', '')}, seed {manifest.get('seed', '')}.",
        "",
        "## Files",
        "",
    ]
    rows = []
    for f in files:
        top = sorted(f["rejected_by_reason"].items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        repo = f.get("upstream", {}).get("repo", "")
        rows.append(
            [
                f"`{config_name(f['output'])}`",
                f["source"],
                f"`{repo}`" if repo else "",
                licenses.get(f["source"], "unknown"),
                f"{f['rows_read']:,}",
                f"{f['records_written']:,}",
                f"{f['rows_rejected']:,}",
                ", ".join(f"{k} {v:,}" for k, v in top),
            ]
        )
    lines += _table(
        ["config", "source", "upstream", "licence", "read", "kept", "rejected", "top reasons"], rows, right=(4, 5, 6)
    )
    reasons: Counter[str] = Counter()
    for f in files:
        reasons.update(f["rejected_by_reason"])
    lines += ["", "## Rejected rows by reason", ""]
    if reasons:
        lines += _table(
            ["reason", "rows"],
            [[f"`{k}`", f"{v:,}"] for k, v in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))],
            right=(1,),
        )
        lines += ["", "Every rejected row is in `rejects/<stage>.jsonl` with its reason, evidence, file and line."]
    else:
        lines += ["None."]
    lines += [
        "",
        "## Load it",
        "",
        "```python",
        "from datasets import load_dataset",
        "",
        f'ds = load_dataset("REPO_ID_OR_THIS_FOLDER", "{first}", split="train")',
        "```",
        "",
        "Each output file is its own config (the table above); `manifest.json` lists every file of the build with its "
        "sha256, the raw inputs with theirs, and the counts per stage.",
    ]
    if extra_files:
        lines += ["", "## Train on it", ""]
        lines += [f"- `{name}`: {what}" for name, what in extra_files.items()]
        lines += [
            "",
            "Dataset paths in them are relative to this folder (run Axolotl from here) unless the build "
            "was given `--data-root`.",
        ]
    lines += [
        "",
        "## Licences",
        "",
        "Each config keeps the licence of its upstream data (the table above); the mix as a whole is subject "
        "to all of them. `unknown`: the upstream dataset declares none.",
        "",
    ]
    return "\n".join(lines)


def write_dataset_card(
    out_dir: Path,
    manifest: Mapping[str, Any],
    declared: Mapping[str, str],
    title: str,
    description: str = "",
    extra_files: Mapping[str, str] | None = None,
) -> Path:
    """Write ``README.md``: ``declared`` maps source names to a recipe's ``license:`` (empty: look it up);
    ``extra_files`` names the build's other files for users (the Axolotl configs) with what each is."""
    licenses = {
        f["source"]: source_license(f.get("upstream", {}).get("repo", ""), declared.get(f["source"], ""))
        for f in manifest["files"]
    }
    header = yaml.safe_dump(card_header(manifest, licenses, title), sort_keys=False, allow_unicode=True, width=1000)
    text = f"---\n{header}---\n\n{card_body(manifest, licenses, title, description, extra_files or {})}"
    path = out_dir / "README.md"
    path.write_text(text, encoding="utf-8")
    return path
