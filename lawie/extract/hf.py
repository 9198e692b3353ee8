"""The neural extractor: a transformers encoder with a BIO tagging head and a METRIC–value relation head.

This is the only module of ``lawie`` that imports torch (and transformers, which
inference of a BERT encoder does without: :mod:`lawie.extract.bert`).
Inference is split into preprocess (windows, tokens) → forward (the only step
on the device, under ``torch.inference_mode``) → postprocess (pure decoding in
:mod:`lawie.extract.decode`).

A model directory holds ``config.json`` (lawie's settings), ``labels.json``
(the tag inventory), ``encoder/`` (the Hugging Face config and tokenizer of
the encoder) and ``model.safetensors`` (all weights, encoder and heads).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from torch import nn

from lawie.errors import ConfigError, ModelNotFoundError
from lawie.extract import bert
from lawie.extract.base import Extraction
from lawie.extract.decode import (
    N_DISTANCE_BUCKETS,
    Span,
    allowed_transitions,
    candidate_pairs,
    distance_bucket,
    drop_fragments,
    link,
    repair_spans,
    tags_to_spans,
    viterbi_batch,
)
from lawie.extract.windows import Window, make_windows
from lawie.labels import Label, RelationType, bio_tags
from lawie.types import Entity, Relation

logger = logging.getLogger(__name__)


def _one_thread_after_fork() -> None:
    """A forked child (``datasets.map(num_proc=…)``, Dask's process scheduler, ``multiprocessing``)
    inherits torch's OpenMP thread pool in a broken state and hangs at its first parallel
    region; with one intra-op thread torch never enters one."""
    torch.set_num_threads(1)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_one_thread_after_fork)


@dataclass(frozen=True)
class ModelConfig:
    """Settings stored in a model directory's ``config.json``."""

    tags: tuple[str, ...]
    max_chars: int = 250
    overlap: int = 40
    max_pair_distance: int = 40
    relation_threshold: float = 0.5
    relation_hidden: int = 128
    base_model: str = ""
    rule_labels: tuple[str, ...] = ()
    rules_first: bool = False
    rules_only_labels: tuple[str, ...] = ()
    format_version: int = 1


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


def token_range(offsets: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """Token indices ``[first, last + 1)`` covering characters ``[start, end)``, or ``None``."""
    inside = [i for i, (s, e) in enumerate(offsets) if s < e and s < end and e > start]
    return (inside[0], inside[-1] + 1) if inside else None


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

    raw = json.loads((path / "config.json").read_text(encoding="utf-8"))
    config = ModelConfig(**{**raw, "tags": tuple(raw["tags"]), "rule_labels": tuple(raw.get("rule_labels", ())),
                            "rules_only_labels": tuple(raw.get("rules_only_labels", ()))})
    if list(config.tags) != bio_tags():
        raise ModelNotFoundError(f"{str(path)!r} was trained with other labels than this lawie version's; retrain it")
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


class InferenceTokenizer:
    """The part of a Hugging Face fast tokenizer's call that inference uses, on ``tokenizers`` alone."""

    def __init__(self, path: Path, max_length: int = 512) -> None:
        from tokenizers import Tokenizer

        self._tok = Tokenizer.from_file(str(path))
        pad = self._tok.token_to_id("[PAD]")
        self._tok.enable_padding(pad_id=0 if pad is None else pad, pad_token="[PAD]")
        self._tok.enable_truncation(max_length)

    def __call__(self, texts: list[str], **_: object) -> dict[str, torch.Tensor]:
        """``input_ids``, ``attention_mask`` and ``offset_mapping`` of ``texts``, padded, as tensors."""
        encodings = self._tok.encode_batch(texts)
        return {"input_ids": torch.tensor([e.ids for e in encodings]),
                "attention_mask": torch.tensor([e.attention_mask for e in encodings]),
                "offset_mapping": torch.tensor([e.offsets for e in encodings])}


class ModelExtractor:
    """Extractor backed by a trained :class:`LawieModel`."""

    name = "model"

    def __init__(self, model: LawieModel, tokenizer, config: ModelConfig, device: str = "cpu",
                 batch_size: int = 32) -> None:
        self.model, self.tokenizer, self.config = model, tokenizer, config
        self.device, self.batch_size = device, batch_size
        self._allowed = allowed_transitions(config.tags)

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

    def extract(self, text: str, units: Sequence[tuple[int, int]]) -> Extraction:
        """Entities and relations of ``text``, read in windows over ``units``."""
        windows = make_windows(text, units, self.config.max_chars, self.config.overlap)
        kept: dict[tuple[Label, int, int], None] = {}
        links: list[tuple[Span, Span]] = []
        order = sorted(range(len(windows)), key=lambda i: windows[i].end - windows[i].start)
        for i in range(0, len(order), self.batch_size):
            batch = [windows[j] for j in order[i : i + self.batch_size]]
            for window, spans, pairs in self._run(text, batch):
                for span in spans:
                    if window.core_start <= span.start < window.core_end:
                        kept[(span.label, span.start, span.end)] = None
                links += [(m, v) for m, v in pairs if window.core_start <= v.start < window.core_end]
        return _assemble(text, kept, links)

    def _run(self, text: str, windows: list[Window]) -> list[tuple[Window, list[Span], list[tuple[Span, Span]]]]:
        enc = self.tokenizer([text[w.start : w.end] for w in windows], return_offsets_mapping=True, padding=True,
                             truncation=True, max_length=512, return_tensors="pt")
        offsets = enc.pop("offset_mapping").tolist()
        enc.pop("token_type_ids", None)
        with torch.inference_mode():
            hidden = self.model.encode(enc["input_ids"].to(self.device), enc["attention_mask"].to(self.device))
            log_probs = torch.log_softmax(self.model.tag_logits(hidden).float(), dim=-1).cpu().numpy()
            lengths = enc["attention_mask"].sum(dim=1).tolist()
            results, rows, owners = [], [], []
            paths = viterbi_batch(log_probs, lengths, self._allowed, self.config.tags)
            for b, window in enumerate(windows):
                offs = [(s + window.start, e + window.start) if e > s else (0, 0) for s, e in offsets[b]]
                tag_ids = paths[b]
                spans = drop_fragments(repair_spans(tags_to_spans([self.config.tags[t] for t in tag_ids], offs), text), text)
                pairs = []
                for m, v in candidate_pairs(spans, self.config.max_pair_distance):
                    mt, vt = token_range(offs, spans[m].start, spans[m].end), token_range(offs, spans[v].start, spans[v].end)
                    if mt and vt:
                        rows.append((b, *mt, *vt, distance_bucket(spans[m], spans[v])))
                        pairs.append((m, v))
                owners.append((spans, pairs))
                results.append((window, spans))
            probs = torch.sigmoid(self.model.pair_logits(hidden, torch.tensor(rows, dtype=torch.long,
                                                                              device=self.device).reshape(-1, 6)))
            probs = probs.float().cpu().numpy()
        out, cursor = [], 0
        for (window, spans), (_, pairs) in zip(results, owners):
            chosen = link(pairs, probs[cursor : cursor + len(pairs)], self.config.relation_threshold)
            cursor += len(pairs)
            out.append((window, spans, [(spans[m], spans[v]) for m, v in chosen]))
        return out


def _assemble(text: str, kept: dict[tuple[Label, int, int], None], links: list[tuple[Span, Span]]) -> Extraction:
    """Entities with ids in text order; a METRIC is kept only with a linked value (ANNOTATION.md §3)."""
    keys = sorted(kept, key=lambda k: (k[1], k[2]))
    pairs = {((m.label, m.start, m.end), (v.label, v.start, v.end)) for m, v in links}
    pairs = {(m, v) for m, v in pairs if m in kept and v in kept}
    linked_metrics = {m for m, _ in pairs}
    keys = [k for k in keys if k[0] is not Label.METRIC or k in linked_metrics]
    keys = _drop_overlaps(keys)
    ids = {k: i for i, k in enumerate(keys)}
    entities = tuple(Entity(ids[k], k[0], k[1], k[2], text[k[1] : k[2]], "model") for k in keys)
    relations = tuple(
        Relation(n, RelationType.HAS_VALUE, ids[m], ids[v])
        for n, (m, v) in enumerate(sorted((m, v) for m, v in pairs if m in ids and v in ids))
    )
    return Extraction(entities, relations)


def _drop_overlaps(keys: list[tuple[Label, int, int]]) -> list[tuple[Label, int, int]]:
    out: list[tuple[Label, int, int]] = []
    for k in keys:
        if out and k[1] < out[-1][2]:
            if (k[2] - k[1]) > (out[-1][2] - out[-1][1]):
                out[-1] = k
            continue
        out.append(k)
    return out
