"""Round trips with annotation tools: Label Studio JSON, character BIO (CoNLL), spaCy DocBin.

doccano's relation JSONL is lawie's native format (:mod:`lawie.io.corpus_format`).

What each conversion keeps:

| format | entities | relations | sections, meta | text |
|---|---|---|---|---|
| Label Studio JSON | yes | yes | yes (in ``data``) | yes |
| spaCy DocBin | yes (``doc.spans["lawie"]`` and ``doc.ents``) | yes (``doc.user_data``) | yes (``doc.user_data``) | yes |
| CoNLL char BIO | labels and spans | **dropped** | **dropped** | line breaks become sentence breaks, whitespace characters are written as ``<sp>`` |
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path

from lawie.errors import CorpusFormatError, MissingDependencyError
from lawie.labels import Label
from lawie.types import Report

_LS_FROM, _LS_TO = "label", "text"


# --- Label Studio -------------------------------------------------------------------------------------------------

def to_label_studio(reports: Iterable[Report], annotator: int = 1) -> list[dict]:
    """Label Studio tasks (JSON export format), one annotation per report by ``annotator``."""
    tasks = []
    for n, report in enumerate(reports, 1):
        record = report.to_dict()
        ids = {e["id"]: uuid.uuid5(uuid.NAMESPACE_URL, f"{report.id}/{e['id']}").hex[:10] for e in record["entities"]}
        result: list[dict] = [
            {"id": ids[e["id"]], "from_name": _LS_FROM, "to_name": _LS_TO, "type": "labels",
             "value": {"start": e["start_offset"], "end": e["end_offset"],
                       "text": report.text[e["start_offset"] : e["end_offset"]], "labels": [e["label"]]}}
            for e in record["entities"]
        ]
        result += [
            {"from_id": ids[r["from_id"]], "to_id": ids[r["to_id"]], "type": "relation", "direction": "right",
             "labels": [r["type"]]}
            for r in record["relations"]
        ]
        data = {"text": report.text, "doc_id": report.id, "lawie_sections": record["sections"], "lawie_meta": record["meta"]}
        tasks.append({"id": n, "data": data, "annotations": [{"id": n, "completed_by": annotator, "result": result}]})
    return tasks


def _annotators(task: dict) -> list:
    return [a.get("completed_by") for a in task.get("annotations", []) if not a.get("was_cancelled")]


def from_label_studio(tasks: Sequence[dict], annotator: int | str | None = None, source: str = "label-studio") -> list[Report]:
    """Reports from Label Studio tasks.

    Args:
        tasks: the decoded JSON export (a list of tasks).
        annotator: whose annotation to take (``completed_by`` id, or e-mail when the export has them);
            needed when a task has several annotations.

    Raises:
        CorpusFormatError: for a task without text, several annotators and none chosen, or bad labels.
    """
    reports = []
    for n, task in enumerate(tasks, 1):
        data = task.get("data") or {}
        if not isinstance(data.get("text"), str):
            raise CorpusFormatError(f"task {task.get('id', n)} has no data.text", path=source)
        annotations = [a for a in task.get("annotations", []) if not a.get("was_cancelled")]
        if annotator is not None:
            annotations = [a for a in annotations if _matches(a.get("completed_by"), annotator)]
        elif len(annotations) > 1:
            raise CorpusFormatError(
                f"task {task.get('id', n)} has annotations by {_annotators(task)}; choose one with annotator=", path=source)
        result = annotations[0]["result"] if annotations else []
        reports.append(_report_from_result(task, data, result, source))
    return reports


def _matches(completed_by: object, annotator: int | str) -> bool:
    if isinstance(completed_by, dict):
        return annotator in (completed_by.get("id"), completed_by.get("email"))
    return completed_by == annotator


def _report_from_result(task: dict, data: dict, result: list[dict], source: str) -> Report:
    ids: dict[str, int] = {}
    entities, relations = [], []
    for item in result:
        if item.get("type") == "labels":
            value = item["value"]
            ids[item["id"]] = len(entities)
            entities.append({"id": len(entities), "label": value["labels"][0], "start_offset": value["start"],
                             "end_offset": value["end"]})
    for item in result:
        if item.get("type") == "relation":
            if item["from_id"] not in ids or item["to_id"] not in ids:
                raise CorpusFormatError(f"task {task.get('id')}: relation to an unknown region", path=source)
            relations.append({"id": len(relations), "from_id": ids[item["from_id"]], "to_id": ids[item["to_id"]],
                              "type": (item.get("labels") or ["HAS_VALUE"])[0]})
    record = {"id": data.get("doc_id", str(task.get("id"))), "text": data["text"], "entities": entities,
              "relations": relations, "sections": data.get("lawie_sections") or [], "meta": data.get("lawie_meta") or {}}
    try:
        return Report.from_dict(record)
    except CorpusFormatError as err:
        raise CorpusFormatError(f"task {task.get('id')}: {err.reason}", path=source) from None


# --- character BIO (CoNLL) ----------------------------------------------------------------------------------------

SPACE_TOKEN = "<sp>"


def to_conll(reports: Iterable[Report]) -> str:
    """Character-level IOB2, one ``char<TAB>tag`` per line, a blank line after each text line.

    Each report starts with ``-DOCSTART- <id>``. Drops relations, sections and metadata.
    """
    lines: list[str] = []
    for report in reports:
        tags = ["O"] * len(report.text)
        for e in report.entities:
            tags[e.start] = f"B-{e.label.value}"
            for i in range(e.start + 1, e.end):
                tags[i] = f"I-{e.label.value}"
        lines += [f"-DOCSTART- {report.id}", ""]
        offset = 0
        for line in report.text.split("\n"):
            if line:
                lines += [f"{SPACE_TOKEN if ch.isspace() else ch}\t{tags[offset + i]}" for i, ch in enumerate(line)]
                lines.append("")
            offset += len(line) + 1
    return "\n".join(lines) + "\n"


def from_conll(content: str) -> list[tuple[str, str, list[tuple[Label, int, int]]]]:
    """Read :func:`to_conll` output back: ``(doc id, text with sentences joined by newlines, spans)``."""
    docs: list[tuple[str, list[list[tuple[str, str]]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in content.split("\n"):
        if line.startswith("-DOCSTART-"):
            docs.append((line.split(" ", 1)[1] if " " in line else "", []))
        elif not line.strip():
            if sentence and docs:
                docs[-1][1].append(sentence)
            sentence = []
        else:
            ch, tag = line.rsplit("\t", 1)
            sentence.append((" " if ch == SPACE_TOKEN else ch, tag))
    out = []
    for doc_id, sentences in docs:
        chars = [c for s in sentences for c in s + [("\n", "O")]][:-1]
        text = "".join(c for c, _ in chars)
        spans, label, start = [], None, 0
        for i, (_, tag) in enumerate(chars + [("", "O")]):
            if label and not tag == f"I-{label}":
                spans.append((Label(label), start, i))
                label = None
            if tag.startswith("B-"):
                label, start = tag[2:], i
        out.append((doc_id, text, spans))
    return out


# --- spaCy DocBin -------------------------------------------------------------------------------------------------

def to_docbin(reports: Iterable[Report], path: str | Path) -> int:
    """Write reports as a spaCy ``DocBin`` (character tokens), lossless; returns the number written.

    Entities go to ``doc.ents`` and ``doc.spans["lawie"]``; the relations, sections and
    metadata go to ``doc.user_data["lawie"]`` (the corpus record without its text).
    """
    try:
        import spacy
        from spacy.tokens import DocBin
    except ImportError:
        raise MissingDependencyError("spacy", "spacy") from None
    nlp = spacy.blank("zh")  # character segmentation: every entity boundary is a token boundary
    store = DocBin(store_user_data=True)
    count = 0
    for report in reports:
        doc = nlp.make_doc(report.text)
        spans = [doc.char_span(e.start, e.end, label=e.label.value, alignment_mode="strict") for e in report.entities]
        if any(s is None for s in spans):
            raise CorpusFormatError(f"report {report.id!r}: an entity does not align with character tokens")
        doc.spans["lawie"] = spans
        doc.ents = spans
        record = report.to_dict()
        doc.user_data["lawie"] = json.dumps({k: v for k, v in record.items() if k != "text"}, ensure_ascii=False)
        store.add(doc)
        count += 1
    store.to_disk(str(path))
    return count


def from_docbin(path: str | Path) -> list[Report]:
    """Read reports written by :func:`to_docbin`."""
    try:
        import spacy
        from spacy.tokens import DocBin
    except ImportError:
        raise MissingDependencyError("spacy", "spacy") from None
    nlp = spacy.blank("zh")
    reports = []
    for doc in DocBin().from_disk(str(path)).get_docs(nlp.vocab):
        record = json.loads(doc.user_data["lawie"])
        reports.append(Report.from_dict({**record, "text": doc.text}))
    return reports
