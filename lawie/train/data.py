"""Training examples: corpus documents and silver sentences → windows with character labels."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lawie.errors import CorpusFormatError
from lawie.extract.windows import make_windows
from lawie.io.corpus_format import read_jsonl
from lawie.labels import Label
from lawie.pipeline import text_units
from lawie.segment import segment
from lawie.types import Report

#: Labels a silver record may declare as annotated; others are masked out of the loss near likely mentions.
_NUMERAL = re.compile(r"[0-9０-９][0-9０-９.．,%％]*|[一二三四五六七八九十百千万亿两〇零]{1,8}")
_BOOK = re.compile(r"《[^》\n]{1,60}》")
_UNCOVERED_CONTEXT = 6


@dataclass(frozen=True)
class Example:
    """One window of text with gold spans and relations (character offsets into ``text``).

    Attributes:
        text: the window text.
        spans: ``(label, start, end)`` entity spans inside the window.
        relations: ``(metric index, value index)`` into ``spans``.
        ignore: ``(start, end)`` character ranges whose ``O`` tokens carry no tag loss
            (entities cut by the window edge; likely mentions a silver source does not annotate).
        weight: loss weight (1.0 gold, lower for silver).
    """

    text: str
    spans: tuple[tuple[Label, int, int], ...]
    relations: tuple[tuple[int, int], ...] = ()
    ignore: tuple[tuple[int, int], ...] = ()
    weight: float = 1.0


def report_examples(report: Report, max_chars: int, overlap: int) -> list[Example]:
    """Windows of a gold report, cut exactly as at inference time."""
    seg = segment(report.text)
    windows = make_windows(report.text, text_units(seg, report.text), max_chars, overlap)
    out = []
    for w in windows:
        inside = [e for e in report.entities if w.start <= e.start and e.end <= w.end]
        index = {e.id: i for i, e in enumerate(inside)}
        spans = tuple((e.label, e.start - w.start, e.end - w.start) for e in inside)
        rels = tuple((index[r.head], index[r.tail]) for r in report.relations if r.head in index and r.tail in index)
        cut = tuple((max(e.start, w.start) - w.start, min(e.end, w.end) - w.start) for e in report.entities
                    if e.start < w.end and e.end > w.start and e.id not in index)
        out.append(Example(report.text[w.start : w.end], spans, rels, cut))
    return out


def load_gold(paths: Iterable[Path], max_chars: int, overlap: int) -> tuple[list[Example], int]:
    """Examples of every report in ``paths``; returns ``(examples, number of documents)``."""
    examples, docs = [], 0
    for path in paths:
        for report in read_jsonl(path):
            examples += report_examples(report, max_chars, overlap)
            docs += 1
    return examples, docs


def silver_examples(path: Path, covered: Sequence[str], weight: float, near_spans: int | None = None) -> list[Example]:
    """Silver sentences from a file written by ``training.silver``.

    Tokens near likely mentions of labels the source does not annotate, and the
    record's own ``ignore`` ranges, carry no loss. With ``near_spans``, only
    tokens within that many characters of an annotated span carry loss.
    """
    covered_labels = {Label.parse(c) for c in covered}
    out = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                text = rec["text"]
                spans = tuple((Label(e["label"]), e["start_offset"], e["end_offset"]) for e in rec["entities"])
            except (json.JSONDecodeError, KeyError, ValueError) as err:
                raise CorpusFormatError(f"bad silver record: {err}", path=str(path), line=number) from None
            ignore = _uncovered(text, spans, covered_labels) + tuple(tuple(r) for r in rec.get("ignore", ()))
            if near_spans is not None:
                ignore += _outside(len(text), spans, near_spans)
            out.append(Example(text, spans, (), ignore, weight))
    return out


def _outside(length: int, spans: tuple[tuple[Label, int, int], ...], margin: int) -> tuple[tuple[int, int], ...]:
    """The ranges farther than ``margin`` characters from every span."""
    ranges, pos = [], 0
    for _, s, e in sorted(spans, key=lambda x: x[1]):
        if s - margin > pos:
            ranges.append((pos, s - margin))
        pos = max(pos, e + margin)
    if pos < length:
        ranges.append((pos, length))
    return tuple(ranges)


def _uncovered(text: str, spans: tuple[tuple[Label, int, int], ...], covered: set[Label]) -> tuple[tuple[int, int], ...]:
    numeric = {Label.COUNT, Label.RATE, Label.MONEY, Label.DATE, Label.METRIC}
    ranges = []
    if not numeric <= covered:
        for m in _NUMERAL.finditer(text):
            ranges.append((max(0, m.start() - _UNCOVERED_CONTEXT), min(len(text), m.end() + _UNCOVERED_CONTEXT)))
    if Label.LAW not in covered:
        ranges += [(m.start() + 1, m.end() - 1) for m in _BOOK.finditer(text)]
    return tuple(ranges)
