"""Build the synthetic challenge set (corpus/synthetic/*.jsonl) from its markup.

    python -m training.build_synthetic [--corpus corpus] [--check FILE ...]

The twelve reports in ``corpus/synthetic/markup/`` were written for lawie by LLM helper agents
following ``corpus/synthetic/BRIEF.md`` (fictional places, invented numbers; not real reports) and
annotated by the same agents in lawie's inline markup. ``syn-01``..``syn-08`` are the
*rules development* set (their errors were read while revising the rule patterns);
``syn-09``..``syn-12`` are *held out* (only scored). With ``--check``, each given markup file
is validated and its links printed instead (what the writers ran while annotating).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from lawie.corpus.markup import build_record, parse_markup
from lawie.errors import CorpusFormatError

SPLITS = {"rules_dev": [f"syn-{n:02d}" for n in range(1, 9)], "heldout": [f"syn-{n:02d}" for n in range(9, 13)]}


def record(path: Path) -> dict:
    """The corpus record of one markup file (its text is the markup without the marks)."""
    markup = path.read_text(encoding="utf-8")
    plain = parse_markup(markup, path=str(path))[0]
    return build_record(plain, markup, path.name.split(".")[0], path=str(path))


def check(path: Path) -> bool:
    """Validate one markup file; print counts per label and every METRIC -> value link."""
    try:
        rec = record(path)
    except CorpusFormatError as err:
        print(f"{path.name}: ERROR {err}")
        return False
    text, ents = rec["text"], {e["id"]: e for e in rec["entities"]}
    print(f"== {path.name}: OK, {len(text)} chars, "
          + ", ".join(f"{k} {v}" for k, v in sorted(Counter(e["label"] for e in rec["entities"]).items())))
    for r in rec["relations"]:
        m, v = ents[r["from_id"]], ents[r["to_id"]]
        print(f"   {text[m['start_offset']:m['end_offset']]}  ->  {text[v['start_offset']:v['end_offset']]} ({v['label']})")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.build_synthetic", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--check", nargs="+", type=Path, help="markup files to check instead of building")
    args = parser.parse_args(argv)
    if args.check:
        return 0 if all([check(p) for p in args.check]) else 1
    folder = args.corpus / "synthetic"
    for split, ids in SPLITS.items():
        records = [record(folder / "markup" / f"{i}.mu.txt") for i in ids]
        out = folder / f"{split}.jsonl"
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        print(f"{out}: {len(records)} documents", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
