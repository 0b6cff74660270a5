"""The result folder of a run, assembled from the shards' part files, and its accounting.

- ``<output>.jsonl``: each output file is its sources' last-segment parts, in source then shard order;
- ``rejects/<stage>.jsonl``: every dropped record with its reason, evidence, file and line (a stage's rejects in
  source order, then chain position, then shard order; empty files are not written);
- ``<side>/<stage>.jsonl``: side records such as ``repairs/unfilter.jsonl``;
- ``reports/<stage>/``: each stage's report from its per-source summaries (merged over shards in order);
- ``manifest.json``: per source and stage, records in/out and dropped by reason, the parameters, the sha256 of every
  input and output file. Rows read must equal records written plus rows rejected, per source and per stage, or
  the run fails (``AccountingError``): nothing is silently lost.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from dolphin_data import __version__
from dolphin_data.engine.cache import Store, key_of, link_or_copy
from dolphin_data.engine.driver import Engine, SourceRun
from dolphin_data.engine.plan import Plan
from dolphin_data.engine.worker import CONVERT, RAW_SPILL
from dolphin_data.errors import DolphinDataError


class AccountingError(DolphinDataError):
    """Rows read != rows written + rows rejected: a bug, never a user error."""


@dataclass
class StageStats:
    stage: str
    position: int
    records_in: int = 0
    records_out: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    counters: Counter[str] = field(default_factory=Counter)
    params: dict[str, Any] = field(default_factory=dict)
    summary: Any = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "stage": self.stage,
            "in": self.records_in,
            "out": self.records_out,
            "dropped": dict(sorted(self.dropped.items())),
        }
        if self.counters:
            out["counters"] = dict(sorted(self.counters.items()))
        if self.params:
            out["params"] = self.params
        return out


def stage_stats(run: SourceRun) -> list[StageStats]:
    """Per chain position (convert first), the tallies of every shard and segment summed, summaries merged in order."""
    stats: dict[int, StageStats] = {CONVERT: StageStats("convert", CONVERT, params={"converter": run.plan.converter})}
    for i, st in enumerate(run.stages):
        stats[i] = StageStats(st.name, i, params=st.params())
    for seg_results in run.results:
        for res in seg_results:
            for t in res.tallies:
                s = stats[t.position]
                s.records_in += t.records_in
                s.records_out += t.records_out
                s.dropped.update(t.dropped)
                s.counters.update(t.counters)
                if t.summary is not None:
                    if s.summary is None:
                        s.summary = t.summary
                    else:
                        s.summary.merge(t.summary)
    return [stats[k] for k in sorted(stats)]


def concat(
    parts: Iterable[str | Path], target: Path, store: Store | None = None, key: str | None = None
) -> tuple[str, int]:
    """Concatenate part files into ``target`` (via a temporary name); returns (sha256, bytes). With a ``store`` and
    the ``key`` of the parts, a file assembled before from the same parts is linked instead (and a new one kept)."""
    if store is not None and key is not None:
        known = store.file(key)
        if known is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(known[0], target)
            return known[1], known[2]
    h = hashlib.sha256()
    size = 0
    tmp = target.with_name(target.name + ".tmp")
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(tmp, "wb") as out:
        for part in parts:
            with open(part, "rb") as fh:
                while chunk := fh.read(1 << 22):
                    h.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
    os.replace(tmp, target)
    if store is not None and key is not None and store.lookups:
        store.keep_file(key, target, h.hexdigest(), size)
    return h.hexdigest(), size


def pretty_json(obj: Any) -> bytes:
    return orjson.dumps(obj, option=orjson.OPT_INDENT_2) + b"\n"


class Assembler:
    """Writes a run's result folder. ``sides``: the side streams to write (None: what each stage writes in a build)."""

    def __init__(self, engine: Engine, result: Path, sides: Mapping[str, Iterable[str]] | None = None):
        self.engine = engine
        self.plan = engine.plan
        self.store = engine.store
        self.result = result
        self.sides = sides
        self.stats = {r.plan.name: stage_stats(r) for r in engine.runs}
        self.hashes: dict[str, tuple[str, int]] = {}  # artefact -> (sha256, bytes), as assembled

    def _parts(self, run: SourceRun, key: str) -> list[str]:
        return [p for seg in run.results for res in seg for p in res.part_paths(key)]

    def _concat(self, parts: list[str], target: Path) -> tuple[str, int]:
        """Parts live in task folders named by their content keys, so their paths are the key of the whole."""
        done = concat(
            parts, target, self.store, key_of("file", [str(Path(p).relative_to(self.store.root)) for p in parts])
        )
        self.hashes[target.relative_to(self.result).as_posix()] = done
        return done

    def outputs(self) -> dict[str, tuple[str, int]]:
        order: dict[str, list[SourceRun]] = {}
        for run in self.engine.runs:
            order.setdefault(run.plan.output, []).append(run)
        done = {}
        for name, runs in order.items():
            parts = [res.output_path for run in runs for res in run.results[-1]]
            done[name] = self._concat(parts, self.result / name)
        return done

    def rejects(self) -> dict[str, str]:
        names: list[str] = ["convert"]
        for run in self.engine.runs:
            names += [st.name for st in run.stages if st.name not in names]
        written = {}
        for name in names:
            parts = []
            for run in self.engine.runs:
                positions = (
                    [CONVERT] if name == "convert" else [i for i, st in enumerate(run.stages) if st.name == name]
                )
                for pos in positions:
                    parts += self._parts(run, f"rejects:{pos}")
            if parts:
                self._concat(parts, self.result / "rejects" / f"{name}.jsonl")
                written[name] = f"rejects/{name}.jsonl"
        # bad rows too large to keep inline: their rejects point to rejects/raw/<sha256>.raw
        for run in self.engine.runs:
            for res in run.results[0]:
                spill = Path(res.folder) / RAW_SPILL
                for f in sorted(spill.glob("*")) if spill.is_dir() else ():
                    dest = self.result / "rejects" / "raw" / f.name
                    if not dest.exists():
                        dest.parent.mkdir(parents=True, exist_ok=True)
                        link_or_copy(f, dest)
        return written

    def side_streams(self) -> dict[str, str]:
        written = {}
        for run in self.engine.runs:
            for st in run.stages:
                wanted = st.build_side if self.sides is None else tuple(self.sides.get(st.name, ()))
                for side in wanted:
                    key = f"{side}/{st.name}.jsonl"
                    if key in written:
                        continue
                    parts = [
                        p
                        for r in self.engine.runs
                        for i, s in enumerate(r.stages)
                        if s.name == st.name
                        for p in self._parts(r, f"side:{side}:{i}")
                    ]
                    if parts:
                        self._concat(parts, self.result / side / f"{st.name}.jsonl")
                        written[key] = key
        return written

    def reports(self) -> dict[str, Any]:
        stages: dict[str, Any] = {}
        summaries: dict[str, dict[str, Any]] = {}
        for run in self.engine.runs:
            for st, stats in zip(run.stages, self.stats[run.plan.name][1:], strict=True):
                if stats.summary is None or run.plan.name in summaries.get(st.name, {}):
                    continue
                stages.setdefault(st.name, st)
                summaries.setdefault(st.name, {})[run.plan.name] = stats.summary
        out = {}
        for name, st in stages.items():
            rep = st.report(self.result / "reports" / name, summaries[name])
            if rep:
                out[name] = relative_paths(rep, self.result)
        return out

    def manifest(
        self,
        outputs: Mapping[str, tuple[str, int]],
        rejects: Mapping[str, str],
        sides: Mapping[str, str],
        reports: Mapping[str, Any],
        raw_sha: Mapping[str, str],
    ) -> dict[str, Any]:
        files: list[dict[str, Any]] = []
        for run in self.engine.runs:
            src = run.plan
            stats = self.stats[src.name]
            rejected: Counter[str] = Counter()
            for st in stats:
                rejected.update(st.dropped)
            rows: Counter[int] = Counter()
            for res, file_index in zip(run.results[0], run.shard_files, strict=True):
                rows[file_index] += res.rows_read
            sha, size = outputs[src.output]
            files.append(
                {
                    "output": src.output,
                    "source": src.name,
                    "converter": src.converter,
                    "upstream": dict(src.upstream),
                    "raw_files": [
                        {"path": label, "rows": rows[i], "sha256": raw_sha.get(src.files[i], "")}
                        for i, label in enumerate(src.labels)
                    ],
                    "rows_read": stats[0].records_in,
                    "records_written": sum(res.records_out for res in run.results[-1]),
                    "rows_rejected": sum(rejected.values()),
                    "rejected_by_reason": dict(sorted(rejected.items())),
                    "sha256": sha,
                    "bytes": size,
                    "stages": [st.to_json() for st in stats],
                }
            )
        totals = {k: sum(int(f[k]) for f in files) for k in ("rows_read", "records_written", "rows_rejected")}
        ctx = self.plan.ctx
        return {
            "recipe": dict(self.plan.recipe),
            "seed": ctx.seed,
            "sequence_len": ctx.sequence_len,
            "output_format": ctx.output_format,
            "tool_versions": tool_versions(),
            "totals": totals,
            "files": files,
            "rejects": dict(rejects),
            "side": dict(sides),
            "reports": dict(reports),
        }

    def write(self, raw_sha: Mapping[str, str]) -> dict[str, Any]:
        """Assemble every artefact into the result folder and return the manifest (not yet written: the caller adds
        its own artefacts, then ``commit`` writes the manifest last, as the record of everything in the folder)."""
        self.result.mkdir(parents=True, exist_ok=True)
        outputs = self.outputs()
        rejects = self.rejects()
        sides = self.side_streams()
        reports = self.reports() if self.plan.stage_reports else {}
        manifest = self.manifest(outputs, rejects, sides, reports, raw_sha)
        check_accounting(manifest)
        return manifest


MANIFEST = "manifest.json"
UNLISTED = {MANIFEST, "timings.json"}  # written after the manifest, or deliberately outside it
VERIFY_SHA_BELOW = 32 << 20  # verify (verify_build) reads files up to this size; larger ones by size


def commit(result: Path, manifest: dict[str, Any], known: Mapping[str, tuple[str, int]]) -> dict[str, Any]:
    """List every file of the result folder with its sha256 and size in the manifest, and write the manifest last,
    atomically: a folder whose files do not match its manifest is not a whole build (``verify_build``)."""
    from dolphin_data.engine.publish import write_json_atomic
    from dolphin_data.io import sha256_file

    index = {}
    for path in sorted(result.rglob("*")):
        rel = path.relative_to(result).as_posix()
        if not path.is_file() or rel in UNLISTED or rel.split("/")[0] in (".cache", "work"):
            continue
        sha, size = known.get(rel) or (sha256_file(path), path.stat().st_size)
        index[rel] = {"sha256": sha, "bytes": size}
    manifest["artefacts"] = index
    write_json_atomic(result / MANIFEST, manifest)
    return manifest


def verify_build(folder: Path) -> dict[str, Any]:
    """The manifest of a build folder, after checking that the folder is exactly what it lists (every file there,
    same size, same sha256 for files under 32 MB, nothing else); a damaged or mixed folder is a ``UserError``."""
    from dolphin_data.errors import UserError
    from dolphin_data.io import sha256_file

    path = folder / MANIFEST
    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder; pass the folder a build wrote (e.g. out/2.9)")
    if not path.is_file():
        raise UserError(f"{folder}: no manifest.json, so not a finished build; run `dolphin-data build` into it")
    try:
        manifest = orjson.loads(path.read_bytes())
        index = manifest["artefacts"]
    except (orjson.JSONDecodeError, KeyError, TypeError):
        raise UserError(f"{path}: damaged (not the manifest a build writes); rebuild the folder") from None
    for rel, meta in index.items():
        f = folder / rel
        if not f.is_file() or f.stat().st_size != meta["bytes"]:
            raise UserError(f"{f}: missing or changed since the build (manifest.json lists it); rebuild the folder")
        if meta["bytes"] < VERIFY_SHA_BELOW and sha256_file(f) != meta["sha256"]:
            raise UserError(f"{f}: changed since the build (sha256 differs from manifest.json); rebuild the folder")
    for f in folder.rglob("*"):
        rel = f.relative_to(folder).as_posix()
        if f.is_file() and rel not in index and rel not in UNLISTED and rel.split("/")[0] not in (".cache", "work"):
            raise UserError(f"{f}: not part of the build manifest.json describes (a mixed folder); rebuild the folder")
    return dict(manifest)


def relative_paths(obj: Any, base: Path) -> Any:
    """Report paths relative to the result folder: the manifest must not depend on where it was written."""
    if isinstance(obj, dict):
        return {k: relative_paths(v, base) for k, v in obj.items()}
    if isinstance(obj, list):
        return [relative_paths(v, base) for v in obj]
    if isinstance(obj, str) and obj.startswith(str(base) + "/"):
        return obj[len(str(base)) + 1 :]
    return obj


def check_accounting(manifest: Mapping[str, Any]) -> None:
    for f in manifest["files"]:
        if f["rows_read"] != f["records_written"] + f["rows_rejected"]:
            raise AccountingError(
                f"{f['source']}: rows read {f['rows_read']} != written {f['records_written']} + rejected {f['rows_rejected']}"
            )
        for st in f["stages"]:
            if st["in"] != st["out"] + sum(st["dropped"].values()):
                raise AccountingError(
                    f"{f['source']}/{st['stage']}: in {st['in']} != out {st['out']} + dropped {st['dropped']}"
                )


def tool_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"dolphin-data": __version__}
    for pkg in (
        "datasets",
        "polars",
        "pyarrow",
        "datasketch",
        "fasttext-numpy2-wheel",
        "tiktoken",
        "quicktok-v1",
        "rensa",
        "numpy",
    ):
        with contextlib.suppress(PackageNotFoundError):
            out[pkg] = version(pkg)
    return out


def hash_files(paths: Iterable[str], store: Store) -> dict[str, str]:
    return {p: store.sha256(p) for p in dict.fromkeys(paths)}


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


DELIBERATE = ("refusal:", "dup:", "sample:", "lang:", "contam:", "tokens:")  # filters doing their job


class FloorError(DolphinDataError):
    pass


def check_floors(plan: Plan, manifest: Mapping[str, Any]) -> None:
    """Fail the run (nothing is published) when a source writes too little or loses most rows to non-filter reasons
    (``recipe.Floor``); the message names the source, the top reason and, for schema errors, the converter that fits."""
    from dolphin_data.errors import UserError

    for f in manifest["files"]:
        src = plan.source(f["source"])
        if src.floor is None:
            continue
        min_records, max_rejected = src.floor
        failed = {k: v for k, v in f["rejected_by_reason"].items() if not k.startswith(DELIBERATE)}
        n_failed = sum(failed.values())
        if f["records_written"] >= min_records and n_failed <= max_rejected * f["rows_read"]:
            continue
        top = max(failed.items(), key=lambda kv: (kv[1], kv[0]))[0] if failed else None
        what = (
            f"{n_failed:,} of {f['rows_read']:,} rows rejected, most as {top}"
            if top
            else f"{f['records_written']:,} of {f['rows_read']:,} rows written"
        )
        hint = ""
        if (
            top in ("schema:missing_key", "schema:wrong_type", "schema:null_value", "schema:not_an_object")
            and src.files
        ):
            from dolphin_data.converters.detect import hint as detect_hint

            hint = f"; {detect_hint(src.files[0], src.converter)}"
        raise UserError(
            f"{src.name}: {what}{hint} (converter {src.converter}; the source's floor: at least "
            f"{min_records} record(s), at most {max_rejected:.0%} rejected other than by filters)"
        )
