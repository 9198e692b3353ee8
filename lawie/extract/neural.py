"""The neural extractor's inference loop, independent of the runtime that runs the network.

A model directory is read by one of two *runtimes*: torch (:mod:`lawie.extract.hf`, also
used for training) or ONNX Runtime (:mod:`lawie.extract.onnx_runtime`, CPU inference without
importing torch). Both implement :class:`Runtime`; everything else — windows, tokens, Viterbi
decoding, span repair, candidate pairs, linking, stitching windows back into document
offsets — happens here, in numpy, once for both.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from lawie.errors import ModelNotFoundError
from lawie.extract.base import Extraction
from lawie.extract.decode import (
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
    #: ``"all"``: the model reads every window; ``"numeric"``: only windows that hold a number
    #: (:data:`NUMBER_PATTERN`), where every indicator is; the rules still read everything.
    model_windows: str = "all"
    format_version: int = 1


#: A number a value could be made of: digits, or Chinese numerals with a classifier or unit (三十余次, 两项).
NUMBER_PATTERN = re.compile(r"[0-9０-９]|[〇零一二两三四五六七八九十百千万亿]{1,6}[余多]?[个件次人场项家名份条起批户所部期篇类种元倍年月日成%％天]")
_MODEL_WINDOWS = ("all", "numeric")


def read_model_config(path: Path) -> ModelConfig:
    """The :class:`ModelConfig` of the model directory ``path``.

    Raises:
        ModelNotFoundError: if the model was trained with another label set.
    """
    raw = json.loads((path / "config.json").read_text(encoding="utf-8"))
    config = ModelConfig(**{**raw, "tags": tuple(raw["tags"]), "rule_labels": tuple(raw.get("rule_labels", ())),
                            "rules_only_labels": tuple(raw.get("rules_only_labels", ()))})
    if list(config.tags) != bio_tags():
        raise ModelNotFoundError(f"{str(path)!r} was trained with other labels than this lawie version's; retrain it")
    if config.model_windows not in _MODEL_WINDOWS:
        raise ModelNotFoundError(f"{str(path / 'config.json')!r}: model_windows is {config.model_windows!r}; "
                                 f"expected one of {', '.join(_MODEL_WINDOWS)}")
    return config


def token_range(offsets: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """Token indices ``[first, last + 1)`` covering characters ``[start, end)``, or ``None``."""
    inside = [i for i, (s, e) in enumerate(offsets) if s < e and s < end and e > start]
    return (inside[0], inside[-1] + 1) if inside else None


class InferenceTokenizer:
    """The part of a Hugging Face fast tokenizer's call that inference uses, on ``tokenizers`` alone."""

    def __init__(self, path: Path, max_length: int = 512) -> None:
        from tokenizers import Tokenizer

        self._tok = Tokenizer.from_file(str(path))
        pad = self._tok.token_to_id("[PAD]")
        self._tok.enable_padding(pad_id=0 if pad is None else pad, pad_token="[PAD]")
        self._tok.enable_truncation(max_length)

    def __call__(self, texts: list[str], **_: object) -> dict[str, np.ndarray]:
        """``input_ids``, ``attention_mask`` and ``offset_mapping`` of ``texts``, padded, as int64 arrays."""
        encodings = self._tok.encode_batch(texts)
        return {"input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "offset_mapping": np.array([e.offsets for e in encodings], dtype=np.int64).reshape(len(texts), -1, 2)}


class Runtime(Protocol):
    """What runs the network: the encoder with its tagging head, then the relation head."""

    def tag_log_probs(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> tuple[object, np.ndarray]:
        """``(hidden, log_probs)``: hidden states in the runtime's own form, and tag
        log-probabilities ``(batch, tokens, n_tags)`` as float32."""
        ...

    def pair_probs(self, hidden: object, rows: np.ndarray) -> np.ndarray:
        """Link probabilities for ``rows`` ``(n, 6)``: ``(batch, m_start, m_end, v_start, v_end, bucket)``."""
        ...


class NeuralExtractor:
    """Extractor backed by a trained model, run by a :class:`Runtime`."""

    name = "model"

    def __init__(self, runtime: Runtime, tokenizer, config: ModelConfig, batch_size: int = 32) -> None:
        self.runtime, self.tokenizer, self.config, self.batch_size = runtime, tokenizer, config, batch_size
        self._allowed = allowed_transitions(config.tags)

    def extract(self, text: str, units: Sequence[tuple[int, int]]) -> Extraction:
        """Entities and relations of ``text``, read in windows over ``units``."""
        windows = make_windows(text, units, self.config.max_chars, self.config.overlap)
        if self.config.model_windows == "numeric":
            windows = [w for w in windows if NUMBER_PATTERN.search(text, w.start, w.end)]
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
                             truncation=True, max_length=512, return_tensors="np")
        ids, mask = np.asarray(enc["input_ids"], dtype=np.int64), np.asarray(enc["attention_mask"], dtype=np.int64)
        hidden, log_probs = self.runtime.tag_log_probs(ids, mask)
        paths = viterbi_batch(log_probs, mask.sum(axis=1).tolist(), self._allowed, self.config.tags)
        offsets = np.asarray(enc["offset_mapping"]).tolist()
        found, rows = [], []
        for b, window in enumerate(windows):
            offs = [(s + window.start, e + window.start) if e > s else (0, 0) for s, e in offsets[b]]
            spans = drop_fragments(repair_spans(tags_to_spans([self.config.tags[t] for t in paths[b]], offs), text), text)
            pairs = []
            for m, v in candidate_pairs(spans, self.config.max_pair_distance):
                mt, vt = token_range(offs, spans[m].start, spans[m].end), token_range(offs, spans[v].start, spans[v].end)
                if mt and vt:
                    rows.append((b, *mt, *vt, distance_bucket(spans[m], spans[v])))
                    pairs.append((m, v))
            found.append((window, spans, pairs))
        probs = self.runtime.pair_probs(hidden, np.array(rows, dtype=np.int64).reshape(-1, 6)) if rows else np.zeros(0)
        out, cursor = [], 0
        for window, spans, pairs in found:
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
