"""Pipeline stages: the contract (``base``), parameter declarations (``params``) and the built-in stages."""

from dolphin_data.stages.base import (
    STAGES,
    BarrierStage,
    BatchStage,
    Decision,
    Drop,
    FilterStage,
    Stage,
    StageOutput,
    Summary,
    Verdict,
    Verdicts,
    load_builtin_stages,
    make_stage,
)
from dolphin_data.stages.params import ParamError

__all__ = [
    "STAGES",
    "BarrierStage",
    "BatchStage",
    "Decision",
    "Drop",
    "FilterStage",
    "ParamError",
    "Stage",
    "StageOutput",
    "Summary",
    "Verdict",
    "Verdicts",
    "load_builtin_stages",
    "make_stage",
]
