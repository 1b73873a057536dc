"""medcover (Python wheel) against zen-engine 2.1.3 on the reference workload.

Run through run.sh. In the current folder it expects requests.zen.jsonl and
requests.medcover.jsonl from shared/bench/gen_requests.py. It

1. evaluates every request with both engines and checks that they agree on
   `allowed` (medcover: the line's outcome is `covered`) and `discount_pct`
   (medcover: discount / price × 100) for EVERY request; a disagreement is
   printed with both answers and medcover's reasons, and the run fails;
2. times, in one process, round by round (every contender once a round,
   best round of each): medcover single calls (`RuleSet.evaluate`, JSON
   text in, as read from the file; and dicts in), medcover batch
   (`RuleSet.evaluate_many`, both cores; and with `messages=False`, reason
   codes without their text, as the frames helpers run it), zen `ZenEngine.evaluate` and zen
   `evaluate_batch`; prints each throughput and the ratios.

Usage: bench.py RULES_DIR JDM_FILE [REPEATS]
"""

from __future__ import annotations

import json
import os
import sys
import time
from decimal import Decimal

import medcover
import medcover.frames
import pyarrow
import zen


def best_of(repeats: int, contenders: dict) -> dict:
    """Best wall time of each contender over `repeats` rounds. Each round
    runs every contender once, in turn, so that a busy spell on this shared
    machine falls on all of them rather than on one. A run is timed from
    the call until its result is freed, as a caller pays for both."""
    best = {name: float("inf") for name in contenders}
    for _ in range(repeats):
        for name, fn in contenders.items():
            t = time.perf_counter()
            result = fn()
            del result
            best[name] = min(best[name], time.perf_counter() - t)
    return best


def main() -> int:
    rules_dir, jdm_file = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    zen_reqs = [json.loads(line) for line in open("requests.zen.jsonl")]
    mc_texts = [line.rstrip("\n") for line in open("requests.medcover.jsonl")]
    mc_dicts = [json.loads(t) for t in mc_texts]
    n = len(zen_reqs)
    assert n == len(mc_texts), "the two request files differ in length"

    rules = medcover.RuleSet.load(rules_dir)
    content = json.load(open(jdm_file))
    engine = zen.ZenEngine({"loader": {"type": "static", "content": {"coverage": content}}})

    # 1. Agreement, request by request.
    zen_single = [engine.evaluate("coverage", r)["result"] for r in zen_reqs]
    mc_single = [rules.evaluate(t) for t in mc_texts]
    mc_batch = rules.evaluate_many(mc_texts)
    zen_batch = engine.evaluate_batch([{"key": "coverage", "context": r} for r in zen_reqs])
    disagreements = 0
    for i, (z, d) in enumerate(zip(zen_single, mc_single)):
        line = d.lines[0]
        allowed = line.outcome == "covered"
        pct = line.discount / line.price * 100
        if allowed != z["allowed"] or pct != Decimal(z["discount_pct"]):
            disagreements += 1
            if disagreements <= 20:
                print(f"DISAGREE #{i}: zen allowed={z['allowed']} discount_pct={z['discount_pct']}; "
                      f"medcover outcome={line.outcome} discount_pct={pct} reasons={line.reason_codes}\n"
                      f"  zen context: {json.dumps(zen_reqs[i])}")
        if mc_batch[i] != d:
            disagreements += 1
            print(f"BATCH DIFFERS #{i}: evaluate_many gave {mc_batch[i]!r}, evaluate gave {d!r}")
    # evaluate_batch answers [{"success": bool, "data": {"result": ...}}, ...]
    zen_batch_results = [b["data"]["result"] if b.get("success") else {} for b in zen_batch]
    zen_batch_mismatch = sum(
        1 for a, b in zip(zen_single, zen_batch_results)
        if (a["allowed"], a["discount_pct"]) != (b.get("allowed"), b.get("discount_pct"))
    )
    covered = sum(1 for z in zen_single if z["allowed"])
    discounted = sum(1 for z in zen_single if z["discount_pct"])
    print(f"agreement: {n - disagreements}/{n} requests agree on allowed and discount_pct "
          f"({covered} allowed, {discounted} with the 7% discount); zen batch vs single mismatches: {zen_batch_mismatch}")
    if disagreements or zen_batch_mismatch:
        print("FAILED: the engines disagree")
        return 1

    # 2. Timing, warm first.
    for t in mc_texts[:200]:
        rules.evaluate(t)
    for r in zen_reqs[:200]:
        engine.evaluate("coverage", r)
    batch_input = [{"key": "coverage", "context": r} for r in zen_reqs]
    request_table = pyarrow.table({"request": mc_texts})
    threads = os.cpu_count() or 1
    figures = best_of(repeats, {
        "medcover single (JSON text)": lambda: [rules.evaluate(t) for t in mc_texts],
        "medcover single (dict)": lambda: [rules.evaluate(r) for r in mc_dicts],
        f"medcover batch evaluate_many (JSON text, {threads} threads)": lambda: rules.evaluate_many(mc_texts),
        "medcover batch evaluate_many (dict)": lambda: rules.evaluate_many(mc_dicts),
        "medcover batch evaluate_many (JSON text, messages=False)": lambda: rules.evaluate_many(mc_texts, messages=False),
        "medcover frames.evaluate_arrow (JSON text -> lines table)": lambda: medcover.frames.evaluate_arrow(rules, request_table),
        "zen single ZenEngine.evaluate": lambda: [engine.evaluate("coverage", r) for r in zen_reqs],
        "zen batch evaluate_batch": lambda: engine.evaluate_batch(batch_input),
    })
    print(f"\n{n} requests, best of {repeats} runs, {os.cpu_count()} cores")
    width = max(len(k) for k in figures)
    for name, dt in figures.items():
        print(f"  {name:<{width}}  {dt / n * 1e6:8.2f} us/decision  {n / dt:10.0f} decisions/s")
    keys = list(figures)
    zen_single_t, zen_batch_t = figures["zen single ZenEngine.evaluate"], figures["zen batch evaluate_batch"]
    print("\nratios (> 1: medcover faster)")
    print(f"  single: zen / medcover (JSON text) = {zen_single_t / figures[keys[0]]:.2f}x")
    print(f"  single: zen / medcover (dict)      = {zen_single_t / figures[keys[1]]:.2f}x")
    print(f"  batch:  zen / medcover (JSON text) = {zen_batch_t / figures[keys[2]]:.2f}x")
    print(f"  batch:  zen / medcover (dict)      = {zen_batch_t / figures[keys[3]]:.2f}x")
    print(f"  batch:  zen / medcover (JSON text, messages=False: reason codes without their text) = {zen_batch_t / figures[keys[4]]:.2f}x")
    print(f"  medcover batch speed-up over single calls = {figures[keys[0]] / figures[keys[2]]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
