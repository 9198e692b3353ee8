"""End-to-end benchmark on the seed reports: import time, first-call latency, throughput, peak memory.

    python benchmarks/bench_pipeline.py [--model DIR] [--runtime auto|onnx|torch] [--repeat 5] [--json out.json]

Each measurement runs in a fresh Python process so that caches do not flatter it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus" / "raw" / "seeds").glob("*.txt"))

_PROBE = r"""
import json, os, resource, sys, time
t0 = time.perf_counter()
import lawie
t1 = time.perf_counter()
texts = [open(p, encoding="utf-8").read() for p in sys.argv[2:]]
model = sys.argv[1] or None
pipeline = lawie.load(model) if model else lawie.Pipeline.default()
t2 = time.perf_counter()
pipeline.parse(texts[0])
t3 = time.perf_counter()
chars, n_ent, start = 0, 0, time.perf_counter()
for _ in range(int(os.environ.get("REPEAT", "3"))):
    for t in texts:
        n_ent += len(pipeline.parse(t).entities)
        chars += len(t)
elapsed = time.perf_counter() - start
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "first_parse_s": t3 - t2, "first_call_s": t3 - t1,
                  "chars": chars, "seconds": elapsed, "chars_per_s": chars / elapsed, "entities": n_ent,
                  "extractor": pipeline.extractor.name,
                  "runtime": type(getattr(pipeline.extractor, "primary", pipeline.extractor)).__name__,
                  "torch_imported": "torch" in sys.modules,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(model: str | None, repeat: int, runtime: str = "auto") -> dict:
    """One fresh process: import, load, first parse, then ``repeat`` passes over the seeds."""
    env = dict(os.environ, REPEAT=str(repeat), LAWIE_RUNTIME=runtime)
    env.pop("LAWIE_MODEL_DIR", None)
    out = subprocess.run([sys.executable, "-c", _PROBE, model or "", *map(str, SEEDS)], capture_output=True, text=True,
                         env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="model directory (default: the shipped model)")
    parser.add_argument("--runtime", default="auto", choices=("auto", "onnx", "torch"),
                        help="which runtime runs the model (default auto: ONNX Runtime when possible)")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the seeds for throughput")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes; medians are reported")
    parser.add_argument("--json", help="also write the result here")
    args = parser.parse_args()
    runs = [run(args.model, args.repeat, args.runtime) for _ in range(args.runs)]
    result = {k: round(statistics.median(r[k] for r in runs), 4) for k, v in runs[0].items()
              if isinstance(v, float | int) and not isinstance(v, bool)}
    result |= {"extractor": runs[0]["extractor"], "runtime": runs[0]["runtime"], "torch_imported": runs[0]["torch_imported"],
               "runs": args.runs, "seed_chars": sum(len(p.read_text(encoding="utf-8")) for p in SEEDS),
               "cpu": platform.processor() or platform.machine(), "cores": os.cpu_count()}
    print(json.dumps(result, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
