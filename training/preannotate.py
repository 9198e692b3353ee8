"""Pre-annotate the parts of a document with lawie's rule patterns, as markup to correct by hand.

    python -m training.preannotate DIR     # DIR/parts/part_NN.src.txt → DIR/parts/part_NN.pre.txt

The patterns give COUNT, RATE, MONEY, DATE, LAW (《》) and DOCNO spans, plus the recurring ORG/GPE
forms; the annotator corrects them and adds the rest (METRIC keys, links). `python -m
lawie.corpus.markup split SOURCE DIR/parts` writes the parts.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lawie.extract.rules import find_rule_spans


def preannotate(text: str) -> str:
    """``text`` with every rule match wrapped as ``[[LABEL:surface]]``."""
    out, pos = [], 0
    for label, start, end in find_rule_spans(text):
        out += [text[pos:start], f"[[{label.value}:{text[start:end]}]]"]
        pos = end
    return "".join(out) + text[pos:]


def main(argv: list[str] | None = None) -> int:
    """Write a ``.pre.txt`` beside every ``.src.txt`` part."""
    parser = argparse.ArgumentParser(prog="python -m training.preannotate", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a document folder with parts/part_NN.src.txt")
    args = parser.parse_args(argv)
    parts = sorted(args.folder.glob("parts/part_*.src.txt"))
    if not parts:
        parser.error(f"no parts/part_*.src.txt in {args.folder}")
    for src in parts:
        src.with_name(src.name.replace(".src.", ".pre.")).write_text(preannotate(src.read_text(encoding="utf-8")),
                                                                     encoding="utf-8")
    print(f"pre-annotated {len(parts)} part(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
