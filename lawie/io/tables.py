"""Collections of reports as tables: documents, sections, entities, indicators (pandas, Parquet, CSV).

Column names are stable and documented in docs/exports.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lawie.errors import ConfigError, MissingDependencyError
from lawie.types import Report

TABLES = ("documents", "sections", "entities", "indicators")


def report_rows(report: Report) -> dict[str, list[dict]]:
    """One report's rows for each table (plain dicts at this I/O boundary)."""
    m = report.meta
    doc = {"doc_id": report.id, "title": m.title, "doc_number": m.doc_number, "recipients": "、".join(m.recipients),
           "issuers": "、".join(m.issuers), "date": m.date, "year": m.year, "source": m.source, "reader": m.reader,
           "chars": len(report.text), "n_sections": sum(1 for _ in report.walk()), "n_entities": len(report.entities),
           "n_relations": len(report.relations)}
    sections = [{"doc_id": report.id, "index": i, "level": s.level, "number": s.number, "title": s.title,
                 "kind": s.kind.value if s.kind else None, "start": s.start, "end": s.end,
                 "parent_index": None}
                for i, s in enumerate(report.walk())]
    stack: list[tuple[int, int]] = []  # (level, index)
    for row in sections:
        while stack and stack[-1][0] >= row["level"]:
            stack.pop()
        row["parent_index"] = stack[-1][1] if stack else None
        stack.append((row["level"], row["index"]))
    heads = {r.tail: r.head for r in report.relations}
    entities = []
    for e in report.entities:
        value = e.value
        path = report.section_path(e.start)
        entities.append({"doc_id": report.id, "entity_id": e.id, "label": e.label.value, "text": e.text,
                         "start": e.start, "end": e.end, "source": e.source,
                         "section": f"{path[-1].number}{path[-1].title}" if path else None,
                         "metric_id": heads.get(e.id), "value": value.number if value else None,
                         "unit": value.unit if value else None, "qualifier": value.qualifier if value else None,
                         "iso_date": value.iso if value else None})
    indicators = [{"doc_id": report.id, "section_path": " > ".join(i.section_path), "metric": i.metric,
                   "value_text": i.value_text, "label": i.label.value, "value": i.value, "unit": i.unit,
                   "qualifier": i.qualifier} for i in report.indicators()]
    return {"documents": [doc], "sections": sections, "entities": entities, "indicators": indicators}


def to_dataframes(reports: Iterable[Report]) -> dict:
    """A pandas DataFrame per table: ``documents``, ``sections``, ``entities``, ``indicators``."""
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError("pandas", "tables") from None
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    for report in reports:
        for name, part in report_rows(report).items():
            rows[name] += part
    return {name: pd.DataFrame(rows[name], columns=COLUMNS[name]) for name in TABLES}


#: The columns of each table, in order.
COLUMNS = {
    "documents": ["doc_id", "title", "doc_number", "recipients", "issuers", "date", "year", "source", "reader", "chars",
                  "n_sections", "n_entities", "n_relations"],
    "sections": ["doc_id", "index", "level", "number", "title", "kind", "start", "end", "parent_index"],
    "entities": ["doc_id", "entity_id", "label", "text", "start", "end", "source", "section", "metric_id", "value",
                 "unit", "qualifier", "iso_date"],
    "indicators": ["doc_id", "section_path", "metric", "value_text", "label", "value", "unit", "qualifier"],
}


def write_tables(reports: Iterable[Report], folder: str | Path, fmt: str = "parquet") -> dict[str, Path]:
    """Write the four tables to ``folder`` as ``<table>.parquet`` or ``<table>.csv``; returns their paths."""
    if fmt not in ("parquet", "csv"):
        raise ConfigError(f"unknown table format {fmt!r}; expected 'parquet' or 'csv'")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, frame in to_dataframes(reports).items():
        path = out / f"{name}.{fmt}"
        if fmt == "parquet":
            frame.to_parquet(path, index=False)
        else:
            frame.to_csv(path, index=False, encoding="utf-8")
        paths[name] = path
    return paths
