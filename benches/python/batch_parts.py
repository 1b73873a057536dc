"""Times a medcover batch and the freeing of its result apart.

`bench.py` times each run until its result is freed; this splits the two,
to see what a change does to each. Run it with the wheel to measure on
the Python path (`.venv-py`), in a folder where `gen_requests.py` wrote
the requests:

    python gen_requests.py 20000 7
    python batch_parts.py RULES_DIR [ROUNDS] [THREADS]

RULES_DIR is `benches/rules/bench`. Prints the best and the median of
ROUNDS rounds (default 7), in µs a decision, for the batch alone, the
freeing of its result alone, and the two together.
"""

from __future__ import annotations

import statistics
import sys
import time

import medcover


def main() -> int:
    rules = medcover.RuleSet.load(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else None
    texts = [line.rstrip("\n") for line in open("requests.medcover.jsonl")]
    n = len(texts)
    alone, freeing, both = [], [], []
    result = rules.evaluate_many(texts, threads=threads)
    for _ in range(rounds):
        start = time.perf_counter()
        result = rules.evaluate_many(texts, threads=threads)  # frees the previous one too
        both.append(time.perf_counter() - start)
        start = time.perf_counter()
        del result
        freeing.append(time.perf_counter() - start)
        start = time.perf_counter()
        result = rules.evaluate_many(texts, threads=threads)
        alone.append(time.perf_counter() - start)

    def show(times: list[float]) -> str:
        return f"best {min(times) / n * 1e6:.3f}  median {statistics.median(times) / n * 1e6:.3f}"

    print(f"{n} requests, {rounds} rounds, µs a decision")
    print(f"  batch alone            {show(alone)}")
    print(f"  freeing its result     {show(freeing)}")
    print(f"  batch, previous freed  {show(both)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
