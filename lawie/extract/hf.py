"""The neural model in torch: a transformers encoder with a BIO tagging head and a METRIC–value relation head.

With :mod:`lawie.extract.bert` and the training code, this is where ``lawie`` imports torch
(and transformers, which inference of a BERT encoder does without). It builds, saves and
loads models, and runs them for :class:`~lawie.extract.neural.NeuralExtractor` (windows,
decoding and linking live there, shared with the ONNX Runtime path in
:mod:`lawie.extract.onnx_runtime`).

A model directory holds ``config.json`` (lawie's settings), ``labels.json``
(the tag inventory), ``encoder/`` (the Hugging Face config and tokenizer of
the encoder) and ``model.safetensors`` (all weights, encoder and heads).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict
from pathlib import Path

import numpy as np
import torch
from torch import nn

from lawie.errors import ConfigError, ModelNotFoundError
from lawie.extract import bert
from lawie.extract.decode import N_DISTANCE_BUCKETS
from lawie.extract.neural import InferenceTokenizer, ModelConfig, NeuralExtractor, read_model_config
from lawie.labels import Label

logger = logging.getLogger(__name__)


def _one_thread_after_fork() -> None:
    """A forked child (``datasets.map(num_proc=…)``, Dask's process scheduler, ``multiprocessing``)
    inherits torch's OpenMP thread pool in a broken state and hangs at its first parallel
    region; with one intra-op thread torch never enters one."""
    torch.set_num_threads(1)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_one_thread_after_fork)


def resolve_device(device: str | None) -> str:
    """``"cpu"``, ``"cuda"`` or ``"cuda:N"``; ``None`` means CUDA when available, else CPU."""
    if device is None:
        device = "cuda" if torch.cuda.is_available() else "cpu"
    if device != "cpu" and not device.startswith("cuda"):
        raise ConfigError(f"unknown device {device!r}; expected 'cpu', 'cuda' or 'cuda:N'")
    logger.debug("lawie model device: %s", device)
    return device


class LawieModel(nn.Module):
    """Encoder + token-classification head + relation head over (metric, value) span pairs."""

    def __init__(self, encoder: nn.Module, n_tags: int, relation_hidden: int = 128) -> None:
        super().__init__()
        self.encoder = encoder
        hidden = encoder.config.hidden_size
        self.dropout = nn.Dropout(0.1)
        self.tagger = nn.Linear(hidden, n_tags)
        self.distance = nn.Embedding(N_DISTANCE_BUCKETS, 32)
        self.relation = nn.Sequential(nn.Linear(3 * hidden + 32, relation_hidden), nn.GELU(),
                                      nn.Linear(relation_hidden, 1))

    def encode(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Hidden states, ``(batch, tokens, hidden)``."""
        return self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    def tag_logits(self, hidden: torch.Tensor) -> torch.Tensor:
        """Tag scores, ``(batch, tokens, n_tags)``."""
        return self.tagger(self.dropout(hidden))

    def pair_logits(self, hidden: torch.Tensor, pairs: torch.Tensor) -> torch.Tensor:
        """Relation scores for pairs given as rows ``(batch, m_start, m_end, v_start, v_end, bucket)`` (token indices)."""
        if pairs.numel() == 0:
            return hidden.new_zeros(0)
        cumulative = torch.nn.functional.pad(hidden.cumsum(dim=1), (0, 0, 1, 0))
        b = pairs[:, 0]

        def pool(s: torch.Tensor, e: torch.Tensor) -> torch.Tensor:
            return (cumulative[b, e] - cumulative[b, s]) / (e - s).clamp(min=1).unsqueeze(-1).to(hidden.dtype)

        metric, value = pool(pairs[:, 1], pairs[:, 2]), pool(pairs[:, 3], pairs[:, 4])
        features = torch.cat([metric, value, metric * value, self.distance(pairs[:, 5])], dim=-1)
        return self.relation(self.dropout(features)).squeeze(-1)


def build_model(base_model: str | Path, n_tags: int, relation_hidden: int = 128) -> tuple[LawieModel, object]:
    """A :class:`LawieModel` to fine-tune from ``base_model``, a local directory.

    ``base_model`` is either a lawie model directory (training continues from
    all its weights) or any Hugging Face checkpoint with a fast tokenizer
    (e.g. a Chinese BERT; the heads start fresh).

    Raises:
        ModelNotFoundError: if the directory is missing or not a transformers checkpoint.
    """
    path = Path(base_model)
    if not path.is_dir():
        raise ModelNotFoundError(f"base model directory {str(path)!r} does not exist")
    if (path / "labels.json").is_file() and (path / "model.safetensors").is_file():  # a lawie model: continue it
        model, tokenizer, _ = load_model_dir(path, fast=False)
        return model.train(), tokenizer
    from transformers import AutoModel, AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        encoder = AutoModel.from_pretrained(str(path), local_files_only=True)
    except (OSError, ValueError, KeyError) as err:
        raise ModelNotFoundError(
            f"{str(path)!r} is not a usable Hugging Face checkpoint (it needs config.json, weights and a tokenizer): {err}"
        ) from None
    if not getattr(tokenizer, "is_fast", False):
        raise ModelNotFoundError(f"the tokenizer in {str(path)!r} is not a fast tokenizer; lawie needs offset mappings")
    return LawieModel(encoder, n_tags, relation_hidden), tokenizer


def save_model_dir(model: LawieModel, tokenizer, config: ModelConfig, path: Path, half: bool = False) -> None:
    """Write a model directory that :meth:`ModelExtractor.from_dir` loads."""
    from safetensors.torch import save_file

    path.mkdir(parents=True, exist_ok=True)
    model.encoder.config.save_pretrained(str(path / "encoder"))
    tokenizer.save_pretrained(str(path / "encoder"))
    state = {k: (v.half() if half and v.is_floating_point() else v).contiguous().cpu() for k, v in model.state_dict().items()}
    save_file(state, str(path / "model.safetensors"))
    (path / "config.json").write_text(json.dumps(asdict(config), indent=2, ensure_ascii=False), encoding="utf-8")
    (path / "labels.json").write_text(json.dumps({"tags": list(config.tags), "labels": [lb.value for lb in Label]},
                                                 indent=2), encoding="utf-8")


def load_model_dir(path: Path, device: str = "cpu", fast: bool = True) -> tuple[LawieModel, object, ModelConfig]:
    """Load a model directory written by :func:`save_model_dir` (offline).

    Args:
        path: the model directory.
        device: where the weights go.
        fast: for inference, run a BERT encoder with :mod:`lawie.extract.bert` and the
            ``tokenizers`` library instead of transformers (same outputs, 1.5 s less to load).

    Raises:
        ModelNotFoundError: for a directory from another label set or whose weights do not fit.
    """
    from safetensors.torch import load_file

    config = read_model_config(path)
    encoder_dir = path / "encoder"
    encoder_config = json.loads((encoder_dir / "config.json").read_text(encoding="utf-8"))
    if fast and bert.supports(encoder_config) and (encoder_dir / "tokenizer.json").is_file():
        encoder, tokenizer = bert.BertEncoder(encoder_config), InferenceTokenizer(encoder_dir / "tokenizer.json")
    else:
        from transformers import AutoConfig, AutoModel, AutoTokenizer

        encoder = AutoModel.from_config(AutoConfig.from_pretrained(str(encoder_dir), local_files_only=True))
        tokenizer = AutoTokenizer.from_pretrained(str(encoder_dir), local_files_only=True)
    model = LawieModel(encoder, len(config.tags), config.relation_hidden)
    state = {k: v.float() if v.is_floating_point() else v for k, v in load_file(str(path / "model.safetensors")).items()}
    missing = model.load_state_dict(state, strict=False).missing_keys
    if missing:
        raise ModelNotFoundError(f"{str(path)!r}: model.safetensors lacks {len(missing)} weight(s) the model needs, "
                                 f"e.g. {missing[0]!r}; the directory is damaged or from another encoder")
    return model.to(device).eval(), tokenizer, config


def quantize_linear(model: nn.Module) -> nn.Module:
    """``model`` with its ``nn.Linear`` layers in dynamic int8 (CPU inference only)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch flags the quantized tensor API as deprecated for a future release
        return torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)


class TorchRuntime:
    """Runs a :class:`LawieModel` with torch (the :class:`~lawie.extract.neural.Runtime` of training and GPUs)."""

    def __init__(self, model: LawieModel, device: str = "cpu") -> None:
        self.model, self.device = model, device

    def tag_log_probs(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> tuple[torch.Tensor, np.ndarray]:
        """Hidden states (a tensor on the device) and tag log-probabilities (numpy)."""
        with torch.inference_mode():
            hidden = self.model.encode(torch.from_numpy(input_ids).to(self.device),
                                       torch.from_numpy(attention_mask).to(self.device))
            log_probs = torch.log_softmax(self.model.tag_logits(hidden).float(), dim=-1)
        return hidden, log_probs.cpu().numpy()

    def pair_probs(self, hidden: torch.Tensor, rows: np.ndarray) -> np.ndarray:
        """Link probabilities of ``rows`` (see :meth:`LawieModel.pair_logits`)."""
        with torch.inference_mode():
            logits = self.model.pair_logits(hidden, torch.from_numpy(rows).to(self.device))
        return torch.sigmoid(logits).float().cpu().numpy()


class ModelExtractor(NeuralExtractor):
    """Extractor backed by a trained :class:`LawieModel`, run with torch."""

    def __init__(self, model: LawieModel, tokenizer, config: ModelConfig, device: str = "cpu",
                 batch_size: int = 32) -> None:
        super().__init__(TorchRuntime(model, device), tokenizer, config, batch_size)
        self.model, self.device = model, device

    @classmethod
    def from_dir(cls, path: Path, device: str | None = None, quantize: bool | None = None) -> ModelExtractor:
        """Load the model directory ``path``.

        Args:
            path: the model directory.
            device: ``"cpu"``, ``"cuda"``, ``"cuda:N"``; default CUDA when available.
            quantize: run the linear layers in int8 (dynamic quantization; about twice as fast
                on CPU, scores in docs/evaluation.md). Default: on for CPU, unless the
                environment variable ``LAWIE_QUANTIZE=0``.
        """
        device = resolve_device(device)
        model, tokenizer, config = load_model_dir(path, device)
        if quantize is None:
            quantize = device == "cpu" and os.environ.get("LAWIE_QUANTIZE", "1") != "0"
        if quantize:
            model = quantize_linear(model)
        return cls(model, tokenizer, config, device)
