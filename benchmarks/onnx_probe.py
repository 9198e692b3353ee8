"""The shipped encoder + tagging head under ONNX Runtime against torch, one batch at a time.

    pip install "lawie[export]"
    python benchmarks/onnx_probe.py [--model DIR] [--batch 32] [--tokens 120]

Exports the encoder and tagging head of copies of the model with lawie's own
``export_onnx`` (float32 and int8) and times one batch of random token ids
(mean of 5 runs, 2 threads) for ONNX Runtime float32 / int8 and torch float32 / int8, plus the
import times of both runtimes in fresh processes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _timed(run, repeat: int = 5) -> float:
    run()
    started = time.perf_counter()
    for _ in range(repeat):
        run()
    return (time.perf_counter() - started) / repeat


def _import_seconds(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=str(ROOT / "lawie" / "models" / "default"))
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--tokens", type=int, default=120)
    args = parser.parse_args()
    import shutil

    import onnxruntime as ort
    import torch

    from lawie.extract.hf import load_model_dir, quantize_linear
    from lawie.extract.onnx_export import ONNX_DIR, TAGGER_FILE, export_onnx

    torch.set_num_threads(2)
    model = load_model_dir(Path(args.model))[0].eval()
    ids = torch.randint(5, 4000, (args.batch, args.tokens))
    mask = torch.ones_like(ids)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        feed = {"input_ids": ids.numpy(), "attention_mask": mask.numpy()}
        for name, quantize in (("onnxruntime float32", False), ("onnxruntime int8", True)):
            copy = Path(tmp) / name.replace(" ", "-")
            shutil.copytree(args.model, copy, ignore=shutil.ignore_patterns(ONNX_DIR))
            graph = export_onnx(copy, quantize=quantize) / TAGGER_FILE  # the graphs lawie itself runs
            session = ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
            results[name] = _timed(lambda s=session: s.run(None, feed))
            if quantize:
                results["int8 model size (MB)"] = graph.stat().st_size / 1e6
    int8 = quantize_linear(model)
    with torch.inference_mode():
        results["torch float32"] = _timed(lambda: model.tag_logits(model.encode(ids, mask)))
        results["torch int8"] = _timed(lambda: int8.tag_logits(int8.encode(ids, mask)))
    results["import torch (s)"] = _import_seconds("torch")
    results["import onnxruntime (s)"] = _import_seconds("onnxruntime")
    print(f"one batch of {args.batch} x {args.tokens} tokens, seconds:")
    for name, value in results.items():
        print(f"  {name:28s} {value:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
