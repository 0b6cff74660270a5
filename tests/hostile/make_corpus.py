"""Write the hostile-input corpus (``python tests/hostile/make_corpus.py``): small bad files and bad recipes written
for this project. ``tests/test_hostile.py`` runs every one through the real CLI; EXPECTED there says what each must
become (rows read, kept, rejects by reason, or the one-line error)."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
RECIPES = HERE / "recipes"
BOM = b"\xef\xbb\xbf"


def row(i: int, **extra: object) -> dict:
    return {"instruction": "Answer briefly.", "input": f"What is {i} + {i}?", "output": str(2 * i), **extra}


def line(i: int) -> bytes:
    return orjson.dumps(row(i))


def deep(n: int) -> bytes:
    return b"[" * n + b"]" * n


def files() -> dict[str, bytes]:
    good = [line(i) for i in range(3)]
    arr = [orjson.dumps(row(i)) for i in range(4)]
    out = {
        "bom.jsonl": BOM + b"\n".join(good) + b"\n",
        "crlf.jsonl": b"\r\n".join(good) + b"\r\n",
        "cr_only.jsonl": b"\r".join(good) + b"\r",
        "mixed_eol_blank_lines.jsonl": good[0] + b"\r\n\r\n" + good[1] + b"\r\n \t\n" + good[2],
        "truncated_last_line.jsonl": b"\n".join(good) + b"\n" + line(3)[:25],
        "bad_utf8.jsonl": good[0] + b"\n" + line(1).replace(b"What", b"Wh\xff\xfet") + b"\n",
        "nul_byte.jsonl": good[0] + b"\n" + line(1).replace(b"What", b"Wh\x00at") + b"\n",
        "lone_surrogate.jsonl": good[0] + b"\n" + line(1).replace(b"What", b"\\ud800What") + b"\n",
        "deep_300.jsonl": good[0] + b'\n{"instruction": "x", "input": ' + deep(300) + b', "output": "y"}\n',
        "deep_5000.jsonl": good[0] + b"\n" + deep(5000) + b"\n",
        "scalars_and_wrong_types.jsonl": b'5\n"text"\nnull\n[1, 2]\n{"instruction": 5, "input": "q", "output": "a"}\n'
        + good[0]
        + b"\n",
        "empty.jsonl": b"",
        "only_blank_lines.jsonl": b"\n\r\n  \n\r",
        "array_bom_crlf.json": BOM + b"[\r\n" + b",\r\n".join(arr) + b"\r\n]\r\n",
        "array_bad_element.json": b"["
        + b", ".join([arr[0], b'{"instruction": "x", oops}', arr[1], b"NaN", arr[2]])
        + b"]",
        "array_truncated.json": b"[" + b", ".join(arr)[:-30],
        "array_trailing_garbage.json": b"[" + b", ".join(arr[:2]) + b"] and then some",
        "array_stray_commas.json": b"[," + b", ".join(arr[:2]) + b",]",
        "array_deep_element.json": b"[" + arr[0] + b", " + deep(3000) + b"]",
        "array_unbalanced.json": b"[" + arr[0] + b', {"instruction": "x"]}, ' + arr[1] + b"]",
        "array_empty.json": b"[ ]",
        "wrapped_rows.json": b'{"train": [' + b", ".join(arr[:2]) + b"]}",
        "not_an_array.json": b'"just a string"',
        "not_json_at_all.json": b"<html>404</html>",
        "truncated.jsonl.gz": gzip.compress(b"\n".join(line(i) for i in range(2000)), mtime=0)[:-400],
        "corrupt.json.gz": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage, not deflate",
        "not_gzip.jsonl.gz": b"\n".join(good),
        "bad_footer.parquet": b"PAR1" + b"\x00" * 64 + b"PAR1",
        "unsupported.csv": b"instruction,input,output\n",
    }
    return out


def parquet_files() -> None:
    t = pa.table({k: [row(i)[k] for i in range(6)] for k in ("instruction", "input", "output")})
    pq.write_table(t, FILES / "good.parquet", row_group_size=2)
    data = bytearray((FILES / "good.parquet").read_bytes())
    data[60:140] = b"\xee" * 80  # the first row group's pages; the footer intact
    (FILES / "bad_pages.parquet").write_bytes(bytes(data))
    bad = pa.array([b"ok", b"caf\xe9 \xff", b"fine"], type=pa.binary()).view(pa.string())
    pq.write_table(
        pa.table({"instruction": ["s"] * 3, "input": bad, "output": ["a", "b", "c"]}),
        FILES / "non_utf8_strings.parquet",
    )
    ds = FILES / "partitioned.parquet"
    for part in ("lang=en/part-0.parquet", "lang=fr/part-0.parquet"):
        (ds / part).parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(t.slice(0, 2), ds / part)
    (FILES / "a_folder.jsonl").mkdir(exist_ok=True)
    (FILES / "a_folder.jsonl" / "README").write_text("a folder named like a file\n")


GOOD_RECIPE = """name: hostile
sources:
  - name: flan
    output: flan.jsonl
    converter: dolphin_flan
    files: ["*.jsonl"]
"""


def recipes() -> dict[str, str]:
    lol = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lol += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    return {
        "name_traversal.yaml": GOOD_RECIPE.replace("name: flan", 'name: "../../../escaped"'),
        "recipe_name_traversal.yaml": GOOD_RECIPE.replace("name: hostile", 'name: "../../escaped"'),
        "raw_absolute.yaml": GOOD_RECIPE.replace("    converter", "    raw: /etc\n    converter"),
        "raw_dotdot.yaml": GOOD_RECIPE.replace("    converter", "    raw: ../../..\n    converter"),
        "files_dotdot.yaml": GOOD_RECIPE.replace('["*.jsonl"]', '["../../*.jsonl"]'),
        "files_absolute.yaml": GOOD_RECIPE.replace('["*.jsonl"]', '["/etc/passwd"]'),
        "output_path.yaml": GOOD_RECIPE.replace("output: flan.jsonl", "output: ../flan.jsonl"),
        "repo_local_path.yaml": GOOD_RECIPE.replace(
            "    files", "    upstream: {repo: /etc, files: [passwd]}\n    files"
        ),
        "billion_laughs.yaml": "\n".join(lol)
        + "\n"
        + GOOD_RECIPE.replace("name: hostile", "name: hostile\ndescription: *a8"),
        "deep_nesting.yaml": "name: x\nsources: " + "[" * 3000 + "]" * 3000 + "\n",
        "training_out_of_range.yaml": GOOD_RECIPE + "training: {micro_batch_size: 0}\n",
        "val_set_size_out_of_range.yaml": GOOD_RECIPE + "training: {val_set_size: 7}\n",
        "not_a_mapping.yaml": "- just\n- a list\n",
        "empty.yaml": "",
        "tabs_syntax_error.yaml": "name: x\nsources:\n\t- name: y\n",
        "unknown_converter.yaml": GOOD_RECIPE.replace("dolphin_flan", "dolphin_flna"),
        "duplicate_source.yaml": GOOD_RECIPE + GOOD_RECIPE.split("sources:\n")[1].replace("flan.jsonl", "flan2.jsonl"),
        "sources_not_a_list.yaml": "name: x\nsources: 5\n",
    }


def main() -> None:
    shutil.rmtree(FILES, ignore_errors=True)
    shutil.rmtree(RECIPES, ignore_errors=True)
    FILES.mkdir(parents=True)
    RECIPES.mkdir(parents=True)
    for name, data in files().items():
        (FILES / name).write_bytes(data)
    parquet_files()
    for name, text in recipes().items():
        (RECIPES / name).write_text(text)
    (RECIPES / "binary_garbage.yaml").write_bytes(b"\xff\xfe\x00garbage\x80")


if __name__ == "__main__":
    main()
