"""Checking corpus records against the format and rules of ANNOTATION.md."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lawie.labels import RELATION_SIGNATURES, Label, RelationType, SectionKind

_PAD = " \t\r\n\u3000\u00a0\ufeff"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a corpus record.

    Attributes:
        message: what is wrong and, where possible, how to fix it.
        path: the file, when known.
        line: the 1-based line of the record in its file, when known.
        doc_id: the record's ``id``.
        entity_id: the entity (or relation, for relation problems) concerned.
    """

    message: str
    path: str | None = None
    line: int | None = None
    doc_id: str | None = None
    entity_id: int | None = None

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.path, self.line) if p is not None)
        parts = [where] if where else []
        if self.doc_id is not None:
            parts.append(f"doc {self.doc_id}")
        if self.entity_id is not None:
            parts.append(f"entity {self.entity_id}")
        return f"{' '.join(parts)}: {self.message}" if parts else self.message


def check_record(record: object) -> list[Problem]:
    """Return every problem of one decoded JSONL record (without file and line)."""
    if not isinstance(record, dict):
        return [Problem(f"a record must be a JSON object, got {type(record).__name__}")]
    problems = [Problem(f"missing key {key!r}") for key in ("id", "text", "entities") if key not in record]
    if problems:
        return problems
    text = record["text"]
    if not isinstance(text, str):
        return [Problem("'text' must be a string")]
    doc = str(record["id"])
    entities = record.get("entities") or []
    problems += _check_entities(text, entities)
    problems += _check_relations(entities, record.get("relations") or [])
    problems += _check_sections(text, record.get("sections") or [])
    return [Problem(p.message, doc_id=doc, entity_id=p.entity_id) for p in problems]


def _check_entities(text: str, entities: list) -> list[Problem]:
    problems: list[Problem] = []
    spans: list[tuple[int, int, int]] = []
    seen_ids: set[int] = set()
    for ent in entities:
        eid = ent.get("id") if isinstance(ent, dict) else None
        if not isinstance(ent, dict) or not {"id", "label", "start_offset", "end_offset"} <= ent.keys():
            problems.append(Problem("entity needs id, label, start_offset and end_offset", entity_id=eid))
            continue
        if eid in seen_ids:
            problems.append(Problem("duplicate entity id", entity_id=eid))
        seen_ids.add(eid)
        if ent["label"] not in Label.__members__:
            problems.append(Problem(f"unknown label {ent['label']!r} (valid: {', '.join(Label.__members__)})", entity_id=eid))
        start, end = ent["start_offset"], ent["end_offset"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problems.append(Problem(f"offsets [{start}, {end}) out of range for a text of {len(text)} characters",
                                    entity_id=eid))
            continue
        span = text[start:end]
        if span[0] in _PAD or span[-1] in _PAD:
            problems.append(Problem(f"span {span!r} has leading or trailing whitespace", entity_id=eid))
        spans.append((start, end, eid))
    spans.sort()
    for (s1, e1, id1), (s2, e2, id2) in zip(spans, spans[1:]):
        if s2 < e1:
            problems.append(Problem(f"span [{s2}, {e2}) overlaps entity {id1} [{s1}, {e1})", entity_id=id2))
    return problems


def _check_relations(entities: list, relations: list) -> list[Problem]:
    labels = {e.get("id"): e.get("label") for e in entities if isinstance(e, dict)}
    problems: list[Problem] = []
    has_value: set[object] = set()
    tails: dict[object, object] = {}
    for rel in relations:
        rid = rel.get("id") if isinstance(rel, dict) else None
        if not isinstance(rel, dict) or not {"from_id", "to_id", "type"} <= rel.keys():
            problems.append(Problem(f"relation {rid} needs from_id, to_id and type"))
            continue
        if rel["type"] not in RelationType.__members__:
            problems.append(Problem(f"relation {rid}: unknown type {rel['type']!r}"))
            continue
        head_label, tail_labels = RELATION_SIGNATURES[RelationType(rel["type"])]
        src, dst = rel["from_id"], rel["to_id"]
        if src not in labels or dst not in labels:
            problems.append(Problem(f"relation {rid} links a missing entity ({src} -> {dst})"))
            continue
        if labels[src] != head_label.value or labels[dst] not in {t.value for t in tail_labels}:
            problems.append(Problem(f"relation {rid} {rel['type']} goes {labels[src]} -> {labels[dst]}; "
                                    f"it must go {head_label.value} -> COUNT/RATE/MONEY", entity_id=src))
            continue
        if dst in tails and tails[dst] != src:
            problems.append(Problem(f"value has two metrics ({tails[dst]} and {src})", entity_id=dst))
        tails[dst] = src
        has_value.add(src)
    for eid, label in labels.items():
        if label == Label.METRIC.value and eid not in has_value:
            problems.append(Problem("METRIC with no value (add a HAS_VALUE relation or remove it)", entity_id=eid))
    return problems


def _check_sections(text: str, sections: list) -> list[Problem]:
    problems: list[Problem] = []
    for i, sec in enumerate(sections):
        if not isinstance(sec, dict) or not {"level", "number", "title", "start_offset"} <= sec.keys():
            problems.append(Problem(f"section {i} needs level, number, title and start_offset"))
            continue
        start = sec["start_offset"]
        if not isinstance(start, int) or not 0 <= start < len(text):
            problems.append(Problem(f"section {i} start_offset {start} out of range"))
            continue
        if not text.startswith(sec["number"], start):
            problems.append(Problem(f"section {i}: number {sec['number']!r} is not at offset {start}"))
        if sec.get("kind") is not None and sec["kind"] not in {k.value for k in SectionKind}:
            problems.append(Problem(f"section {i}: unknown kind {sec['kind']!r}"))
        end = sec.get("end_offset")
        if end is not None and (not isinstance(end, int) or not start < end <= len(text)):
            problems.append(Problem(f"section {i} end_offset {end} out of range"))
    return problems


def validate_lines(lines: Iterable[str], path: str | None = None) -> Iterator[Problem]:
    """Check JSONL lines; yields problems with file and line, including duplicate ids."""
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as err:
            yield Problem(f"not valid JSON: {err.msg} (column {err.colno})", path=path, line=number)
            continue
        for p in check_record(record):
            yield Problem(p.message, path=path, line=number, doc_id=p.doc_id, entity_id=p.entity_id)
        doc = str(record.get("id")) if isinstance(record, dict) else None
        if doc is not None and doc in seen:
            yield Problem(f"duplicate document id (first on line {seen[doc]})", path=path, line=number, doc_id=doc)
        elif doc is not None:
            seen[doc] = number


def validate_files(paths: Iterable[str | Path]) -> list[Problem]:
    """Check corpus JSONL files; document ids must be unique across all of them."""
    problems: list[Problem] = []
    owners: dict[str, str] = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        problems += validate_lines(lines, str(path))
        for number, raw in enumerate(lines, 1):
            try:
                doc = json.loads(raw).get("id") if raw.strip() else None
            except (json.JSONDecodeError, AttributeError):
                continue
            if doc is not None and str(doc) in owners and owners[str(doc)] != str(path):
                problems.append(Problem(f"duplicate document id (also in {owners[str(doc)]})",
                                        path=str(path), line=number, doc_id=str(doc)))
            owners.setdefault(str(doc), str(path))
    return problems
