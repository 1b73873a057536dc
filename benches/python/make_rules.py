"""Writes benches/rules/bench/: the reference workload of
shared/bench/zen/make_jdm.py encoded as a medcover rule set.

Usage: python3 make_rules.py [BENCH_DIR]  (default: ../shared/bench beside the
repository, else /work/shared/bench). The files are committed; rerun this
only when make_jdm.py changes.

Encoding of make_jdm.py's semantics:
- clinic `bench-in` (in network) and `bench-out` (not), both offering every
  service; one service `B-<CATEGORY>` per category at 1000.00;
- programs `bench/<PROGRAM>`: access mode `policy` (the policy alone gives
  access), outpatient only, network only; DENT-* only for acute /
  chronic_exacerbation / trauma, OPHT-RO for any reason; covers COVERED;
- a waiting period of WAITING[category] days per covered category (none when
  0): covered once days since enrollment >= WAITING;
- a count limit of LIMITS[category] per covered category per policy year:
  covered while used < limit;
- discount `loyalty`: 7% for insured members (policy in force) on therapy,
  implantation, orthopedics and orthodontics when the line is not covered.
"""
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
candidates = [sys.argv[1]] if len(sys.argv) > 1 else [os.path.join(root, "..", "shared", "bench"), "/work/shared/bench"]
bench = next((c for c in candidates if os.path.isfile(os.path.join(c, "zen", "make_jdm.py"))), None)
if bench is None:
    sys.exit(f"make_jdm.py not found in {candidates}")
sys.path.insert(0, os.path.join(bench, "zen"))
from make_jdm import CATEGORIES, COVERED, DENTAL_REASONS, LIMITS, LOYALTY, PROGRAMS, WAITING  # noqa: E402

out = os.path.join(root, "benches", "rules", "bench")
os.makedirs(out, exist_ok=True)


def write(name, doc):
    with open(os.path.join(out, name), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")


write("ruleset.json", {"ruleset": {"id": "bench", "name": "Benchmark workload (shared/bench/zen/make_jdm.py)",
                                   "currency": "EUR", "source": "shared/bench/zen/make_jdm.py"}})
write("services.json", {"services": [{"code": f"B-{c.upper()}", "name": c, "category": c, "price": "1000.00"}
                                     for c in CATEGORIES]})
write("clinics.json", {"clinics": [
    {"id": "bench-in", "city": "Bench", "in_network": True, "offers": {"all": True}},
    {"id": "bench-out", "city": "Bench", "in_network": False, "offers": {"all": True}},
]})
programs = []
for p in PROGRAMS:
    programs.append({
        "id": f"bench/{p}",
        "access": "policy",
        "network_only": True,
        "settings": ["outpatient"],
        "reasons": DENTAL_REASONS if p.startswith("DENT") else "any",
        "covers": [{"id": "covered", "services": {"categories": COVERED[p]}}],
        "limits": [{"id": c, "services": {"categories": [c]}, "count": LIMITS[c]} for c in COVERED[p]],
        "waiting_periods": [{"id": c, "name": c, "services": {"categories": [c]}, "days": WAITING[c]}
                            for c in COVERED[p] if WAITING[c] > 0],
    })
write("programs.json", {"programs": programs})
write("discounts.json", {"discounts": [{
    "id": "loyalty", "name": "Loyalty program", "percent": "7",
    "services": {"categories": LOYALTY}, "eligible": {"insured": True},
}]})
print(f"wrote {out}")
