"""Consistency report over the gold corpus, for the reviewer's pass after annotation.

    python -m training.consistency [corpus/gold/*.jsonl]

Lists (1) strings labelled differently in different places, (2) unlabelled
occurrences of strings labelled elsewhere, (3) rule-pattern matches (dates,
numbers with units, 《》 titles, 文号) that no gold entity covers, and (4) values
linked to a metric more than 20 characters away. These are places to look, not
verdicts.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

from lawie.extract.rules import find_rule_spans
from lawie.io.corpus_format import read_jsonl


def main(argv: list[str] | None = None) -> int:
    """Print the report."""
    files = [Path(a) for a in (argv if argv is not None else sys.argv[1:])] or sorted(Path("corpus/gold").glob("*.jsonl"))
    reports = [r for f in files for r in read_jsonl(f)]
    labels_of: dict[str, Counter[str]] = defaultdict(Counter)
    for r in reports:
        for e in r.entities:
            labels_of[e.text][e.label.value] += 1
    print("## 1. one string, several labels")
    for text, counts in sorted(labels_of.items()):
        if len(counts) > 1:
            print(f"- {text}: {dict(counts)}")
    print("\n## 2. unlabelled occurrences of labelled strings (length >= 3)")
    for r in reports:
        covered = [(e.start, e.end) for e in r.entities]
        for text, counts in labels_of.items():
            if len(text) < 3 or counts.most_common(1)[0][0] in ("METRIC",):
                continue
            start = r.text.find(text)
            while start >= 0:
                end = start + len(text)
                if not any(s < end and start < e for s, e in covered):
                    ctx = r.text[max(0, start - 8) : end + 8].replace("\n", " ")
                    print(f"- {r.id}@{start} {text} ({counts.most_common(1)[0][0]}): …{ctx}…")
                start = r.text.find(text, end)
    print("\n## 3. rule matches no gold entity covers")
    for r in reports:
        for label, s, e in find_rule_spans(r.text):
            if not any(x.start < e and s < x.end for x in r.entities):
                print(f"- {r.id}@{s} {label.value} {r.text[s:e]}: …{r.text[max(0, s - 8):e + 6]}…".replace("\n", " "))
    print("\n## 4. values far from their metric")
    for r in reports:
        for rel in r.relations:
            m, v = r.entity(rel.head), r.entity(rel.tail)
            gap = max(0, v.start - m.end, m.start - v.end)
            if gap > 20:
                print(f"- {r.id}: {m.text} → {v.text} ({gap} characters apart)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
