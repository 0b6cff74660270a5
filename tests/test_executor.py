"""Executors: in the driver, a local process pool and Ray give the same results, in task order; and a whole build on
each writes the same bytes."""

from __future__ import annotations

import importlib.util
import os
import signal
from pathlib import Path

import pytest

from dolphin_data.engine.executor import LocalExecutor, make_executor
from dolphin_data.errors import UserError
from tests.conftest import REPO


def square_and_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


def test_process_pool_matches_in_process_and_keeps_task_order():
    inline = LocalExecutor(1)
    pooled = LocalExecutor(2)
    try:
        a = list(inline.map(square_and_pid, list(range(20))))
        b = list(pooled.map(square_and_pid, list(range(20))))
    finally:
        pooled.close()
    assert [x for x, _ in a] == [x for x, _ in b] == [i * i for i in range(20)]
    assert {p for _, p in a} == {os.getpid()}  # one worker: the driver does the work
    assert os.getpid() not in {p for _, p in b}  # a pool: spawned workers do


def fail_on_three(x: int) -> int:
    if x == 3:
        raise ValueError("three")
    return x


def die_on_two(x: int) -> int:
    if x == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return x


def test_a_worker_exception_reaches_the_driver_with_the_worker_traceback():
    pool = LocalExecutor(2)
    try:
        with pytest.raises(ValueError, match="three") as info:
            list(pool.map(fail_on_three, list(range(6))))
    finally:
        pool.close()
    assert "fail_on_three" in str(info.value.__cause__)  # where it happened, in the worker
    assert pool._pool == []  # the failed map took its workers down: no stale task survives into the next map
    assert list(pool.map(fail_on_three, [0, 1, 2])) == [0, 1, 2]
    pool.close()


def test_a_worker_that_dies_is_one_clear_error():
    pool = LocalExecutor(2)
    try:
        with pytest.raises(UserError, match=r"a worker process was killed by signal 9 \(SIGKILL: most often"):
            list(pool.map(die_on_two, list(range(6))))
    finally:
        pool.close()


def test_a_caller_that_stops_early_leaves_no_worker_behind():
    pool = LocalExecutor(2)
    it = pool.map(square_and_pid, list(range(10)))
    _, pid = next(it)
    procs = [w.proc for w in pool._pool]
    it.close()
    assert pool._pool == [] and not any(p.is_alive() for p in procs)


def log_start(task: tuple[str, int]) -> int:
    path, x = task
    with open(path, "a") as f:
        f.write(f"{os.getpid()} {x}\n")
    return x


def test_the_costliest_tasks_start_first_and_results_keep_task_order(tmp_path):
    log = str(tmp_path / "started")
    tasks = [(log, x) for x in range(8)]
    cost = [1, 5, 2, 9, 3, 3, 7, 0]
    pool = LocalExecutor(2)
    try:
        assert list(pool.map(log_start, tasks, cost=cost)) == list(range(8))
    finally:
        pool.close()
    started = [tuple(map(int, line.split())) for line in Path(log).read_text().splitlines()]
    assert sorted(x for _, x in started) == list(range(8))
    first = {}
    for pid, x in started:
        first.setdefault(pid, x)
    assert set(first.values()) == {3, 6}  # the two costliest went out first, one to each worker


def test_unknown_executor_is_a_user_error():
    with pytest.raises(UserError, match="--executor 'dask': choose one of local, ray"):
        make_executor("dask", 1)


@pytest.mark.skipif(
    importlib.util.find_spec("ray") is None, reason="Ray is an optional extra: pip install 'dolphin-data[ray]'"
)
def test_ray_build_is_byte_identical_to_local(tmp_path):
    from dolphin_data.engine.run import build_recipe
    from dolphin_data.recipe import load_recipe

    recipe = load_recipe(REPO / "recipes" / "2.9.yaml")
    build_recipe(recipe, tmp_path / "local", REPO / "raw", workers=1)
    build_recipe(recipe, tmp_path / "ray", REPO / "raw", workers=2, executor="ray")
    files = sorted(
        p.relative_to(tmp_path / "local")
        for p in (tmp_path / "local").rglob("*")
        if p.is_file() and ".cache" not in p.parts
    )
    assert len(files) > 20
    for rel in files:
        if rel.name == "timings.json":
            continue
        assert (tmp_path / "local" / rel).read_bytes() == (tmp_path / "ray" / rel).read_bytes(), rel
