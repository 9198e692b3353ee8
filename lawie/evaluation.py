"""Scoring predicted reports against gold ones: entities, relations, headings, kinds, metadata.

Entities are matched exactly on (label, start, end) — on character spans this is
seqeval's strict IOB2 matching — except METRIC, which is matched by overlap
(one-to-one, in text order). A HAS_VALUE relation is correct when its value
matches exactly and its metric overlaps the gold metric.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lawie.labels import Label, RelationType
from lawie.types import Entity, Report


@dataclass
class PRF:
    """True positives, predicted and gold counts, with precision, recall and F1."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp, self.pred, self.gold = self.tp + other.tp, self.pred + other.pred, self.gold + other.gold

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 6), "recall": round(self.recall, 6), "f1": round(self.f1, 6),
                "tp": self.tp, "pred": self.pred, "gold": self.gold}


@dataclass
class Scores:
    """All scores of one evaluation run."""

    per_label: dict[str, PRF] = field(default_factory=lambda: {lb.value: PRF() for lb in Label})
    micro: PRF = field(default_factory=PRF)
    micro_strict: PRF = field(default_factory=PRF)
    has_value: PRF = field(default_factory=PRF)
    headings: PRF = field(default_factory=PRF)
    kind_correct: int = 0
    kind_total: int = 0
    meta_correct: dict[str, int] = field(default_factory=dict)
    documents: int = 0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_correct / self.kind_total if self.kind_total else 0.0

    def as_dict(self) -> dict:
        """Scores as plain data (for metrics.json)."""
        return {
            "documents": self.documents,
            "entity_micro": self.micro.as_dict(),
            "entity_micro_strict": self.micro_strict.as_dict(),
            "per_label": {k: v.as_dict() for k, v in self.per_label.items()},
            "has_value": self.has_value.as_dict(),
            "headings": self.headings.as_dict(),
            "kind_accuracy": round(self.kind_accuracy, 4),
            "meta_accuracy": {k: round(v / self.documents, 4) for k, v in self.meta_correct.items()} if self.documents else {},
        }


def _match_overlap(gold: list[Entity], pred: list[Entity]) -> dict[int, int]:
    """One-to-one overlap matching, pred id → gold id."""
    used: set[int] = set()
    pairs: dict[int, int] = {}
    for p in pred:
        for g in gold:
            if g.id not in used and g.start < p.end and p.start < g.end:
                pairs[p.id] = g.id
                used.add(g.id)
                break
    return pairs


def score_entities(gold: Report, pred: Report, scores: Scores) -> dict[int, int]:
    """Add one document's entity counts; returns the pred→gold entity matching."""
    matching: dict[int, int] = {}
    for label in Label:
        g = [e for e in gold.entities if e.label is label]
        p = [e for e in pred.entities if e.label is label]
        if label is Label.METRIC:
            m = _match_overlap(g, p)
        else:
            index = {(e.start, e.end): e.id for e in g}
            m = {e.id: index[(e.start, e.end)] for e in p if (e.start, e.end) in index}
        matching.update(m)
        exact = len({(e.start, e.end) for e in g} & {(e.start, e.end) for e in p})
        prf = PRF(len(m), len(p), len(g))
        scores.per_label[label.value].add(prf)
        scores.micro.add(prf)
        scores.micro_strict.add(PRF(exact, len(p), len(g)))
    return matching


def score_relations(gold: Report, pred: Report, matching: dict[int, int], scores: Scores) -> None:
    """Add one document's HAS_VALUE counts."""
    gold_pairs = {(r.head, r.tail) for r in gold.relations if r.type is RelationType.HAS_VALUE}
    pred_pairs = [(r.head, r.tail) for r in pred.relations if r.type is RelationType.HAS_VALUE]
    tp = sum(1 for h, t in pred_pairs if (matching.get(h), matching.get(t)) in gold_pairs)
    scores.has_value.add(PRF(tp, len(pred_pairs), len(gold_pairs)))


def score_sections(gold: Report, pred: Report, scores: Scores) -> None:
    """Add heading matches (start, level, number, title) and level-1 kind accuracy."""
    g = {(s.start, s.level, s.number, s.title): s for s in gold.walk()}
    p = {(s.start, s.level, s.number, s.title): s for s in pred.walk()}
    scores.headings.add(PRF(len(g.keys() & p.keys()), len(p), len(g)))
    pred_by_start = {s.start: s for s in pred.walk()}
    for s in gold.sections:
        if s.kind is None:
            continue
        scores.kind_total += 1
        other = pred_by_start.get(s.start)
        scores.kind_correct += int(other is not None and other.kind == s.kind)


def score_meta(gold: Report, pred: Report, scores: Scores) -> None:
    """Count exact metadata matches per field."""
    for name in ("title", "doc_number", "date", "year"):
        scores.meta_correct[name] = scores.meta_correct.get(name, 0) + int(getattr(gold.meta, name) == getattr(pred.meta, name))


def evaluate_reports(gold: Sequence[Report], pred: Sequence[Report], *, sections: bool = True) -> Scores:
    """Score predicted reports against gold reports of the same texts (paired by position)."""
    scores = Scores()
    for g, p in zip(gold, pred, strict=True):
        if g.text != p.text:
            raise ValueError(f"gold and predicted report {g.id!r} have different texts")
        matching = score_entities(g, p, scores)
        score_relations(g, p, matching, scores)
        if sections:
            score_sections(g, p, scores)
            score_meta(g, p, scores)
        scores.documents += 1
    return scores


def format_scores(scores: Scores) -> str:
    """A plain-text report of the scores."""
    lines = [f"{'label':<10}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'pred':>7}"]
    for name, prf in scores.per_label.items():
        if prf.gold or prf.pred:
            lines.append(f"{name:<10}{prf.precision:8.3f}{prf.recall:8.3f}{prf.f1:8.3f}{prf.gold:7d}{prf.pred:7d}")
    m, s, r = scores.micro, scores.micro_strict, scores.has_value
    lines += [
        f"{'micro':<10}{m.precision:8.3f}{m.recall:8.3f}{m.f1:8.3f}{m.gold:7d}{m.pred:7d}   (METRIC by overlap)",
        f"{'strict':<10}{s.precision:8.3f}{s.recall:8.3f}{s.f1:8.3f}{s.gold:7d}{s.pred:7d}   (all labels exact)",
        f"{'HAS_VALUE':<10}{r.precision:8.3f}{r.recall:8.3f}{r.f1:8.3f}{r.gold:7d}{r.pred:7d}",
    ]
    if scores.headings.gold or scores.headings.pred:
        h = scores.headings
        lines.append(f"{'headings':<10}{h.precision:8.3f}{h.recall:8.3f}{h.f1:8.3f}{h.gold:7d}{h.pred:7d}")
        lines.append(f"level-1 kind accuracy {scores.kind_accuracy:.3f} ({scores.kind_correct}/{scores.kind_total})")
        meta = ", ".join(f"{k} {v}/{scores.documents}" for k, v in scores.meta_correct.items())
        lines.append(f"metadata exact: {meta}")
    lines.append(f"documents: {scores.documents}")
    return "\n".join(lines)
