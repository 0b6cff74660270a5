"""The hostile suite over every command (issue 12): a missing file, a folder where a file is expected, a damaged
file, an output that cannot be written (under a file, past the file-size limit, read-only, disk full): one line
``Error: <file>: <fix>``, exit 1, no traceback, and nothing left behind. Prints how many cases it tried."""

from __future__ import annotations

import errno
import os
import resource
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from dolphin_data.cli.app import os_error_line
from tests.conftest import REPO

FILES = Path(__file__).parent / "hostile" / "files"
RECIPES = Path(__file__).parent / "hostile" / "recipes"
CASES: Counter[str] = Counter()

# command -> argv with {in} (the input under test) and {out} (an output base path)
INPUT_COMMANDS = {
    "convert": ["convert", "{in}", "--from", "dolphin_flan", "--out", "{out}.jsonl", "-q"],
    "inspect": ["inspect", "{in}", "-q"],
    "dedup": ["dedup", "{in}", "--out", "{out}.jsonl", "--rejects", "{out}.rej.jsonl", "-q"],
    "tokens": ["tokens", "{in}", "--stats", "{out}.stats.jsonl", "-q"],
    "decontaminate": ["decontaminate", "{in}", "--out", "{out}.jsonl", "--rejects", "{out}.rej.jsonl", "-q"],
    "unfilter run": ["unfilter", "run", "{in}", "--out", "{out}.jsonl", "--rejects", "{out}.rej.jsonl", "-q"],
    "systemchat validate": ["systemchat", "validate", "{in}", "--out", "{out}.jsonl", "--rejects", "{out}.r.jsonl"],
    "decontam index": ["decontam", "index", "{in}", "--out", "{out}.dcx"],
    "unfilter train": ["unfilter", "train", "{in}", "--out", "{out}.ftz", "-q"],
}
RECIPE_COMMANDS = {
    "build": ["build", "{in}", "--raw", "{tmp}/raw", "--out", "{out}", "-q"],
    "pull": ["pull", "{in}", "--raw", "{tmp}/raw"],
    "systemchat build": ["systemchat", "build", "{in}", "--out", "{out}.jsonl", "--raw", "{tmp}/raw"],
    "diff-recipes": ["diff-recipes", "{in}", str(REPO / "recipes" / "2.9.yaml")],
}
FOLDER_COMMANDS = {
    "report": ["report", "{in}"],
    "explain": ["explain", "flan:1", "--build", "{in}"],
    "cache info": ["cache", "info", "{in}"],
    "cache clean": ["cache", "clean", "{in}"],
    "push": ["push", "{in}", "someone/data", "--dry-run", "-q"],
    "decontam info": ["decontam", "info", "{in}"],
}


def bad_inputs(tmp: Path, kind: str) -> dict[str, Path]:
    """missing / a folder / damaged, for files, recipes and build folders."""
    (tmp / "folder.jsonl").mkdir(exist_ok=True)
    build = tmp / "damaged_build"
    build.mkdir(exist_ok=True)
    (build / "manifest.json").write_text('{"version": 1, "files": [{"output": "flan.js')  # cut short by a full disk
    return {
        "missing": {"file": tmp / "nope.jsonl", "recipe": tmp / "nope.yaml", "folder": tmp / "nope"},
        "folder": {"file": tmp / "folder.jsonl", "recipe": tmp / "folder.jsonl", "folder": tmp / "folder.jsonl"},
        "damaged": {"file": FILES / "truncated.jsonl.gz", "recipe": RECIPES / "binary_garbage.yaml", "folder": build},
    }[kind]


def run(cli, argv: list[str], **fill: Path):
    return cli(*[a.format(**{k: str(v) for k, v in fill.items()}) for a in argv])


def assert_one_line(result, names: str) -> None:
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.output and names in result.stderr, result.stderr


@pytest.mark.parametrize("kind", ["missing", "folder", "damaged"])
@pytest.mark.parametrize("command", sorted(INPUT_COMMANDS) + sorted(RECIPE_COMMANDS) + sorted(FOLDER_COMMANDS))
def test_every_command_with_a_bad_input_is_one_line_naming_it(cli, tmp_path, command, kind):
    CASES["bad inputs"] += 1
    which = "file" if command in INPUT_COMMANDS else "recipe" if command in RECIPE_COMMANDS else "folder"
    argv = {**INPUT_COMMANDS, **RECIPE_COMMANDS, **FOLDER_COMMANDS}[command]
    bad = bad_inputs(tmp_path, kind)[which]
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run(cli, argv, tmp=tmp_path, out=tmp_path / "o", **{"in": bad})
    if command == "diff-recipes" and kind != "damaged":  # names what it looked for: the file and FILE.yaml
        assert_one_line(result, str(bad).removesuffix(".yaml"))
    else:
        assert_one_line(result, str(bad))
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no output, no lock, no temporary file


WRITERS = [c for c in INPUT_COMMANDS if c != "inspect"] + ["build", "systemchat build", "synth"]


def writer_argv(command: str, tmp: Path, out: Path) -> list[str]:
    """A run of ``command`` that would succeed, writing to ``out`` (a base path)."""
    bench = tmp / "bench.jsonl"
    bench.write_text('{"id": "q1", "question": "What is the capital of the country north of Spain?"}\n')
    labelled = tmp / "labelled.jsonl"
    labelled.write_text('{"text": "I cannot help with that.", "label": "refusal"}\n{"text": "Sure.", "label": "ok"}\n')
    conv = tmp / "conv.jsonl"
    conv.write_text(
        "".join(
            f'{{"id": "c:{i}", "conversations": [{{"from": "human", "value": "Name a prime number above {i * 10}."}}, '
            f'{{"from": "gpt", "value": "{[11, 23, 31][i]} is a prime number above {i * 10}."}}]}}\n'
            for i in range(3)
        )
    )
    fill = {"in": str(conv), "out": str(out), "tmp": str(tmp)}
    if command == "convert":
        fill["in"] = str(REPO / "raw" / "dolphin_flan" / "flan1m-alpaca-uncensored.jsonl")
    elif command == "decontam index":
        fill["in"] = str(bench)
    elif command == "unfilter train":
        fill["in"] = str(labelled)
    elif command in RECIPE_COMMANDS:
        fill["in"], fill["tmp"] = str(REPO / "recipes" / "2.9.yaml"), str(REPO)
    if command == "synth":
        return ["synth", "--profile", "dedup", "--scale", "0.001", "--out", str(out), "-q"]
    argv = [a.format(**fill) for a in {**INPUT_COMMANDS, **RECIPE_COMMANDS}[command]]
    return argv + (["-w", "1"] if command == "build" else [])


@pytest.mark.parametrize("command", WRITERS)
def test_every_writer_with_an_output_under_a_file_is_one_line(cli, tmp_path, command):
    CASES["unwritable outputs"] += 1
    (tmp_path / "a_file").write_text("not a folder\n")
    result = cli(*writer_argv(command, tmp_path, tmp_path / "a_file" / "o"))
    assert_one_line(result, str(tmp_path / "a_file"))
    assert (tmp_path / "a_file").read_text() == "not a folder\n"


# not tokens: its tokenizer's vocabulary load fails under a 2 KB file-size limit (a limit, not a full disk)
@pytest.mark.parametrize("command", ["convert", "dedup", "decontam index", "unfilter run", "build"])
def test_a_full_disk_names_the_output_and_leaves_no_partial_file(tmp_path, command):
    """RLIMIT_FSIZE stands in for a full disk: writes fail part-way with EFBIG and no file name in the error."""
    CASES["file-size limit"] += 1
    out = tmp_path / "out" / "o"
    argv = writer_argv(command, tmp_path, out)
    exe = Path(sys.executable).parent / "dolphin-data"

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    proc = subprocess.run([str(exe), *argv], cwd=REPO, capture_output=True, text=True, timeout=300, preexec_fn=limit)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.startswith(f"Error: {out}") and "file-size limit (ulimit -f)" in proc.stderr, proc.stderr
    left = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").glob("*/*"))
    left = sorted(left + [p.name for p in (tmp_path / "out").glob("*")])
    # no half-written output, temporary file or staging folder; a build keeps its result cache (o/.cache: finished
    # tasks only count, by their result.pkl) and its lock
    assert left in ([], [".o.lock", "o", "o/.cache"]), left


@pytest.mark.parametrize(
    ("command", "first", "second"),
    [
        ("convert", "--out", "--rejects"),
        ("unfilter run", "--out", "--rejects"),
        ("dedup", "--out", "--rejects"),
        ("systemchat validate", "--out", "--rejects"),
        ("decontaminate", "--out", "--rejects"),
        ("tokens", "--out", "--stats"),
    ],
)
def test_two_outputs_on_one_path_are_refused_before_anything_is_written(cli, tmp_path, command, first, second):
    """Once, --out and --rejects on one path kept only the rejects and exited 0."""
    CASES["same path"] += 1
    argv = writer_argv(command, tmp_path, tmp_path / "o")
    if command == "tokens":
        argv += ["--out", str(tmp_path / "o.jsonl"), "--rejects", str(tmp_path / "o.r.jsonl")]
    same = str(tmp_path / "same.jsonl")
    argv = [same if prev in (first, second) else a for prev, a in zip(["", *argv[:-1]], argv, strict=True)]
    if second not in argv:
        argv += [second, same]
    result = cli(*argv)
    assert_one_line(result, "name the same file; give each its own path")
    assert not (tmp_path / "same.jsonl").exists()


@pytest.mark.parametrize(
    ("code", "filename", "outputs", "line"),
    [
        (errno.EROFS, "/d/.o.jsonl.staging-123/manifest.json", (), "/d/o.jsonl: the file system is read-only"),
        (errno.ENOSPC, "/d/.i.dcx.77.tmp", (), "/d/i.dcx: the disk is full"),
        (errno.ENOSPC, None, (None, "/tmp/kept.jsonl"), "/tmp/kept.jsonl: the disk is full"),
        (errno.EDQUOT, "/d/m.ftz.tmp", (), "/d/m.ftz: the disk quota is exhausted"),
        (errno.EEXIST, "/d/a_file", (), "/d/a_file: a file is in the way where a folder is needed"),
        (errno.EACCES, "/d/.o.lock", (), "/d/.o.lock: permission denied"),
    ],
)
def test_file_system_errors_name_the_users_path_and_the_fix(code, filename, outputs, line):
    """EROFS and ENOSPC cannot be made without root (a read-only or full mount); the line they give is checked here
    and by hand (docs/guarantees.md: tmpfs of 16 KB, a read-only tmpfs)."""
    CASES["error lines"] += 1
    assert os_error_line(OSError(code, os.strerror(code), filename), outputs).startswith(line)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_one_line(cli, tmp_path):
    CASES["unwritable outputs"] += 1
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        result = cli(*writer_argv("convert", tmp_path, ro / "o"))
        assert_one_line(result, str(ro))
        assert "permission denied" in result.stderr and list(ro.iterdir()) == []
    finally:
        ro.chmod(0o755)


@pytest.fixture(scope="module", autouse=True)
def report_cases(request):
    yield
    tr = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if tr is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            tr.write_line(
                f"\nhostile commands: {sum(CASES.values())} cases tried "
                f"({', '.join(f'{k} {v}' for k, v in sorted(CASES.items()))})"
            )
