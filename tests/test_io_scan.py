"""The numpy JSON structure scanner: the element boundaries it finds do not depend on where chunks are cut
(backslash runs, quotes and brackets split across chunks), and match orjson's reading of the elements."""

from __future__ import annotations

import numpy as np
import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from dolphin_data.io.jsonscan import COMMA, ScanState, scan

tricky_text = st.text(alphabet=st.sampled_from(['"', "\\", "[", "]", "{", "}", ",", "a", "é", " "]), max_size=12)
elements = st.lists(
    st.one_of(
        tricky_text,
        st.lists(tricky_text, max_size=3),
        st.dictionaries(tricky_text, tricky_text, max_size=3),
        st.integers(-(2**63), 2**63 - 1),
    ),
    max_size=8,
)


def separators(data: bytes, chunk: int) -> list[int]:
    state = ScanState(depth=0)
    out: list[np.ndarray] = []
    for off in range(0, len(data), chunk):
        ev = scan(data[off : off + chunk], off, state)
        out.append(ev.pos[(ev.kind == COMMA) & (ev.depth == 1)])
    assert state.depth == 0 and not state.in_string and not state.odd_backslashes
    return np.concatenate(out).tolist() if out else []


@settings(max_examples=100, deadline=None)
@given(values=elements, chunk=st.integers(1, 9))
def test_boundaries_do_not_depend_on_chunks(values, chunk):
    data = orjson.dumps(values)
    seps = separators(data, len(data) or 1)
    assert separators(data, chunk) == seps
    cuts = [0, *seps, len(data) - 1]
    parts = [data[a + 1 : b] for a, b in zip(cuts, cuts[1:], strict=False)] if values else []
    assert [orjson.loads(p) for p in parts] == values


def test_backslash_runs_before_quotes():
    data = rb'["a\\", "b\\\"c", "\\\\\\", "d"]'
    expected = ["a\\", 'b\\"c', "\\\\\\", "d"]
    assert orjson.loads(data) == expected
    for chunk in range(1, len(data) + 1):
        seps = separators(data, chunk)
        cuts = [0, *seps, len(data) - 1]
        assert [orjson.loads(data[a + 1 : b]) for a, b in zip(cuts, cuts[1:], strict=False)] == expected
