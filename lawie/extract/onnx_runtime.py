"""CPU inference with ONNX Runtime: the shipped model without importing torch.

Importing torch takes about 2 s on a 2-core machine, most of the first ``parse_report``;
``onnxruntime`` imports in about 0.1 s and runs the int8 encoder faster than torch's
dynamic quantization (docs/benchmarks.md). The graphs are written by
:func:`lawie.extract.onnx_export.export_onnx` (``lawie export-onnx DIR``); decoding is
the same code as for torch (:class:`~lawie.extract.neural.NeuralExtractor`).
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
from pathlib import Path

import numpy as np

from lawie.errors import ModelNotFoundError
from lawie.extract.neural import InferenceTokenizer, NeuralExtractor, read_model_config
from lawie.extract.onnx_export import MANIFEST_FILE, ONNX_DIR, PAIRS_FILE, TAGGER_FILE, weights_digest

logger = logging.getLogger(__name__)


def onnx_status(model_dir: Path) -> str | None:
    """Why ``model_dir`` cannot run under ONNX Runtime, or ``None`` if it can."""
    folder = model_dir / ONNX_DIR
    if not all((folder / f).is_file() for f in (TAGGER_FILE, PAIRS_FILE, MANIFEST_FILE)):
        return f"it has no ONNX graphs (write them with: lawie export-onnx {model_dir})"
    if not (model_dir / "encoder" / "tokenizer.json").is_file():
        return "its encoder has no tokenizer.json"
    if importlib.util.find_spec("onnxruntime") is None or importlib.util.find_spec("tokenizers") is None:
        return "onnxruntime is not installed (pip install 'lawie[onnx]')"
    manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    if manifest.get("weights_sha256") != weights_digest(model_dir):
        return f"its ONNX graphs were made from other weights (re-export: lawie export-onnx {model_dir})"
    return None


def _keep_forever(*objects: object) -> None:
    """Never free ``objects``: a session inherited through ``fork`` hangs when it is destroyed in the child
    (its thread pool waits for threads that were not forked), so the child leaves it be."""
    import ctypes

    for obj in objects:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))


class OnnxRuntime:
    """Runs the two exported graphs (tagger, pairs) with ONNX Runtime on the CPU.

    Sessions are made again, with one thread, in a forked child process (``datasets.map(num_proc=…)``,
    Dask, ``multiprocessing``): ONNX Runtime's thread pool does not survive ``fork``.
    """

    def __init__(self, folder: Path, threads: int | None = None) -> None:
        self.folder, self.threads = folder, threads
        self._open()

    def _open(self) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads or min(os.cpu_count() or 1, 8)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        providers = ["CPUExecutionProvider"]
        self._tagger = ort.InferenceSession(str(self.folder / TAGGER_FILE), options, providers=providers)
        self._pairs = ort.InferenceSession(str(self.folder / PAIRS_FILE), options, providers=providers)
        self._pid = os.getpid()

    def _sessions(self):
        if os.getpid() != self._pid:
            _keep_forever(self._tagger, self._pairs)
            self.threads = 1  # as torch after fork: one thread per worker process
            self._open()
        return self._tagger, self._pairs

    def tag_log_probs(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Hidden states and tag log-probabilities, both numpy."""
        hidden, log_probs = self._sessions()[0].run(None, {"input_ids": input_ids, "attention_mask": attention_mask})
        return hidden, log_probs

    def pair_probs(self, hidden: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Link probabilities of ``rows``."""
        return self._sessions()[1].run(None, {"hidden": hidden, "pairs": rows})[0]


class OnnxExtractor(NeuralExtractor):
    """The neural extractor run by ONNX Runtime."""

    @classmethod
    def from_dir(cls, path: Path, threads: int | None = None) -> OnnxExtractor:
        """Load the model directory ``path`` for ONNX Runtime.

        Raises:
            ModelNotFoundError: if the directory has no usable ONNX graphs (the message says why).
        """
        problem = onnx_status(path)
        if problem:
            raise ModelNotFoundError(f"{str(path)!r} cannot run under ONNX Runtime: {problem}")
        config = read_model_config(path)
        tokenizer = InferenceTokenizer(path / "encoder" / "tokenizer.json")
        return cls(OnnxRuntime(path / ONNX_DIR, threads), tokenizer, config)
