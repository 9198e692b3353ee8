"""Report ⇄ corpus JSONL record (doccano relation format plus ``sections`` and ``meta``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from lawie.corpus.validate import check_record
from lawie.errors import CorpusFormatError
from lawie.labels import Label, RelationType, SectionKind
from lawie.segment.tree import FlatSection, build_tree, flatten, paragraphs_in
from lawie.types import Entity, Meta, Relation, Report

_TITLE_SKIP = " \t\u3000*_"


def _meta_to_dict(meta: Meta) -> dict:
    out: dict = {
        "title": meta.title,
        "doc_number": meta.doc_number,
        "recipients": list(meta.recipients),
        "issuers": list(meta.issuers),
        "date": meta.date,
        "year": meta.year,
    }
    for key in ("flags",):
        if getattr(meta, key):
            out[key] = list(getattr(meta, key))
    for key in ("source", "reader"):
        if getattr(meta, key) is not None:
            out[key] = getattr(meta, key)
    return out


def report_to_dict(report: Report) -> dict:
    """The corpus record of ``report`` (ANNOTATION.md §1)."""
    entities = []
    for e in report.entities:
        item: dict = {"id": e.id, "label": e.label.value, "start_offset": e.start, "end_offset": e.end}
        if e.source is not None:
            item["source"] = e.source
        entities.append(item)
    return {
        "id": report.id,
        "text": report.text,
        "entities": entities,
        "relations": [{"id": r.id, "from_id": r.head, "to_id": r.tail, "type": r.type.value} for r in report.relations],
        "sections": [
            {
                "level": s.level,
                "number": s.number,
                "title": s.title,
                "kind": s.kind.value if s.kind else None,
                "start_offset": s.start,
                "end_offset": s.end,
            }
            for s in flatten(report.sections)
        ],
        "meta": _meta_to_dict(report.meta),
    }


def _flat_from_dict(text: str, sections: list[dict]) -> list[FlatSection]:
    flat = []
    starts = [s["start_offset"] for s in sections]
    for i, s in enumerate(sections):
        start, number, title = s["start_offset"], s["number"], s["title"]
        title_start = start + len(number)
        while title_start < len(text) and text[title_start] in _TITLE_SKIP and not text.startswith(title, title_start):
            title_start += 1
        end = s.get("end_offset")
        if end is None:  # doccano-style sections with start only: up to the next heading of level <= own
            end = next((st for st, o in zip(starts[i + 1 :], sections[i + 1 :]) if o["level"] <= s["level"]),
                       len(text))
        flat.append(
            FlatSection(
                level=s["level"],
                number=number,
                title=title,
                kind=SectionKind.parse(s["kind"]) if s.get("kind") else None,
                start=start,
                end=end,
                title_start=title_start,
                title_end=title_start + len(title),
            )
        )
    return flat


def report_from_dict(data: dict) -> Report:
    """Build a :class:`Report` from a corpus record.

    Raises:
        CorpusFormatError: naming the first problem, if the record is not valid.
    """
    problems = check_record(data)
    if problems:
        raise CorpusFormatError(str(problems[0]))
    text = data["text"]
    flat = _flat_from_dict(text, data.get("sections") or [])
    meta_d = data.get("meta") or {}
    meta = Meta(
        title=meta_d.get("title"),
        doc_number=meta_d.get("doc_number"),
        recipients=tuple(meta_d.get("recipients") or ()),
        issuers=tuple(meta_d.get("issuers") or ()),
        date=meta_d.get("date"),
        year=meta_d.get("year"),
        flags=tuple(meta_d.get("flags") or ()),
        source=meta_d.get("source"),
        reader=meta_d.get("reader"),
    )
    entities = tuple(
        sorted(
            (
                Entity(e["id"], Label(e["label"]), e["start_offset"], e["end_offset"],
                       text[e["start_offset"] : e["end_offset"]], e.get("source"))
                for e in data.get("entities") or []
            ),
            key=lambda e: (e.start, e.end),
        )
    )
    relations = tuple(
        Relation(r.get("id", i), RelationType(r["type"]), r["from_id"], r["to_id"])
        for i, r in enumerate(data.get("relations") or [])
    )
    first = flat[0].start if flat else None
    body_end = max((f.end for f in flat), default=0)
    return Report(
        text=text,
        id=str(data["id"]),
        meta=meta,
        sections=build_tree(text, flat),
        preamble=paragraphs_in(text, 0, first if first is not None else len(text)),
        closing=paragraphs_in(text, body_end, len(text)) if flat else (),
        entities=entities,
        relations=relations,
    )


def read_jsonl(path: str | Path) -> Iterator[Report]:
    """Read reports from a corpus JSONL file.

    Raises:
        CorpusFormatError: with file and line, on the first bad record.
    """
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                yield report_from_dict(json.loads(line))
            except json.JSONDecodeError as err:
                raise CorpusFormatError(f"not valid JSON: {err.msg}", path=str(path), line=number) from None
            except CorpusFormatError as err:
                raise CorpusFormatError(err.reason, path=str(path), line=number) from None


def write_jsonl(reports: Iterable[Report], path: str | Path) -> int:
    """Write reports as corpus JSONL; returns the number written."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for report in reports:
            f.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
            count += 1
    return count
