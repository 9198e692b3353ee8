"""Parsing many reports: streaming, in input order, on all cores, one bad file never stopping the rest."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lawie.errors import LawieError
from lawie.types import Meta, Report


@dataclass(frozen=True, slots=True)
class BatchResult:
    """The outcome for one input: a report, or the error that stopped it."""

    source: str
    report: Report | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the input was parsed."""
        return self.report is not None


Input = str | Path

_PIPELINE = None  # the worker's pipeline, built once per process


def _init_worker(model: str | None, threads: int | None) -> None:
    global _PIPELINE
    if threads is not None:
        try:
            import torch

            torch.set_num_threads(threads)
        except ImportError:
            pass
    from lawie.pipeline import Pipeline

    _PIPELINE = Pipeline.from_dir(model) if model else Pipeline.default()


def _is_path(item: Input) -> bool:
    if isinstance(item, Path):
        return True
    return "\n" not in item and len(item) < 1024 and os.path.isfile(item)


def _parse_one(indexed: tuple[int, Input]) -> BatchResult:
    from lawie.io.readers import read_document

    index, item = indexed
    source = str(item) if _is_path(item) else f"<text {index}>"
    try:
        if _is_path(item):
            doc = read_document(item)
            report = _PIPELINE.parse(doc.text, id=Path(doc.source).stem, meta=Meta(source=doc.source, reader=doc.reader))
        else:
            report = _PIPELINE.parse(str(item), id=f"text-{index}")
        return BatchResult(source, report)
    except LawieError as err:
        return BatchResult(source, error=str(err))
    except Exception as err:
        return BatchResult(source, error=f"{type(err).__name__}: {err}")


def parse_reports(items: Iterable[Input], *, n_process: int = 1, batch_size: int = 4, model: str | None = None,
                  progress: bool = False) -> Iterator[BatchResult]:
    """Parse files or texts, yielding a :class:`BatchResult` per input, in input order.

    Args:
        items: ``pathlib.Path`` objects or strings; a string naming an existing file
            is read as a file (txt, docx, pdf, html), any other string is report text.
        n_process: worker processes; ``-1`` for one per CPU core. Each worker loads
            the model once and runs with one torch thread.
        batch_size: inputs handed to a worker at a time.
        model: a model directory (default: ``$LAWIE_MODEL_DIR`` or the shipped model).
        progress: show a progress bar on stderr.
    """
    items = list(items)
    n_process = os.cpu_count() or 1 if n_process == -1 else max(1, n_process)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(items), desc="parsing", unit="doc")
    try:
        if n_process == 1:
            _init_worker(model, None)
            results: Iterable[BatchResult] = map(_parse_one, enumerate(items))
            for result in results:
                if bar:
                    bar.update(1)
                yield result
            return
        with ProcessPoolExecutor(n_process, initializer=_init_worker, initargs=(model, 1)) as pool:
            for result in pool.map(_parse_one, enumerate(items), chunksize=batch_size):
                if bar:
                    bar.update(1)
                yield result
    finally:
        if bar:
            bar.close()
