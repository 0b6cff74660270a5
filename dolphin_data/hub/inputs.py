"""Hugging Face inputs, resolved to the ordinary files the engine reads.

What ``convert``, ``inspect`` and a recipe source may name besides a data file:

- a ``save_to_disk`` folder: a ``Dataset`` (``state.json`` + ``data-*.arrow``, read as Arrow streams in the order
  ``state.json`` lists them) or a ``DatasetDict`` (``dataset_dict.json`` + one such folder per split);
- a data folder laid out as on the Hub (``data/train-00000-of-00002.parquet``, ``train.jsonl``, a flat folder of
  Parquet files ...): its files by split, by the same naming conventions ``datasets`` uses;
- a Hub dataset id (``org/name``, ``org/name@revision``): its data files fetched with ``snapshot_download`` into
  ``<download_dir>/<org>/<name>/`` (a folder the user chose; never the user cache), then read as a data folder;
- in the Python API, a ``datasets.Dataset`` / ``DatasetDict`` object: written as Parquet into a folder given by
  the caller (``write_dataset``), then read as files.

Split: the one named, else the only one, else ``train``; otherwise the error lists the splits.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dolphin_data.errors import InputError, UserError

READABLE = (".jsonl", ".json", ".parquet", ".jsonl.gz", ".json.gz", ".ndjson", ".arrow")  # what io.py reads
HUB_PATTERNS = [
    "*.parquet",
    "*.jsonl",
    "*.jsonl.gz",
    "*.json",
    "*.json.gz",
    "*.ndjson",
    "*.arrow",
    "**/*.parquet",
    "**/*.jsonl",
    "**/*.jsonl.gz",
    "**/*.json",
    "**/*.json.gz",
    "**/*.ndjson",
    "**/*.arrow",
    "README.md",
]
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+(@[\w./-]+)?$")


@dataclass(frozen=True)
class Resolved:
    """An input as files: ``name`` (for the source), the files in reading order, and what was resolved."""

    name: str
    files: tuple[Path, ...]
    note: str = ""
    root: Path | None = None  # the folder the files came from (artefacts name them from its parent)

    def labels(self) -> tuple[str, ...]:
        if self.root is None:
            return tuple(f.name for f in self.files)
        return tuple(f.relative_to(self.root.parent).as_posix() for f in self.files)


def is_hub_id(text: str) -> bool:
    """``org/name`` or ``org/name@revision`` that is not a path on this machine (nor a data file name)."""
    return (
        bool(_HUB_ID.match(text))
        and not Path(text).exists()
        and not text.partition("@")[0].lower().endswith((*READABLE, ".gz", ".csv"))
    )


def is_save_to_disk(folder: Path) -> bool:
    return folder.is_dir() and ((folder / "dataset_dict.json").is_file() or (folder / "state.json").is_file())


def pick_split(available: list[str], split: str | None, where: str) -> str:
    if split is not None:
        if split not in available:
            raise UserError(f"{where}: no split {split!r}; splits: {', '.join(available)}")
        return split
    if len(available) == 1:
        return available[0]
    if "train" in available:
        return "train"
    raise UserError(
        f"{where}: {len(available)} splits ({', '.join(available)}); choose one (--split, or "
        f"upstream.split in a recipe)"
    )


def saved_files(folder: Path, split: str | None = None) -> tuple[list[Path], str]:
    """The Arrow files of a ``save_to_disk`` folder (one split of a DatasetDict) and the split read."""
    if (folder / "dataset_dict.json").is_file():
        try:
            splits = [str(s) for s in json.loads((folder / "dataset_dict.json").read_text())["splits"]]
        except (ValueError, KeyError, TypeError):
            raise InputError(
                f"{folder / 'dataset_dict.json'}: not what save_to_disk writes; save the data again"
            ) from None
        chosen = pick_split(splits, split, str(folder))
        files, _ = saved_files(folder / chosen)
        return files, chosen
    state = folder / "state.json"
    try:
        names = [str(f["filename"]) for f in json.loads(state.read_text())["_data_files"]]
    except (ValueError, KeyError, TypeError):
        raise InputError(f"{state}: not what save_to_disk writes; save the data again") from None
    files = [folder / n for n in names]
    missing = next((f for f in files if not f.is_file()), None)
    if missing is not None or not files:
        raise InputError(f"{missing or folder}: listed in {state} but missing; save the data again")
    return files, split or ""


def folder_files(folder: Path, split: str | None = None) -> tuple[list[Path], str]:
    """The data files of a Hub-style folder for one split (its dataset card's one config, else ``datasets``' naming
    conventions), and what was read: the split, and the files of other types left out, named."""
    from datasets.data_files import get_data_patterns, resolve_pattern

    base = str(folder.resolve())
    patterns = card_configs(folder)
    if patterns is None:
        try:
            patterns = {str(k): v for k, v in get_data_patterns(base).items()}
        except Exception:  # datasets raises EmptyDatasetError (and others) for a folder without data files
            patterns = {}
    if not patterns:
        raise InputError(f"{folder}: no data files (.jsonl, .json, .parquet, .arrow) in this folder")
    chosen = pick_split(list(patterns), split, str(folder))
    found: list[Path] = []
    for pattern in patterns[chosen]:
        for hit in sorted(resolve_pattern(pattern, base)):  # hidden files and metadata (dataset_info.json) left out
            p = folder / Path(hit).relative_to(base)
            if p not in found and not p.name.startswith("PULL."):
                found.append(p)
    data = [p for p in found if p.name.lower().endswith(READABLE)]
    other = [p for p in found if p not in data]
    if other and not data:
        raise InputError(f"{other[0]}: unsupported file type; use one of {', '.join(READABLE)}")
    if not data:
        raise InputError(f"{folder}: no data files for split {chosen!r}")
    if other:  # said, not silently left out
        chosen += f" (left out {len(other)} file(s) of other types: {', '.join(p.name for p in other[:3])})"
    return data, chosen


def card_configs(folder: Path) -> dict[str, list[str]] | None:
    """Split -> patterns from the dataset card's ``configs:`` when it declares exactly one config (None: no card or
    no configs); several configs (a build folder, a multi-config Hub dataset) cannot be one input."""
    import yaml

    card = folder / "README.md"
    if not card.is_file():
        return None
    text = card.read_text(encoding="utf-8", errors="replace")
    if not text.startswith("---"):
        return None
    try:
        meta = yaml.safe_load(text.split("---", 2)[1]) or {}
    except yaml.YAMLError:
        return None
    configs = meta.get("configs") if isinstance(meta, dict) else None
    if not isinstance(configs, list) or not configs:
        return None
    if len(configs) > 1:
        names = [str(c.get("config_name", "?")) for c in configs if isinstance(c, dict)]
        raise UserError(
            f"{folder}: its dataset card declares {len(names)} configs ({', '.join(names[:6])}"
            f"{', ...' if len(names) > 6 else ''}); name one config's file instead"
        )
    files = configs[0].get("data_files", []) if isinstance(configs[0], dict) else []
    if isinstance(files, str | list) and (isinstance(files, str) or all(isinstance(f, str) for f in files)):
        return {"train": [files] if isinstance(files, str) else list(files)}
    return {
        str(f["split"]): [f["path"]] if isinstance(f["path"], str) else list(f["path"])
        for f in files
        if isinstance(f, dict) and "split" in f and "path" in f
    } or None


def dataset_folder_files(folder: Path, split: str | None = None) -> tuple[list[Path], str]:
    """A ``save_to_disk`` folder or a Hub-style data folder, as files of one split."""
    return saved_files(folder, split) if is_save_to_disk(folder) else folder_files(folder, split)


def download(repo: str, download_dir: Path) -> Path:
    """Fetch a Hub dataset's data files into ``<download_dir>/<org>/<name>`` (resumable; files present are kept)."""
    repo_id, _, revision = repo.partition("@")
    dest = Path(download_dir) / repo_id
    try:
        from huggingface_hub import snapshot_download

        snapshot_download(
            repo_id=repo_id, repo_type="dataset", revision=revision or None, local_dir=dest, allow_patterns=HUB_PATTERNS
        )
    except Exception as e:  # network, auth, missing repo or revision
        raise UserError(
            f"{repo}: could not fetch from the Hugging Face Hub ({type(e).__name__}: {e}); check the id, "
            f"the network and HF_TOKEN for a gated or private dataset (a local path that does not "
            f"exist also looks like an id)"
        ) from None
    return dest


def resolve_input(spec: str | Path, split: str | None = None, download_dir: str | Path | None = None) -> Resolved:
    """A file, a dataset folder or a Hub id, as the files to read (see the module docstring)."""
    text = str(spec)
    path = Path(spec)
    if path.is_file():
        return Resolved(path.name.split(".")[0], (path,))
    if path.is_dir() and path.name.lower().endswith(".parquet"):  # a partitioned dataset: io reads it whole
        return Resolved(path.name.split(".")[0], (path,))
    if path.is_dir() and path.name.lower().endswith(READABLE):  # named like a file: a mistake, not a dataset
        from dolphin_data.io import input_error

        raise input_error(path, IsADirectoryError(path))
    if path.is_dir():
        files, chosen = dataset_folder_files(path, split)
        kind = "save_to_disk folder" if is_save_to_disk(path) else "data folder"
        return Resolved(path.name, tuple(files), _note(path, kind, chosen, files), path)
    if download_dir is not None and is_hub_id(text):
        folder = download(text, Path(download_dir))
        files, chosen = dataset_folder_files(folder, split)
        repo_id = text.partition("@")[0]
        return Resolved(
            repo_id.split("/")[-1], tuple(files), _note(folder, f"Hub dataset {text}", chosen, files), folder
        )
    raise InputError(f"{spec}: no such file; check the path (or run `dolphin-data pull` to fetch sources)")


def _note(folder: Path, kind: str, split: str, files: list[Path]) -> str:
    what = f"split {split}, " if split else ""
    return f"{folder}: {kind}, {what}{len(files)} file(s)"


def write_dataset(ds: Any, folder: str | Path, name: str = "dataset", split: str | None = None) -> Resolved:
    """A ``datasets.Dataset`` (or one split of a ``DatasetDict``) written as ``<folder>/<name>.parquet``."""
    import datasets

    if isinstance(ds, datasets.DatasetDict):
        split = pick_split(list(ds), split, "DatasetDict")
        ds = ds[split]
    if not isinstance(ds, datasets.Dataset):
        raise UserError(f"expected a datasets.Dataset or DatasetDict, got {type(ds).__name__}")
    target = Path(folder) / f"{name}.parquet"
    target.parent.mkdir(parents=True, exist_ok=True)
    ds.to_parquet(str(target))
    return Resolved(name, (target,), f"{type(ds).__name__} of {len(ds):,} rows{f', split {split}' if split else ''}")


def source_files(spec: Any, raw_dir: Path, resolve_raw_files: Any, follow_symlinks: bool = False) -> list[Path]:
    """A recipe source's raw files: ``raw/<raw>/`` as a ``save_to_disk`` folder (split ``upstream.split``), else the
    ``files`` patterns (``resolve_raw_files``). With the default pattern ``*``, a dataset card (``*.md``) is not
    data, and a folder whose top level holds no data file is read as a Hub-style data folder (``data/train-*``).
    Files found here, like ``resolve_raw_files``' own, must stay inside ``raw_dir`` unless ``follow_symlinks``."""
    raw_dir = Path(raw_dir)
    base = raw_dir / spec.raw_dir
    split = spec.upstream.split
    resolve = lambda: list(resolve_raw_files(spec, raw_dir, follow_symlinks=follow_symlinks))  # noqa: E731
    if is_save_to_disk(base):
        return _inside_raw(saved_files(base, split)[0], raw_dir, follow_symlinks)
    default = tuple(spec.files) == ("*",)
    try:
        files = resolve()
    except InputError:  # a symlink out of raw/, a folder named as a file, an unreadable folder: said as it is
        raise
    except UserError:  # no file matched
        if not (default and base.is_dir()):
            raise
        files = []
    if not default:
        return files
    data = [f for f in files if not f.name.lower().endswith(".md")]
    if data:
        return data
    try:
        return _inside_raw(dataset_folder_files(base, split)[0], raw_dir, follow_symlinks)
    except InputError:
        return resolve()  # its error names the folder, the patterns and the fix


def _inside_raw(files: list[Path], raw_dir: Path, follow_symlinks: bool) -> list[Path]:
    if follow_symlinks:
        return files
    root = raw_dir.resolve()
    for f in files:
        real = f.resolve()
        if not real.is_relative_to(root):
            raise InputError(
                f"{f}: leads to {real}, outside the raw folder {raw_dir} (a symlink); copy the file "
                f"into the raw folder or pass --follow-symlinks to read it where it is"
            )
    return files
