"""Where the time of one process goes, on the seed reports: segmentation, rules, encoder forward, decoding.

    python benchmarks/profile_stages.py [--model DIR]

Runs cProfile over parsing the five seeds once (after a warm-up) and prints the cumulative
seconds of the functions that make up each stage.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus" / "raw" / "seeds").glob("*.txt"))

#: stage -> the (file suffix, function name) pairs whose cumulative times add up to the stage's
STAGES = {
    "segmentation": (("lawie/segment/segmenter.py", "segment"),),
    "rules (patterns, organs, fallback metrics)": (("lawie/extract/rules.py", "find_rule_spans"),
                                                   ("lawie/extract/organs.py", "document_places"),
                                                   ("lawie/extract/rules.py", "_add_fallback_metrics")),
    "encoder forward": (("lawie/extract/hf.py", "encode"),),
    "constrained Viterbi": (("lawie/extract/decode.py", "viterbi_batch"),),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="model directory (default: the shipped model)")
    args = parser.parse_args()
    import lawie

    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    pipeline = lawie.load(args.model) if args.model else lawie.Pipeline.default()
    pipeline.parse(texts[0])
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for text in texts:
        pipeline.parse(text)
    profiler.disable()
    total = time.perf_counter() - started
    stats = pstats.Stats(profiler).stats  # (file, line, name) -> (cc, nc, tt, ct, callers)
    print(f"{sum(map(len, texts))} characters, {total:.2f} s parsing (under the profiler)")
    for stage, functions in STAGES.items():
        seconds = sum(ct for (file, _, name), (_, _, _, ct, _) in stats.items()
                      if any(name == func and file.endswith(suffix) for suffix, func in functions))
        print(f"{stage:45s} {seconds:6.2f} s  {seconds / total:5.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
