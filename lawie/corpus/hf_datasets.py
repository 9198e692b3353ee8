"""The gold corpus as a Hugging Face ``datasets.DatasetDict`` (train / validation / test)."""

from __future__ import annotations

import json
from pathlib import Path

from lawie.errors import ConfigError, MissingDependencyError

#: corpus file → DatasetDict split name
SPLITS = {"train": "train", "dev": "validation", "test": "test"}


def _rows(path: Path) -> list[dict]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        tags = ["O"] * len(rec["text"])
        for e in rec["entities"]:
            tags[e["start_offset"]] = f"B-{e['label']}"
            for i in range(e["start_offset"] + 1, e["end_offset"]):
                tags[i] = f"I-{e['label']}"
        rows.append({
            "id": str(rec["id"]),
            "text": rec["text"],
            "entities": [{k: e[k] for k in ("id", "label", "start_offset", "end_offset")} for e in rec["entities"]],
            "relations": [{k: r[k] for k in ("id", "from_id", "to_id", "type")} for r in rec.get("relations", [])],
            "sections": [{"level": s["level"], "number": s["number"], "title": s["title"], "kind": s.get("kind") or "",
                          "start_offset": s["start_offset"], "end_offset": s.get("end_offset", -1)}
                         for s in rec.get("sections", [])],
            "meta": json.dumps(rec.get("meta", {}), ensure_ascii=False),
            "chars": list(rec["text"]),
            "char_tags": tags,
        })
    return rows


def load_corpus_dataset(corpus: str | Path = "corpus"):
    """Load ``corpus/gold/{train,dev,test}.jsonl`` as a ``DatasetDict`` (``train``, ``validation``, ``test``).

    Columns: ``id``, ``text``, ``entities``, ``relations``, ``sections`` (lists of records as in
    the JSONL), ``meta`` (a JSON string), and character-level ``chars`` / ``char_tags`` (IOB2).

    Raises:
        MissingDependencyError: if ``datasets`` is not installed.
        ConfigError: if the corpus has no gold split files.
    """
    try:
        from datasets import Dataset, DatasetDict
    except ImportError:
        raise MissingDependencyError("datasets", "train") from None
    gold = Path(corpus) / "gold"
    found = {name: gold / f"{file}.jsonl" for file, name in SPLITS.items() if (gold / f"{file}.jsonl").is_file()}
    if not found:
        raise ConfigError(f"no gold split files (train/dev/test.jsonl) in {str(gold)!r}")
    return DatasetDict({name: Dataset.from_list(_rows(path)) for name, path in found.items()})
