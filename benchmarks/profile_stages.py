"""Where the time of one process goes, on the seed reports: segmentation, rules, encoder forward, decoding.

    python benchmarks/profile_stages.py [--model DIR] [--runtime auto|onnx|torch]

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
    "encoder forward (+ tagging head)": (("lawie/extract/hf.py", "tag_log_probs"),
                                         ("lawie/extract/onnx_runtime.py", "tag_log_probs")),
    "relation head": (("lawie/extract/hf.py", "pair_probs"), ("lawie/extract/onnx_runtime.py", "pair_probs")),
    "constrained Viterbi": (("lawie/extract/decode.py", "viterbi_batch"),),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="model directory (default: the shipped model)")
    parser.add_argument("--runtime", default="auto", choices=("auto", "onnx", "torch"))
    args = parser.parse_args()
    import lawie
    from lawie.extract.loading import shipped_model_dir

    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    pipeline = lawie.load(args.model or str(shipped_model_dir()), runtime=args.runtime)
    print(f"runtime: {type(getattr(pipeline.extractor, 'primary', pipeline.extractor)).__name__}")
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
    print(_window_share(texts, getattr(pipeline.extractor, "primary", pipeline.extractor).config))
    return 0


def _window_share(texts: list[str], config) -> str:
    """How many window characters the model reads with ``model_windows = "numeric"`` (of all windows)."""
    from lawie.extract.neural import NUMBER_PATTERN
    from lawie.extract.windows import make_windows
    from lawie.pipeline import text_units
    from lawie.segment import segment

    read = total = 0
    for text in texts:
        for w in make_windows(text, text_units(segment(text), text), config.max_chars, config.overlap):
            total += w.end - w.start
            read += (w.end - w.start) if NUMBER_PATTERN.search(text, w.start, w.end) else 0
    return (f"window characters holding a number: {read} of {total} ({read / total:.0%}); "
            f"model_windows = {config.model_windows!r}")


if __name__ == "__main__":
    raise SystemExit(main())
