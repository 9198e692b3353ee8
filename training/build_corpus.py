"""Build the gold corpus (corpus/gold/{train,dev,test}.jsonl) from the annotation markup.

    python -m training.build_corpus [--corpus corpus]

For every document in ``corpus/docs.json`` it reads the raw text
(``corpus/<source>``) and the inline markup (``corpus/markup/<id>/part_*.mu.txt``,
see :mod:`lawie.corpus.markup`), checks that the markup reproduces the text
exactly, adds the segmenter's sections and metadata (checked by hand, see
corpus/README.md) and writes each document to its split. Documents without
markup yet are skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lawie.corpus.markup import build_record
from lawie.corpus.validate import validate_files
from lawie.errors import CorpusFormatError
from lawie.pipeline import Pipeline
from lawie.types import Report

SPLITS = ("train", "dev", "test")


def build(corpus: Path) -> dict[str, list[str]]:
    """Write the split files; returns the document ids written per split."""
    docs = json.loads((corpus / "docs.json").read_text(encoding="utf-8"))
    out: dict[str, list[str]] = {s: [] for s in SPLITS}
    records: dict[str, list[dict]] = {s: [] for s in SPLITS}
    segmenter = Pipeline()
    for doc in docs:
        parts = sorted((corpus / "markup" / doc["id"]).glob("part_*.mu.txt"))
        if not parts:
            print(f"skip {doc['id']}: no markup yet", file=sys.stderr)
            continue
        source = (corpus / doc["source"]).read_text(encoding="utf-8")
        markup = "".join(p.read_text(encoding="utf-8") for p in parts)
        record = build_record(source, markup, doc["id"], path=str(parts[0].parent))
        seg = segmenter.parse(source, id=doc["id"]).to_dict()
        record["sections"], record["meta"] = seg["sections"], _meta(seg["meta"], doc)
        Report.from_dict(record)  # validates
        records[doc["split"]].append(record)
        out[doc["split"]].append(doc["id"])
    (corpus / "gold").mkdir(exist_ok=True)
    for split in SPLITS:
        with open(corpus / "gold" / f"{split}.jsonl", "w", encoding="utf-8", newline="\n") as f:
            for record in records[split]:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def _meta(found: dict, doc: dict) -> dict:
    """The segmenter's metadata, with hand corrections from docs.json (``meta`` key) applied."""
    meta = {k: v for k, v in found.items() if k not in ("source", "reader")}
    meta.update(doc.get("meta", {}))
    return meta


def main(argv: list[str] | None = None) -> int:
    """Build and validate the gold corpus."""
    parser = argparse.ArgumentParser(prog="python -m training.build_corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    args = parser.parse_args(argv)
    try:
        written = build(args.corpus)
    except CorpusFormatError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for split, ids in written.items():
        print(f"{split}: {len(ids)} document(s): {', '.join(ids)}")
    problems = validate_files(sorted((args.corpus / "gold").glob("*.jsonl")))
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
