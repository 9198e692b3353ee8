"""Raw Chinese text for pretraining and vocabulary building, from the public data sets."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

_MD_NOISE = re.compile(r"<!--.*?-->|^#+\s*", re.M | re.S)


def default_data_dir() -> Path:
    """``../shared/data`` beside the repository (where CI and developers have it)."""
    return Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def _bio_sentences(path: Path, sep: str | None) -> Iterator[str]:
    chars: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(sep) if sep else line.split()
        if not line.strip():
            if chars:
                yield "".join(chars)
            chars = []
        elif parts:
            chars.append(parts[0])
    if chars:
        yield "".join(chars)


def iter_pretraining_texts(data_dir: Path, corpus_dir: Path | None = None) -> Iterator[str]:
    """Yield paragraphs of raw text: laws, news NER sentences, work reports, corpus raw text."""
    laws = data_dir / "lawrefbook-laws" / "laws.jsonl.gz"
    if laws.exists():
        with gzip.open(laws, "rt", encoding="utf-8") as f:
            for line in f:
                text = _MD_NOISE.sub("", json.loads(line)["text"])
                yield from (p.strip() for p in text.split("\n") if p.strip())
    for name in ("train.json", "dev.json"):
        path = data_dir / "cluener2020" / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    yield json.loads(line)["text"]
    for path in (data_dir / "peoples-daily-ner").glob("example.*"):
        yield from _bio_sentences(path, None)
    msra = data_dir / "msra-ner" / "msra_test_bio.txt"
    if msra.exists():
        yield from _bio_sentences(msra, "\t")
    raw_dirs = [data_dir / "gov-work-reports" / "national"]
    if corpus_dir is not None:
        raw_dirs += [corpus_dir / "raw" / "seeds"]
    for folder in raw_dirs:
        for path in sorted(folder.glob("*.txt")):
            yield from (p.strip() for p in path.read_text(encoding="utf-8").split("\n") if p.strip())
