"""Character spans → token labels and relation rows, through the tokenizer's offset mapping."""

from __future__ import annotations

from dataclasses import dataclass

from lawie.extract.decode import Span, distance_bucket
from lawie.extract.neural import token_range
from lawie.labels import VALUE_LABELS, Label
from lawie.train.data import Example

IGNORE = -100


@dataclass(frozen=True)
class Encoded:
    """One example as model input: token ids, tag ids and relation rows."""

    input_ids: list[int]
    tags: list[int]
    pairs: list[tuple[int, int, int, int, int]]  # metric start/end, value start/end (tokens), distance bucket
    targets: list[float]
    weight: float


def token_tags(offsets: list[tuple[int, int]], spans, ignore, tag_index: dict[str, int]) -> list[int]:
    """IOB2 tag ids per token: a token is B-X if it starts span X, I-X if it lies inside, else O.

    Special tokens, and ``O`` tokens inside an ``ignore`` range, get ``IGNORE``.
    """
    tags = []
    for start, end in offsets:
        if start == end:
            tags.append(IGNORE)
            continue
        tag = "O"
        for label, s, e in spans:
            if s <= start < e:
                tag = f"{'B' if start <= s else 'I'}-{label.value}"
                break
        if tag == "O" and any(s <= start < e for s, e in ignore):
            tags.append(IGNORE)
        else:
            tags.append(tag_index[tag])
    return tags


def encode_example(example: Example, tokenizer, tag_index: dict[str, int], max_pair_distance: int) -> Encoded:
    """Tokenize one example and align its labels and relations."""
    enc = tokenizer(example.text, return_offsets_mapping=True, truncation=True, max_length=512)
    offsets = [tuple(o) for o in enc["offset_mapping"]]
    tags = token_tags(offsets, example.spans, example.ignore, tag_index)
    positives = set(example.relations)
    pairs, targets = [], []
    for i, (label_m, ms, me) in enumerate(example.spans):
        if label_m is not Label.METRIC:
            continue
        for j, (label_v, vs, ve) in enumerate(example.spans):
            if label_v not in VALUE_LABELS:
                continue
            m, v = Span(label_m, ms, me), Span(label_v, vs, ve)
            if max(0, vs - me, ms - ve) > max_pair_distance:
                continue
            mt, vt = token_range(offsets, ms, me), token_range(offsets, vs, ve)
            if mt and vt:
                pairs.append((*mt, *vt, distance_bucket(m, v)))
                targets.append(1.0 if (i, j) in positives else 0.0)
    return Encoded(list(enc["input_ids"]), tags, pairs, targets, example.weight)
