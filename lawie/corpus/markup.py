"""Inline annotation markup ⇄ corpus records.

Annotators write the report text with entities marked inline::

    全年共排查调处[[METRIC#1:矛盾纠纷]][[COUNT>1:406起]]，[[METRIC#2:调解成功率]]达到[[RATE>2:99%]]。
    [[ORG:县委]]、[[ORG:县政府]]印发《[[LAW:某某办法]]》（[[DOCNO:双土委文〔2024〕2号]]）

- ``[[LABEL:text]]`` marks an entity; ``text`` is copied verbatim from the report.
- ``[[METRIC#k:...]]`` gives a metric the key ``k`` (letters/digits); a value
  ``[[COUNT>k:...]]`` (or RATE/MONEY) is linked to the *nearest* METRIC with key
  ``k`` (fewest characters between the two spans; on a tie, the one before the
  value), so short keys can be reused clause after clause.

Removing the markup must give back the source text exactly; :func:`build_record`
checks this and names the first place where they differ.

Command line::

    python -m lawie.corpus.markup SOURCE.txt MARKUP.txt [MARKUP2.txt ...] --id DOC_ID [-o OUT.jsonl]
    python -m lawie.corpus.markup split SOURCE.txt OUTDIR [--max-chars 2000]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass

from lawie.errors import CorpusFormatError
from lawie.labels import VALUE_LABELS, Label, RelationType
from lawie.types import Entity, Relation

_TAG = re.compile(r"\[\[([A-Z]+)(?:([#>])([A-Za-z0-9_]+))?:(.*?)\]\]", re.S)


@dataclass(frozen=True, slots=True)
class _Mark:
    entity: Entity
    key: str | None
    is_metric_key: bool
    line: int


def _line_of(markup: str, index: int) -> int:
    return markup.count("\n", 0, index) + 1


def parse_markup(markup: str, *, path: str | None = None) -> tuple[str, list[Entity], list[Relation]]:
    """Strip the markup and return ``(text, entities, relations)``.

    Raises:
        CorpusFormatError: for an unknown label, an empty entity, stray ``[[``/``]]``,
            a value key with no METRIC of that key, or a METRIC with no value.
    """
    out: list[str] = []
    marks: list[_Mark] = []
    pos = 0
    length = 0
    for m in _TAG.finditer(markup):
        plain = markup[pos : m.start()]
        _check_plain(plain, markup, pos, path)
        out.append(plain)
        length += len(plain)
        label_name, sigil, key, inner = m.groups()
        line = _line_of(markup, m.start())
        if label_name not in Label.__members__:
            valid = ", ".join(Label.__members__)
            raise CorpusFormatError(f"unknown label {label_name!r} (valid: {valid})", path=path, line=line)
        label = Label(label_name)
        if not inner or inner != inner.strip() or "[[" in inner:
            raise CorpusFormatError(f"bad entity text {inner!r}: empty, padded or nested", path=path, line=line)
        if sigil == "#" and label is not Label.METRIC:
            raise CorpusFormatError(f"only METRIC takes a '#key', not {label_name}", path=path, line=line)
        if sigil == ">" and label not in VALUE_LABELS:
            raise CorpusFormatError(f"only COUNT/RATE/MONEY take a '>key', not {label_name}", path=path, line=line)
        entity = Entity(len(marks), label, length, length + len(inner), inner)
        marks.append(_Mark(entity, key, sigil == "#", line))
        out.append(inner)
        length += len(inner)
        pos = m.end()
    _check_plain(markup[pos:], markup, pos, path)
    out.append(markup[pos:])
    return "".join(out), [mk.entity for mk in marks], _link(marks, path)


def _check_plain(plain: str, markup: str, offset: int, path: str | None) -> None:
    for token in ("[[", "]]"):
        i = plain.find(token)
        if i >= 0:
            line = _line_of(markup, offset + i)
            raise CorpusFormatError(f"unmatched or malformed {token!r}", path=path, line=line)


def _link(marks: list[_Mark], path: str | None) -> list[Relation]:
    metrics = [mk for mk in marks if mk.is_metric_key]
    relations: list[Relation] = []
    linked: set[int] = set()
    for mk in marks:
        if mk.key is None or mk.is_metric_key:
            continue
        same_key = [m for m in metrics if m.key == mk.key]
        if not same_key:
            raise CorpusFormatError(f"value {mk.entity.text!r} links to key {mk.key!r}, but no METRIC has it",
                                    path=path, line=mk.line)
        head = min(same_key, key=lambda m: (_gap(m.entity, mk.entity), m.entity.start > mk.entity.start))
        relations.append(Relation(len(relations), RelationType.HAS_VALUE, head.entity.id, mk.entity.id))
        linked.add(head.entity.id)
    for mk in marks:
        if mk.entity.label is Label.METRIC and mk.entity.id not in linked:
            raise CorpusFormatError(f"METRIC {mk.entity.text!r} has no value linked to it (give it '#k' and "
                                    f"mark its value '>k')", path=path, line=mk.line)
    return relations


def _gap(a: Entity, b: Entity) -> int:
    """Characters between two spans (0 when they touch)."""
    return max(0, b.start - a.end, a.start - b.end)


def first_difference(a: str, b: str) -> int | None:
    """Return the first index where ``a`` and ``b`` differ, or ``None`` if equal."""
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return None if len(a) == len(b) else min(len(a), len(b))


def build_record(source_text: str, markup: str, doc_id: str, *, path: str | None = None) -> dict:
    """Return the corpus record for ``markup``, checking it reproduces ``source_text``.

    Raises:
        CorpusFormatError: if the stripped markup differs from the source text
            (the message shows both sides at the first difference).
    """
    text, entities, relations = parse_markup(markup, path=path)
    diff = first_difference(text, source_text)
    if diff is not None:
        line = source_text.count("\n", 0, diff) + 1
        raise CorpusFormatError(
            f"text differs from the source at offset {diff} (source line {line}): "
            f"source {source_text[diff - 15 : diff + 25]!r} vs markup {text[diff - 15 : diff + 25]!r}",
            path=path,
        )
    return {
        "id": doc_id,
        "text": text,
        "entities": [
            {"id": e.id, "label": e.label.value, "start_offset": e.start, "end_offset": e.end} for e in entities
        ],
        "relations": [
            {"id": r.id, "from_id": r.head, "to_id": r.tail, "type": r.type.value} for r in relations
        ],
    }


def split_source(text: str, max_chars: int = 2000) -> list[str]:
    """Cut ``text`` at line ends into parts of at most ~``max_chars`` characters.

    A single line longer than ``max_chars`` stays whole. ``"".join(parts) == text``.
    """
    parts: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        if current and len(current) + len(line) > max_chars:
            parts.append(current)
            current = ""
        current += line
    if current:
        parts.append(current)
    return parts


def _split_main(source: str, outdir: str, max_chars: int) -> int:
    import os

    with open(source, encoding="utf-8") as f:
        text = f.read()
    os.makedirs(outdir, exist_ok=True)
    parts = split_source(text, max_chars)
    for i, part in enumerate(parts, 1):
        with open(os.path.join(outdir, f"part_{i:02d}.src.txt"), "w", encoding="utf-8", newline="") as f:
            f.write(part)
    print(f"wrote {len(parts)} parts to {outdir}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Convert markup files of one report to a corpus JSONL record."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "split":
        sp = argparse.ArgumentParser(prog="python -m lawie.corpus.markup split")
        sp.add_argument("source")
        sp.add_argument("outdir")
        sp.add_argument("--max-chars", type=int, default=2000)
        a = sp.parse_args(argv[1:])
        return _split_main(a.source, a.outdir, a.max_chars)
    parser = argparse.ArgumentParser(prog="python -m lawie.corpus.markup", description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="the original report text (UTF-8)")
    parser.add_argument("markup", nargs="+", help="markup file(s), concatenated in this order")
    parser.add_argument("--id", required=True, help="document id for the record")
    parser.add_argument("-o", "--output", help="write the JSONL record here (default: only check)")
    args = parser.parse_args(argv)
    with open(args.source, encoding="utf-8", newline="") as f:
        source = f.read()
    markup = ""
    for name in args.markup:
        with open(name, encoding="utf-8", newline="") as f:
            markup += f.read()
    try:
        record = build_record(source, markup, args.id, path=",".join(args.markup))
    except CorpusFormatError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    counts: dict[str, int] = {}
    for e in record["entities"]:
        counts[e["label"]] = counts.get(e["label"], 0) + 1
    print(f"ok: {len(record['entities'])} entities, {len(record['relations'])} relations; {counts}", file=sys.stderr)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
