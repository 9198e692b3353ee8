"""Documents per second, one process versus all cores, on a collection made of copies of the seeds.

    python benchmarks/bench_batch.py [--copies 20] [--model DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from lawie.batch import parse_reports

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus" / "raw" / "seeds").glob("*.txt"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=20, help="copies of each seed in the collection")
    parser.add_argument("--model", help="model directory (default: the shipped model)")
    parser.add_argument("--json", help="also write the result here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(args.copies):
            for seed in SEEDS:
                path = Path(tmp) / f"{i:03d}_{seed.name}"
                path.write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
                paths.append(path)
        result: dict = {"documents": len(paths), "cores": os.cpu_count()}
        for n in sorted({1, os.cpu_count() or 1}):
            start = time.perf_counter()
            ok = sum(r.ok for r in parse_reports(paths, n_process=n, batch_size=4, model=args.model))
            seconds = time.perf_counter() - start
            result[f"docs_per_s_{n}proc"] = round(ok / seconds, 2)
            result[f"seconds_{n}proc"] = round(seconds, 2)
        n = os.cpu_count() or 1
        if n > 1:
            result["speedup"] = round(result[f"docs_per_s_{n}proc"] / result["docs_per_s_1proc"], 2)
            result["scaling_efficiency"] = round(result["speedup"] / n, 2)
    print(json.dumps(result, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
