"""Stage ``decontaminate``: reject records that contain a benchmark item (reason ``contam:<benchmark>``).

A thin wrapper over ``match.match_texts``: the turns of the checked roles become one flat list of texts, matched
at once against the index; a record whose best item's overlap share is at or above ``threshold`` is rejected with
its evidence (``benchmark``, ``item``, ``overlap``, ``question_overlap``, ``answer_overlap``, ``matched_items``,
``span``: turn, start, end, text). Records with some overlap below the threshold are counted as
``contam:partial``. Pure per batch: the index is resolved (and, for the bundled one, built) when the stage is
created, in the driver; a pickled stage carries only the index path, and each worker memory-maps it once (the bundled
index is built in memory once per process).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from dolphin_data.batch import ROLE_CODE, Batch
from dolphin_data.decontam.index import Index, IndexSettings, read_header
from dolphin_data.decontam.match import MODES, match_texts
from dolphin_data.decontam.ngrams import UNITS
from dolphin_data.errors import UserError
from dolphin_data.stages import STAGES, BatchStage, ParamError, StageOutput

CHECKABLE_ROLES = ("system", "human", "gpt")
SPAN_TEXT_CHARS = 500


@STAGES.register("decontaminate")
class DecontaminateStage(BatchStage):
    """Drop records whose human/gpt turns contain a benchmark item's question (n-gram overlap with an index).

    Args:
        index: `bundled` (HumanEval) or the path of an index file from `dolphin-data decontam index`
        benchmarks: only these benchmarks of the index (null: all)
        threshold: share of an item's question words covered by shared n-grams at or above which a record is rejected
        mode: `question` (the question's share) or `question_answer` (question and answer both)
        roles: turns checked (`system`, `human`, `gpt`)
        unit: `word` (prose) or `char` (code) n-grams; null = the index's
        ngram: n-gram size in units; null = the index's (13 words / 50 characters)
        report_samples: examples per benchmark in the report
    """

    name = "decontaminate"
    kind = "batch"
    _header: dict[str, Any] | None

    def __init__(
        self,
        index: str = "bundled",
        benchmarks: Sequence[str] | None = None,
        threshold: float = 0.5,
        mode: str = "question",
        roles: Sequence[str] = ("human", "gpt"),
        unit: str | None = None,
        ngram: int | None = None,
        report_samples: int = 5,
    ):
        err = "stage 'decontaminate': "
        if not isinstance(index, str) or not index:
            raise ParamError(f"{err}index must be 'bundled' or the path of an index file, got {index!r}")
        if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0.0 < float(threshold) <= 1.0:
            raise ParamError(f"{err}threshold must be in (0, 1], got {threshold!r}")
        if mode not in MODES:
            raise ParamError(f"{err}mode must be one of {', '.join(MODES)}, got {mode!r}")
        if (
            isinstance(roles, str)
            or not isinstance(roles, Sequence)
            or not roles
            or any(r not in CHECKABLE_ROLES for r in roles)
        ):
            raise ParamError(f"{err}roles must be a non-empty list of {', '.join(CHECKABLE_ROLES)}, got {roles!r}")
        if unit is not None and unit not in UNITS:
            raise ParamError(f"{err}unit must be one of {', '.join(UNITS)}, got {unit!r}")
        if ngram is not None and (isinstance(ngram, bool) or not isinstance(ngram, int) or not 2 <= ngram <= 1000):
            raise ParamError(f"{err}ngram must be an integer between 2 and 1000, got {ngram!r}")
        if isinstance(report_samples, bool) or not isinstance(report_samples, int) or report_samples < 0:
            raise ParamError(f"{err}report_samples must be an integer >= 0, got {report_samples!r}")
        if benchmarks is not None and (isinstance(benchmarks, str) or not isinstance(benchmarks, Sequence)):
            raise ParamError(f"{err}benchmarks must be a list of benchmark names, got {benchmarks!r}")
        self.index = index
        self.benchmarks = list(benchmarks) if benchmarks is not None else None
        self.threshold = float(threshold)
        self.mode = mode
        self.roles = [r for r in CHECKABLE_ROLES if r in roles]
        self.unit = unit
        self.ngram = ngram
        self.report_samples = report_samples
        try:
            self._index_path, self._header = self._resolve()
        except UserError as e:
            raise ParamError(f"{err}{e}") from None
        self._index: Index | None = None

    def _resolve(self) -> tuple[Path, dict[str, Any]]:
        if self.index == "bundled":
            from dolphin_data.decontam.sources import bundled_index

            path = Path("bundled")
            header = bundled_index(IndexSettings.of(self.unit or "word", self.ngram)).header
        else:
            path = Path(self.index)
            header, _ = read_header(path)
            for key, want in (("unit", self.unit), ("ngram", self.ngram)):
                if want is not None and header[key] != want:
                    raise UserError(
                        f"{path} was built with {key} {header[key]!r}, not {want!r}; drop the {key} "
                        f"parameter or rebuild the index with `dolphin-data decontam index --{key} {want}`"
                    )
        names = [b["name"] for b in header["benchmarks"]]
        unknown = [b for b in self.benchmarks or () if b not in names]
        if unknown:
            raise UserError(f"benchmark {unknown[0]!r} is not in {path.name}; it has: {', '.join(names)}")
        return path, header

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        # workers memory-map the file themselves: never pickle the arrays, nor the header's item ids
        state["_index"] = None
        state["_header"] = None
        return state

    def header(self) -> dict[str, Any]:
        if self._header is None:
            self._header = self.opened().header if self.index == "bundled" else read_header(self._index_path)[0]
        return self._header

    def opened(self) -> Index:
        if self._index is None:
            if self.index == "bundled":
                from dolphin_data.decontam.sources import bundled_index

                self._index = bundled_index(IndexSettings.of(self.unit or "word", self.ngram))
            else:
                self._index = Index.open(self._index_path)
        return self._index

    def process(self, batch: Batch) -> StageOutput:
        out = StageOutput()
        checked = np.flatnonzero(np.isin(batch.roles, np.asarray([ROLE_CODE[r] for r in self.roles], np.int8)))
        texts = [batch.texts[k] for k in checked.tolist()]
        owner = batch.owner()[checked]
        turn_of = batch.turn_index()[checked].tolist()
        index = self.opened()
        matches = match_texts(texts, owner, index, self.threshold, self.mode, self.benchmarks)
        for m in matches:
            if m.share < self.threshold:
                out.counters["contam:partial"] += 1
                continue
            bench = index.benchmarks[int(index.a["item_bench"][m.item])]
            text = texts[m.text][m.start : m.end]
            span = {
                "turn": turn_of[m.text],
                "start": m.start,
                "end": m.end,
                "text": text if len(text) <= SPAN_TEXT_CHARS else text[: SPAN_TEXT_CHARS - 3] + "...",
            }
            out.drop(
                int(m.record),
                f"contam:{bench}",
                benchmark=bench,
                item=index.item_ids[m.item],
                overlap=round(m.share, 4),
                question_overlap=round(m.question_share, 4),
                answer_overlap=round(m.answer_share, 4),
                matched_items=m.items_over,
                span=span,
            )
        return out

    def summary(self) -> Any:
        from dolphin_data.decontam.report import DecontamSummary

        return DecontamSummary(self.report_samples)

    def report(self, report_dir: Path, summaries: Mapping[str, Any]) -> dict[str, Any]:
        from dolphin_data.decontam.report import write_report

        return write_report(
            report_dir,
            summaries,
            self.header(),
            "bundled" if self.index == "bundled" else Path(self.index).name,
            self.threshold,
            self.mode,
        )
