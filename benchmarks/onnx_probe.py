"""The shipped encoder + tagging head under ONNX Runtime against torch, one batch at a time.

    pip install "lawie[export]"
    python benchmarks/onnx_probe.py [--model DIR] [--batch 32] [--tokens 120]

Exports the encoder and tagging head with ``torch.onnx.export``, quantizes it with
``onnxruntime.quantization.quantize_dynamic`` (int8) and times one batch of random token ids
(mean of 5 runs, 2 threads) for ONNX Runtime float32 / int8 and torch float32 / int8, plus the
import times of both runtimes in fresh processes. (lawie's own graphs are written by
``lawie export-onnx``; this probe exports its own copy to a temporary folder.)
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
    import onnxruntime as ort
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from lawie.extract.hf import load_model_dir, quantize_linear

    torch.set_num_threads(2)
    model = load_model_dir(Path(args.model))[0].eval()

    class Head(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model  # a submodule, so its weights export as initializers

        def forward(self, ids, mask):
            hidden = self.model.encode(ids, mask)
            return hidden, torch.log_softmax(self.model.tag_logits(hidden).float(), -1)

    ids = torch.randint(5, 4000, (args.batch, args.tokens))
    mask = torch.ones_like(ids)
    axes = {0: "batch", 1: "tokens"}
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        plain, quant = f"{tmp}/encoder.onnx", f"{tmp}/encoder.int8.onnx"
        torch.onnx.export(Head(), (ids, mask), plain, input_names=["ids", "mask"], output_names=["hidden", "logp"],
                          dynamic_axes={"ids": axes, "mask": axes, "hidden": axes, "logp": axes}, opset_version=17,
                          dynamo=False)
        quantize_dynamic(plain, quant, weight_type=QuantType.QInt8)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        feed = {"ids": ids.numpy(), "mask": mask.numpy()}
        for name, path in (("onnxruntime float32", plain), ("onnxruntime int8", quant)):
            session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
            results[name] = _timed(lambda s=session: s.run(None, feed))
        results["int8 model size (MB)"] = Path(quant).stat().st_size / 1e6
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
