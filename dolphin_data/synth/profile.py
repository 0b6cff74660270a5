"""The ``2.9`` profile: one entry per source of recipes/2.9.yaml, sized from the upstream datasets' published figures.

Row counts and sizes are from ../shared/reference/SOURCES.md (sections 0 and 1) and the pages it cites; figures
marked ``est.`` are estimates derived as noted (docs/synth.md explains each one). ``chars`` is the mean number of
text characters per conversation: the published file size per row minus the JSON/ShareGPT scaffolding per row.
Planting rates are this profile's choices (not upstream facts): they make every problem the stages exist for
common enough to score, and are listed with the ground truth.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Characters and Llama-3 tokens per word token of each vocabulary (text.VOCAB_NAMES order), measured on
# 2,000-word runs (tests/test_synth.py re-measures them). They turn character targets into word counts and
# bound every clean conversation below the 4,096-token limit (SAFE_TOKENS) and every planted long one above it.
CHARS_PER_WORD = (5.71, 6.44, 6.68, 6.28, 5.53, 1.98, 8.11)
TOKENS_PER_WORD = (1.32, 2.45, 2.59, 2.66, 2.82, 3.58, 2.79)
SAFE_TOKENS = 3300  # estimated tokens of a clean conversation never exceed this (limit 4096, 20% margin)
LONG_TOKENS = (5600, 9000)  # planted over-long conversations: estimated tokens drawn from this range
MIN_ROWS = 60  # a source never has fewer rows, so every planted kind appears at every scale


@dataclass(frozen=True)
class SourceProfile:
    name: str  # the recipe's source name
    path: str  # file under the output folder, as in raw/
    schema: str  # schemas.SCHEMAS key
    rows: int  # conversations at scale 1
    rows_note: str
    chars: float  # mean text characters per conversation
    chars_note: str
    pairs: float = 1.0  # mean human/gpt pairs per conversation (1 = single turn)
    system: str = "none"  # none | flan | coder | agent | persona | openhermes | run
    human_share: float = 0.3  # share of a pair's characters in the human turn
    code: float = 0.0  # share of gpt turns with a code block
    foreign: float = 0.01  # share of non-English conversations
    sigma: float = 0.75  # lognormal spread of conversation length
    id_prefix: str = ""
    rates: dict[str, float] = field(default_factory=dict)  # overrides of RATES


# Share of a source's rows planted with each kind (dup kinds count the copies; the original is another row).
RATES: dict[str, float] = {
    "refusal": 0.004,
    "boilerplate": 0.003,
    "soft_refusal": 0.001,
    "hard_negative": 0.002,
    "dup_exact": 0.004,
    "dup_near": 0.003,
    "near_below": 0.001,
    "leak": 0.0005,
    "long": 0.003,
    "malformed": 0.002,
    "sentinel": 0.0,
    "directive": 0.0,
}

SOURCES: tuple[SourceProfile, ...] = (
    SourceProfile(
        "dolphin_flan",
        "dolphin_flan/flan1m-alpaca-uncensored.jsonl",
        "dolphin_flan",
        1_000_000,
        "est.: 'flan1m' (~1M GPT-4 completions, dolphin card)",
        1490,
        "1.6 GB file / 1M rows, minus 45 B of keys and 65 B mean system prompt",
        pairs=1,
        system="flan",
        human_share=0.55,
        code=0.02,
        foreign=0.04,
    ),
    SourceProfile(
        "ultrachat",
        "ultrachat/data/train_sft-00000-of-00001.parquet",
        "ultrachat",
        207_865,
        "train_sft split (H4 card)",
        6300,
        "Dolphin's Ultrachat200kunfiltered.jsonl 1.36 GB / 207,865 rows, minus ShareGPT scaffolding (~30 B per turn)",
        pairs=3.4,
        human_share=0.2,
        code=0.05,
        foreign=0.005,
        sigma=0.55,
        rates={"long": 0.02},
    ),
    SourceProfile(
        "dolphin_coder_translate",
        "dolphin_coder/dolphin-coder-translate.jsonl",
        "dolphin_coder",
        25_800,
        "est.: 109k rows (viewer) split by file size (73.6 of 310.6 MB)",
        2780,
        "73.6 MB / 25,800 rows minus keys",
        system="coder",
        human_share=0.4,
        code=0.9,
        foreign=0.0,
    ),
    SourceProfile(
        "dolphin_coder_codegen",
        "dolphin_coder/dolphin-coder-codegen.jsonl",
        "dolphin_coder",
        83_200,
        "est.: 109k rows (viewer) split by file size (237 of 310.6 MB)",
        2780,
        "237 MB / 83,200 rows minus keys",
        system="coder",
        human_share=0.35,
        code=0.85,
        foreign=0.0,
    ),
    SourceProfile(
        "code_feedback",
        "code_feedback/Code-Feedback.jsonl",
        "code_feedback",
        66_383,
        "Code-Feedback card (66,383)",
        3400,
        "Dolphin's m-a-p_Code-Feedback-sharegpt-unfiltered.jsonl 235 MB / 66,383 rows minus scaffolding",
        pairs=2.5,
        human_share=0.3,
        code=0.7,
        foreign=0.005,
        rates={"long": 0.01},
    ),
    SourceProfile(
        "codefeedback_filtered",
        "codefeedback_filtered/CodeFeedback-Filtered-Instruction.jsonl",
        "codefeedback_filtered",
        156_526,
        "CodeFeedback-Filtered-Instruction card (~156k)",
        2300,
        "371,228,314 B / 156,526 rows minus keys and resource/lang",
        human_share=0.3,
        code=0.75,
        foreign=0.005,
    ),
    SourceProfile(
        "samantha",
        "samantha/samantha-1.1.json",
        "samantha",
        6_000,
        "~6,000 conversations (Samantha-1.1 model card)",
        3450,
        "est.: samantha-1.0.json 21.5 MB / 6,000 rows minus scaffolding",
        pairs=7,
        human_share=0.35,
        foreign=0.0,
        sigma=0.5,
        rates={"refusal": 0.02, "boilerplate": 0.02},
    ),
    SourceProfile(
        "orca_math",
        "orca_math/data/train-00000-of-00001.parquet",
        "orca_math",
        200_035,
        "orca-math-word-problems-200k card (200,035)",
        1150,
        "Dolphin's Orca-Math-resort-unfiltered.jsonl 250 MB / 200,035 rows minus scaffolding",
        human_share=0.3,
        foreign=0.0,
        sigma=0.5,
        rates={"refusal": 0.001},
    ),
    SourceProfile(
        "agent_instruct_react",
        "agent_flan/data/agent_instruct_react.jsonl",
        "agent_flan",
        1_866,
        "est.: AgentInstruct's 1,866 trajectories",
        3400,
        "6.64 MB / 1,866 rows minus scaffolding",
        pairs=5,
        system="agent",
        human_share=0.35,
        code=0.4,
        foreign=0.0,
        id_prefix="react",
    ),
    SourceProfile(
        "toolbench_instruct_j1s1_3k",
        "agent_flan/data/toolbench_instruct_j1s1_3k.jsonl",
        "agent_flan",
        3_000,
        "est.: '3k' in the file name",
        5600,
        "17.6 MB / 3,000 rows minus scaffolding",
        pairs=4,
        system="agent",
        human_share=0.4,
        code=0.2,
        foreign=0.0,
        id_prefix="j1s1",
    ),
    SourceProfile(
        "toolbench_negative",
        "agent_flan/data/toolbench_negative.jsonl",
        "agent_flan",
        1_000,
        "est.: 925 kB file at ~0.9 kB per short negative sample",
        760,
        "925 kB / 1,000 rows minus scaffolding",
        system="agent",
        human_share=0.4,
        foreign=0.0,
        sigma=0.4,
        id_prefix="neg",
    ),
    SourceProfile(
        "toolbench_react_10p",
        "agent_flan/data/toolbench_react_10p.jsonl",
        "agent_flan",
        3_102,
        "est.: 18.2 MB at the j1s1 file's 5.87 kB per row",
        5600,
        "as toolbench_instruct_j1s1_3k",
        pairs=4,
        system="agent",
        human_share=0.4,
        code=0.2,
        foreign=0.0,
        id_prefix="react10p",
    ),
    SourceProfile(
        "toolbench_tflan_cot_30p",
        "agent_flan/data/toolbench_tflan_cot_30p.jsonl",
        "agent_flan",
        8_096,
        "est.: 47.5 MB at the j1s1 file's 5.87 kB per row",
        5600,
        "as toolbench_instruct_j1s1_3k",
        pairs=4,
        system="agent",
        human_share=0.4,
        code=0.2,
        foreign=0.0,
        id_prefix="cot",
    ),
    SourceProfile(
        "openhermes",
        "openhermes/openhermes2_5.json",
        "openhermes",
        1_001_551,
        "OpenHermes-2.5 dataset_info (1,001,551)",
        1760,
        "openhermes2_5.json 1.94 GB / 1,001,551 rows minus ~180 B of turn objects, weight and source/category keys",
        pairs=1.1,
        system="openhermes",
        human_share=0.35,
        code=0.15,
        foreign=0.03,
        rates={"refusal": 0.008, "boilerplate": 0.005},
    ),
    SourceProfile(
        "systemchat",
        "systemchat/SystemConversations.jsonl",
        "systemchat",
        15_800,
        "est.: 48.4 MB at SystemChat v1's 3.06 kB per row (21.5 MB / 7,020 rows); HF size class 10K-100K",
        2950,
        "48.4 MB / 15,800 rows minus scaffolding",
        pairs=3,
        system="persona",
        human_share=0.35,
        code=0.05,
        foreign=0.05,
        rates={"leak": 0.02, "sentinel": 0.005, "directive": 0.01},
    ),
)

SOURCE_INDEX = {s.name: i for i, s in enumerate(SOURCES)}

# Cross-source duplicates: (source with the original, source with the copy, share of the copy source's rows,
# exact or near). The copy's source comes later in the recipe, so dedup drops the copy.
CROSS_PAIRS: tuple[tuple[str, str, float, str], ...] = (
    ("dolphin_flan", "openhermes", 0.001, "exact"),
    ("ultrachat", "openhermes", 0.0005, "near"),
    ("dolphin_coder_translate", "dolphin_coder_codegen", 0.003, "near"),
    ("code_feedback", "codefeedback_filtered", 0.004, "exact"),
    ("orca_math", "openhermes", 0.001, "exact"),
    ("samantha", "openhermes", 0.0002, "exact"),
)


def scaled_rows(source: SourceProfile, scale: float) -> int:
    return max(MIN_ROWS, int(round(source.rows * scale)))


def rate(source: SourceProfile, kind: str) -> float:
    return source.rates.get(kind, RATES[kind])
