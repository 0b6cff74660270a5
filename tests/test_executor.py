"""Executors: in-process, a local process pool and Ray Data give identical results, in input order."""

from __future__ import annotations

import importlib.util
from collections import Counter

import pytest

from dolphin_data.executor import LocalExecutor, make_executor
from dolphin_data.model import Reject
from dolphin_data.stages import Stage, StageOutput
from tests.conftest import make_conv


class DropOdd(Stage):
    """Test stage: drops conversations whose id number is odd; counts the kept ones by parity."""

    name = "drop_odd"

    def process(self, batch):
        out = StageOutput([])
        for c in batch:
            if int(c.id.split(":")[1]) % 2:
                out.rejects.append(Reject.of(c, self.name, "test:odd", turn=1))
            else:
                out.kept.append(c)
        out.counters["kept_even"] += len(out.kept)
        return out


CONVS = [make_conv((f"q{i}", f"a{i}"), id=f"t:{i}") for i in range(50)]
BATCHES = [CONVS[i : i + 7] for i in range(0, len(CONVS), 7)]


def collect(executor):
    out = StageOutput([])
    for part in executor.map(DropOdd(), BATCHES):
        out.extend(part)
    executor.close()
    return [c.id for c in out.kept], [(r.id, r.reason, dict(r.extra)) for r in out.rejects], out.counters


def test_process_pool_matches_in_process():
    inline = collect(LocalExecutor(1))
    pooled = collect(LocalExecutor(2))
    assert inline == pooled
    assert inline[0] == [f"t:{i}" for i in range(0, 50, 2)]
    assert inline[2] == Counter(kept_even=25)


@pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="Ray is an optional extra: pip install 'dolphin-data[ray]'")
def test_ray_data_matches_local():
    assert collect(make_executor("ray", 2)) == collect(LocalExecutor(1))
