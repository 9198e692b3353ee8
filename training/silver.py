"""Convert the public NER sets and the laws corpus into lawie-format silver data.

    python -m training.silver --data ../shared/data --output corpus/silver

Writes one JSONL file per source, in the corpus format plus two optional keys
the trainer reads: ``ignore`` (character ranges whose tokens carry no loss:
spans of types lawie cannot map) and, in ``manifest.json``, the labels each
source annotates (other labels are masked near likely mentions) and
``near_spans`` (only tokens within that many characters of an annotated span
carry loss, for sources that annotate a few labels in long text).
Label mapping and provenance are in corpus/silver/README.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from training.texts import default_data_dir

_LAW_TITLE = re.compile(r"(?:法|条例|规定|办法|细则|决定|意见|通知|纲要|规划|方案|规则|准则|章程|解释|公约|标准|实施意见|要点)"
                        r"(?:（[^）]{1,12}）)?$")
_ADMIN = re.compile(r"(?:省|市|县|区|镇|乡|村|州|旗|盟|自治区|特别行政区|街道|国)$")
_COUNTRIES_AND_PROVINCES = set(
    "中国 美国 日本 英国 法国 德国 俄罗斯 韩国 朝鲜 印度 越南 北京 上海 天津 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 "
    "江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门".split()
)
_DOCNO = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［（(【][0-9]{4}[〕\]］）)】]第?[0-9]{1,4}号")
_BOOK = re.compile(r"《([^《》\n]{2,60})》")


def _record(doc_id: str, text: str, spans: list[tuple[str, int, int]], ignore: list[tuple[int, int]]) -> dict:
    spans = sorted(set(spans), key=lambda s: (s[1], s[2]))
    flat, last = [], -1
    for label, s, e in spans:  # the corpus format is flat: drop nested/overlapping spans
        if s >= last and text[s:e].strip() == text[s:e] and e > s:
            flat.append((label, s, e))
            last = e
    rec = {"id": doc_id, "text": text,
           "entities": [{"id": i, "label": lb, "start_offset": s, "end_offset": e} for i, (lb, s, e) in enumerate(flat)],
           "relations": []}
    if ignore:
        rec["ignore"] = sorted(set(ignore))
    return rec


def cluener(data: Path) -> Iterator[dict]:
    """CLUENER2020: government/organization/company → ORG, name → PER, law-like book → LAW; address masked."""
    for split in ("train", "dev"):
        path = data / "cluener2020" / f"{split}.json"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            rec = json.loads(line)
            text, spans, ignore = rec["text"], [], []
            for kind, mentions in rec.get("label", {}).items():
                for surface, positions in mentions.items():
                    for s, e_incl in positions:
                        e = e_incl + 1
                        if kind in ("government", "organization", "company"):
                            spans.append(("ORG", s, e))
                        elif kind == "name":
                            spans.append(("PER", s, e))
                        elif kind == "book":
                            inner = surface.strip("《》")
                            if _LAW_TITLE.search(inner):
                                off = surface.find(inner)
                                spans.append(("LAW", s + off, s + off + len(inner)))
                            else:
                                ignore.append((s, e))
                        elif kind == "address":
                            ignore.append((s, e))
            yield _record(f"cluener-{split}-{n}", text, spans, ignore)


def _bio(path: Path, sep: str | None) -> Iterator[tuple[str, list[str]]]:
    chars, tags = [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        parts = line.split(sep) if sep else line.split()
        if not line.strip() or len(parts) < 2:
            if chars:
                yield "".join(chars), tags
            chars, tags = [], []
            continue
        chars.append(parts[0])
        tags.append(parts[1])


def _news(name: str, path: Path, sep: str | None) -> Iterator[dict]:
    for n, (text, tags) in enumerate(_bio(path, sep)):
        spans, ignore, i = [], [], 0
        while i < len(tags):
            if tags[i].startswith("B-"):
                kind, j = tags[i][2:], i + 1
                while j < len(tags) and tags[j] == f"I-{kind}":
                    j += 1
                surface = text[i:j]
                if kind == "ORG":
                    spans.append(("ORG", i, j))
                elif kind == "PER":
                    spans.append(("PER", i, j))
                elif kind == "LOC" and (_ADMIN.search(surface) or surface in _COUNTRIES_AND_PROVINCES):
                    spans.append(("GPE", i, j))
                else:
                    ignore.append((i, j))
                i = j
            else:
                i += 1
        yield _record(f"{name}-{n}", text, spans, ignore)


def peoples_daily(data: Path) -> Iterator[dict]:
    """People's Daily 1998 (dev, test): ORG → ORG, PER → PER, administrative LOC → GPE, other LOC masked."""
    for split in ("dev", "test"):
        yield from _news(f"pd-{split}", data / "peoples-daily-ner" / f"example.{split}", None)


def msra(data: Path) -> Iterator[dict]:
    """MSRA NER (test): mapped as People's Daily."""
    yield from _news("msra", data / "msra-ner" / "msra_test_bio.txt", "\t")


def laws(data: Path, limit: int, seed: int = 13) -> Iterator[dict]:
    """Paragraphs of the laws corpus with 《》 titles (→ LAW, marks excluded) or document numbers (→ DOCNO)."""
    paragraphs = []
    with gzip.open(data / "lawrefbook-laws" / "laws.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            for para in json.loads(line)["text"].split("\n"):
                para = para.strip()
                if 10 <= len(para) <= 300 and ("《" in para or _DOCNO.search(para)) and not para.startswith(("#", "<")):
                    paragraphs.append(para)
    random.Random(seed).shuffle(paragraphs)
    for n, text in enumerate(paragraphs[:limit]):
        spans = [("LAW", m.start(1), m.end(1)) for m in _BOOK.finditer(text)]
        spans += [("DOCNO", m.start(), m.end()) for m in _DOCNO.finditer(text)]
        yield _record(f"laws-{n}", text, spans, [])


#: name → (function, labels it annotates, near_spans)
SOURCES = {
    "cluener2020": (cluener, ["ORG", "PER", "LAW"], None),
    "peoples-daily": (peoples_daily, ["ORG", "PER", "GPE"], None),
    "msra": (msra, ["ORG", "PER", "GPE"], None),
    "laws": (lambda d: laws(d, 6000), ["LAW", "DOCNO"], 8),
}


def main(argv: list[str] | None = None) -> int:
    """Write every silver source and the manifest; print label counts."""
    parser = argparse.ArgumentParser(prog="python -m training.silver", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--output", type=Path, default=Path("corpus/silver"))
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    manifest = []
    for name, (func, labels, near) in SOURCES.items():
        counts: Counter[str] = Counter()
        records = 0
        with open(args.output / f"{name}.jsonl", "w", encoding="utf-8", newline="\n") as f:
            for rec in func(args.data):
                if not rec["entities"] and not rec.get("ignore") and name == "laws":
                    continue
                counts.update(e["label"] for e in rec["entities"])
                records += 1
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        item = {"file": f"{name}.jsonl", "labels": labels, "records": records, "entities": dict(sorted(counts.items()))}
        if near is not None:
            item["near_spans"] = near
        manifest.append(item)
        print(json.dumps(item, ensure_ascii=False))
    (args.output / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
