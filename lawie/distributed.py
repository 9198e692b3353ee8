"""Running lawie over large collections on existing engines: Dask (bags) and Hugging Face ``datasets``.

Both call the same core as :func:`lawie.batch.parse_reports`: each worker
builds the default pipeline once and parses its share of the inputs.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from lawie.batch import BatchResult, _init_worker, _parse_one
from lawie.errors import MissingDependencyError


def _parse_record(item: tuple[int, str | Path], model: str | None) -> dict:
    from lawie import batch

    if batch._PIPELINE is None:
        _init_worker(model, 1)
    result: BatchResult = _parse_one(item)
    record = result.report.to_dict() if result.report else None
    return {"source": result.source, "error": result.error, "record": record}


def dask_bag(paths: Sequence[str | Path], *, npartitions: int | None = None, model: str | None = None):
    """A ``dask.bag.Bag`` of ``{"source", "error", "record"}`` dicts, one per input file (lazy).

    ``record`` is the corpus JSONL record of the report (``None`` on error). Compute it
    with any Dask scheduler, e.g. ``bag.compute(scheduler="processes")`` locally or a
    ``dask.distributed`` cluster; write it with ``bag.map(json.dumps).to_textfiles(...)``.
    """
    try:
        import dask.bag as db
    except ImportError:
        raise MissingDependencyError("dask", "distributed") from None
    items = [(i, Path(p)) for i, p in enumerate(paths)]
    bag = db.from_sequence(items, npartitions=npartitions or max(1, min(len(items), 64)))
    return bag.map(_parse_record, model=model)


def parse_dataset(dataset, *, text_column: str = "text", num_proc: int | None = None, model: str | None = None):
    """Add lawie's results to a Hugging Face ``datasets.Dataset`` with ``Dataset.map``.

    New columns: ``lawie`` (the corpus JSONL record as a JSON string), ``title``,
    ``year``, ``n_sections``, ``n_entities`` and ``error``.
    """

    def parse(row: dict, idx: int) -> dict:
        out = _parse_record((idx, row[text_column]), model)
        rec = out["record"] or {}
        meta = rec.get("meta", {})
        return {"lawie": json.dumps(rec, ensure_ascii=False) if rec else "", "title": meta.get("title") or "",
                "year": meta.get("year") or 0, "n_sections": len(rec.get("sections", [])),
                "n_entities": len(rec.get("entities", [])), "error": out["error"] or ""}

    return dataset.map(parse, with_indices=True, num_proc=num_proc)
