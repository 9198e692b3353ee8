"""How well the segmenter keeps its headings and metadata when a report's text gets messier.

    python benchmarks/segmentation_robustness.py [--json out.json]

For each report in corpus/raw (the seeds and the national work reports), the
section tree of the clean text is the reference; each perturbation is applied
and heading F1 (level, number, title), level-1 kind accuracy and title/year
agreement are measured against it. Perturbations: line breaks lost (joined with a
space / with nothing), website boilerplate and page numbers inserted between
lines, full-width parentheses and digits turned half-width, headings wrapped in
markdown bold, and every line indented with full-width spaces.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from lawie.segment import segment

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "corpus" / "raw").glob("*/*.txt"))
_HEADING = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．])", re.M)


def _noise(text: str) -> str:
    rng = random.Random(len(text))
    lines = text.split("\n")
    out = ["发布时间：2024-03-28 09:18  来源：本站  浏览量：3799次", "首页 > 政务公开 > 法治政府建设"]
    for i, line in enumerate(lines):
        out.append(line)
        if i and i % 9 == 0 and rng.random() < 0.7:
            out.append(f"- {i // 9} -")
    out.append("【打印】【关闭】")
    return "\n".join(out)


PERTURBATIONS: dict[str, Callable[[str], str]] = {
    "lost line breaks (space)": lambda t: re.sub(r"\s*\n\s*", " ", t),
    "lost line breaks (nothing)": lambda t: re.sub(r"\s*\n\s*", "", t),
    "boilerplate and page numbers": _noise,
    "half-width punctuation": lambda t: t.translate(str.maketrans("（）：，", "():,")),
    "markdown bold headings": lambda t: _HEADING.sub(r"**\1", t),
    "full-width indentation": lambda t: re.sub(r"^", "\u3000\u3000", t, flags=re.M),
}


def _tree(text: str) -> tuple[list[tuple[int, str, str]], list[str | None], tuple]:
    seg = segment(text)
    heads = [(s.level, re.sub(r"[\s*]", "", s.number).translate(str.maketrans("()", "（）")), s.title.strip("*"))
             for r in seg.sections for s in r.walk()]
    kinds = [s.kind.value if s.kind else None for s in seg.sections]
    return heads, kinds, (seg.meta.title, seg.meta.year)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()
    results = {}
    for name, perturb in PERTURBATIONS.items():
        tp = n_ref = n_got = kinds_ok = kinds_n = meta_ok = 0
        for path in REPORTS:
            text = path.read_text(encoding="utf-8")
            ref, ref_kinds, ref_meta = _tree(text)
            got, got_kinds, got_meta = _tree(perturb(text))
            tp += sum((Counter((lv, n) for lv, n, _ in ref) & Counter((lv, n) for lv, n, _ in got)).values())
            n_ref, n_got = n_ref + len(ref), n_got + len(got)
            kinds_n += len(ref_kinds)
            kinds_ok += sum(a == b for a, b in zip(ref_kinds, got_kinds))
            meta_ok += int(ref_meta == got_meta)
        p, r = tp / n_got if n_got else 0.0, tp / n_ref if n_ref else 0.0
        results[name] = {"heading_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "headings": n_ref,
                         "kind_accuracy": round(kinds_ok / kinds_n, 4), "title_and_year_kept": f"{meta_ok}/{len(REPORTS)}"}
    print(f"{'perturbation':<32}{'heading F1':>11}{'kind acc':>10}{'title+year':>12}")
    for name, r in results.items():
        print(f"{name:<32}{r['heading_f1']:>11.4f}{r['kind_accuracy']:>10.4f}{r['title_and_year_kept']:>12}")
    print(f"({len(REPORTS)} reports, {results[next(iter(results))]['headings']} headings; "
          "heading = level and number, compared with the clean text)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
