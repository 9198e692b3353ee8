"""Writing a model directory's network as ONNX graphs for :mod:`lawie.extract.onnx_runtime`.

    lawie export-onnx MODEL_DIR          # needs: pip install "lawie[export]"

Two graphs go into ``MODEL_DIR/onnx/``: ``tagger.onnx`` (token ids and mask → hidden states and
tag log-probabilities; linear layers in dynamic int8, like the torch CPU path) and
``pairs.onnx`` (hidden states and candidate pairs → link probabilities, float32), with
``manifest.json`` recording which ``model.safetensors`` they were made from, so that
weights changed later are never run with stale graphs.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import tempfile
from pathlib import Path

from lawie.errors import MissingDependencyError

#: Sub-folder of a model directory that holds the ONNX graphs.
ONNX_DIR = "onnx"
TAGGER_FILE, PAIRS_FILE, MANIFEST_FILE = "tagger.onnx", "pairs.onnx", "manifest.json"
#: ONNX opset of the exported graphs.
OPSET = 17


def weights_digest(model_dir: Path) -> str:
    """SHA-256 of ``model_dir/model.safetensors``: ties the graphs to the weights they hold
    (hashed once per file version: choosing the runtime and loading both ask)."""
    path = (model_dir / "model.safetensors").resolve()
    stat = path.stat()
    return _sha256(str(path), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _sha256(path: str, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def export_onnx(model_dir: Path, quantize: bool = True) -> Path:
    """Export the model in ``model_dir`` to ``model_dir/onnx/`` and return that folder.

    Args:
        model_dir: a lawie model directory (the ``--output`` of ``lawie train``).
        quantize: store the tagger's linear layers in int8 (default; float32 otherwise).

    Raises:
        ModelNotFoundError: if ``model_dir`` is not a lawie model directory.
        MissingDependencyError: if torch, onnx or onnxruntime is missing.
    """
    for package in ("torch", "onnx", "onnxruntime"):
        if importlib.util.find_spec(package) is None:
            raise MissingDependencyError(package, "export")
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from lawie.extract.hf import load_model_dir
    from lawie.extract.loading import check_model_dir

    check_model_dir(model_dir)
    tagger_graph, pairs_graph = _graphs()
    model = load_model_dir(model_dir, "cpu")[0].eval()
    out = model_dir / ONNX_DIR
    out.mkdir(exist_ok=True)
    ids = torch.randint(5, 100, (2, 24))
    mask = torch.ones_like(ids)
    with torch.no_grad():
        hidden = model.encode(ids, mask)
    rows = torch.tensor([[0, 1, 3, 4, 6, 2], [1, 2, 5, 8, 9, 1]])
    tokens = {0: "batch", 1: "tokens"}
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / TAGGER_FILE
        _export(tagger_graph(model), (ids, mask), plain if quantize else out / TAGGER_FILE,
                ["input_ids", "attention_mask"], ["hidden", "log_probs"],
                {"input_ids": tokens, "attention_mask": tokens, "hidden": tokens, "log_probs": tokens})
        if quantize:
            quantize_dynamic(str(plain), str(out / TAGGER_FILE), weight_type=QuantType.QInt8)
    _export(pairs_graph(model), (hidden, rows), out / PAIRS_FILE, ["hidden", "pairs"], ["probs"],
            {"hidden": tokens, "pairs": {0: "pairs"}, "probs": {0: "pairs"}})
    manifest = {"weights_sha256": weights_digest(model_dir), "quantized": quantize, "opset": OPSET,
                "torch": torch.__version__}
    (out / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return out


def _export(module, args: tuple, path: Path, inputs: list[str], outputs: list[str], axes: dict) -> None:
    import warnings

    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the TorchScript exporter announces its deprecation
        torch.onnx.export(module, args, str(path), input_names=inputs, output_names=outputs, dynamic_axes=axes,
                          opset_version=OPSET, dynamo=False)


def _graphs() -> tuple[type, type]:
    """The torch modules that are exported (defined here so that importing this file needs no torch)."""
    import torch

    class Tagger(torch.nn.Module):
        """Token ids and mask → (hidden states, tag log-probabilities)."""

        def __init__(self, model) -> None:
            super().__init__()
            self.model = model  # a submodule, so its weights export as initializers

        def forward(self, input_ids, attention_mask):
            hidden = self.model.encode(input_ids, attention_mask)
            return hidden, torch.log_softmax(self.model.tag_logits(hidden).float(), dim=-1)

    class Pairs(torch.nn.Module):
        """Hidden states and pair rows → link probabilities."""

        def __init__(self, model) -> None:
            super().__init__()
            self.model = model

        def forward(self, hidden, pairs):
            return torch.sigmoid(self.model.pair_logits(hidden, pairs).float())

    return Tagger, Pairs
