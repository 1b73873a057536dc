"""evaluate_many: order kept, one result or exception per item, parallel."""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Mapping

import pytest
from conftest import AUTH_REQUEST, PLAN_REQUEST

import medcover
from medcover import RequestError


def make_requests(n: int):
    out = []
    for i in range(n):
        r = copy.deepcopy(PLAN_REQUEST if i % 2 else AUTH_REQUEST)
        r["id"] = f"q-{i}"
        r["member"]["id"] = f"m-{i}"
        out.append(r)
    return out


def test_order_and_equality_with_single_calls(rules):
    requests = make_requests(300)
    results = rules.evaluate_many(requests)
    assert len(results) == 300
    assert [d.id for d in results] == [f"q-{i}" for i in range(300)]
    assert results == [rules.evaluate(r) for r in requests]
    assert rules.evaluate_many(requests, threads=1) == results
    assert rules.evaluate_many(requests, threads=7) == results
    assert rules.evaluate_many(json.dumps(r) for r in requests) == results  # any iterable, JSON text


def test_a_bad_item_in_the_middle_fails_only_that_item(rules):
    requests = make_requests(200)
    requests[50] = '{"date": '  # malformed
    requests[100]["clinic"] = "nowhere"  # unknown reference
    requests[150]["history"] = [{"date": "2026-01-10", "service": "MINI-CONSULT", "amount": 250.0}]  # float
    requests[170] = 17  # not a request
    results = rules.evaluate_many(requests)
    assert len(results) == 200
    bad = {i: r for i, r in enumerate(results) if not isinstance(r, medcover.Decision)}
    assert sorted(bad) == [50, 100, 150, 170]
    assert all(isinstance(e, RequestError) for e in bad.values())
    assert [bad[i].index for i in sorted(bad)] == [50, 100, 150, 170]
    assert bad[50].kind == "malformed"
    assert (bad[100].kind, bad[100].path) == ("unknown_reference", "clinic")
    assert bad[150].path == "history[0].amount"
    assert bad[170].kind == "malformed"
    good = [r for i, r in enumerate(results) if i not in bad]
    assert [d.id for d in good] == [f"q-{i}" for i in range(200) if i not in bad]
    assert results[51] == rules.evaluate(requests[51])


def test_text_that_is_not_utf8_fails_only_that_item(rules):
    text = json.dumps(PLAN_REQUEST)
    requests = [text] * 300
    requests[7] = text.replace("MINI", "\ud800")  # a lone surrogate: no UTF-8 for it
    requests[250] = b"\xff" + text.encode()
    results = rules.evaluate_many(requests)
    bad = {i: r for i, r in enumerate(results) if not isinstance(r, medcover.Decision)}
    assert sorted(bad) == [7, 250]
    assert all(isinstance(e, RequestError) and e.kind == "malformed" for e in bad.values())
    assert [bad[i].index for i in (7, 250)] == [7, 250]
    assert "not valid UTF-8" in str(bad[7])
    with pytest.raises(RequestError, match="not valid UTF-8"):
        rules.evaluate(requests[7])


def test_empty_batch_and_bad_threads(rules):
    assert rules.evaluate_many([]) == []
    with pytest.raises(ValueError):
        rules.evaluate_many([AUTH_REQUEST], threads=0)
    with pytest.raises(TypeError):
        rules.evaluate_many(5)


def test_drop_nulls_treats_none_as_absent(rules):
    r = copy.deepcopy(PLAN_REQUEST)
    r["authorization"] = None
    r["member"]["employer"] = None
    r["booked_via"] = None  # not nullable: absent means the default
    (err,) = rules.evaluate_many([r])
    assert isinstance(err, RequestError)
    (d,) = rules.evaluate_many([r], drop_nulls=True)
    assert d == rules.evaluate(PLAN_REQUEST)


def test_trace_in_batch(rules):
    (d,) = rules.evaluate_many([AUTH_REQUEST], trace=True)
    assert d.lines[0].trace


def test_batch_releases_the_gil(rules):
    # Another Python thread keeps running while a large batch evaluates.
    requests = [json.dumps(r) for r in make_requests(4000)]
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(1)
            stop.wait(0.0005)

    t = threading.Thread(target=tick)
    t.start()
    try:
        before = len(ticks)
        for _ in range(3):
            rules.evaluate_many(requests)
        during = len(ticks) - before
    finally:
        stop.set()
        t.join()
    assert during > 0


def test_batches_larger_than_a_chunk_keep_order_and_indexes(rules):
    text = json.dumps(PLAN_REQUEST)
    requests = [text] * 20000
    for i in (16383, 16384, 19999):
        requests[i] = "{"
    results = rules.evaluate_many(requests)
    assert len(results) == 20000
    bad = [i for i, r in enumerate(results) if isinstance(r, RequestError)]
    assert bad == [16383, 16384, 19999]
    assert [results[i].index for i in bad] == bad
    assert results[16385] == results[0]


class RaisingMapping(Mapping):
    """A mapping (not a dict) whose items cannot be read."""

    def __getitem__(self, key):
        raise KeyError(key)

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0

    def items(self):
        raise LookupError("this mapping cannot be read")


@pytest.mark.parametrize("threads", [1, 2, 5])
def test_dicts_read_while_others_are_decided_keep_order(rules, threads):
    # Dicts are written as JSON text a block at a time while workers decide
    # the blocks already read: unreadable items anywhere, order kept.
    requests = make_requests(1000)
    requests[3] = RaisingMapping()
    requests[640] = {"date": 1.5}
    requests[999] = RaisingMapping()
    results = rules.evaluate_many(requests, threads=threads)
    assert len(results) == 1000
    assert isinstance(results[3], LookupError) and isinstance(results[999], LookupError)
    assert isinstance(results[640], RequestError) and results[640].index == 640
    assert [d.id for i, d in enumerate(results) if i not in (3, 640, 999)] == [
        f"q-{i}" for i in range(1000) if i not in (3, 640, 999)
    ]


def test_an_iterable_that_raises_fails_the_call(rules):
    def requests():
        yield from make_requests(500)
        raise RuntimeError("the source broke")

    with pytest.raises(RuntimeError, match="the source broke"):
        rules.evaluate_many(requests())


def test_one_rule_set_shared_by_python_threads(rules):
    from concurrent.futures import ThreadPoolExecutor

    requests = make_requests(400)
    expected = [rules.evaluate(r) for r in requests]
    with ThreadPoolExecutor(max_workers=4) as pool:
        singles = list(pool.map(rules.evaluate, requests))
        batches = list(pool.map(lambda chunk: rules.evaluate_many(chunk), [requests[i:i + 100] for i in range(0, 400, 100)]))
    assert singles == expected
    assert [d for chunk in batches for d in chunk] == expected


def test_optional_libraries_load_lazily():
    import subprocess
    import sys

    code = "import sys, medcover, medcover.frames, medcover.spark; print(sorted({'pandas', 'polars', 'pyarrow', 'pyspark'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
