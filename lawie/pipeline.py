"""The pipeline: segmentation, then extraction, assembled into a :class:`Report`."""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path

from lawie.errors import InputError
from lawie.extract.base import Extraction, Extractor, NullExtractor
from lawie.segment import Segmentation, segment
from lawie.segment.noise import is_noise_line
from lawie.text import line_spans, strip_span
from lawie.types import Meta, Report

logger = logging.getLogger(__name__)

#: Environment variable naming a model directory to use instead of the shipped one.
MODEL_DIR_ENV = "LAWIE_MODEL_DIR"


def text_units(seg: Segmentation, text: str) -> list[tuple[int, int]]:
    """The spans an extractor reads, in order: preamble, heading titles, paragraphs, closing,
    and boilerplate lines (their dates and counters are entities too). Nothing else is text."""
    units = [(p.start, p.end) for p in seg.preamble + seg.closing]
    for root in seg.sections:
        for section in root.walk():
            if section.title_end > section.title_start:
                units.append((section.title_start, section.title_end))
            units += [(p.start, p.end) for p in section.paragraphs]
    units += [strip_span(text, lo, hi) for lo, hi in line_spans(text) if is_noise_line(text[lo:hi])]
    return sorted(u for u in units if u[1] > u[0])


class Pipeline:
    """Segmenter plus an extractor; turns text into :class:`Report` objects.

    Args:
        extractor: what finds entities and relations; :class:`NullExtractor`
            (segmentation and metadata only) when ``None``.
    """

    def __init__(self, extractor: Extractor | None = None) -> None:
        self.extractor: Extractor = extractor if extractor is not None else NullExtractor()

    @classmethod
    def from_dir(cls, path: str | Path, device: str | None = None, rules: bool = True,
                 quantize: bool | None = None, runtime: str | None = None) -> Pipeline:
        """A pipeline whose extractor is the trained model in ``path``.

        Args:
            path: a directory written by ``lawie train``.
            device: ``"cpu"``, ``"cuda"`` or ``"cuda:N"`` (default: the CPU under ONNX Runtime
                when the model has ONNX graphs, else CUDA if available).
            rules: let the rule patterns the model was shipped with fill in its gaps.
            quantize: int8 linear layers (default: on for CPU unless ``LAWIE_QUANTIZE=0``).
            runtime: ``"auto"`` (default), ``"onnx"`` or ``"torch"``; see
                :func:`lawie.extract.loading.choose_runtime`.

        Raises:
            ModelNotFoundError: if ``path`` holds no lawie model.
            MissingDependencyError: if torch/transformers are not installed.
        """
        from lawie.extract.loading import load_extractor

        return cls(load_extractor(Path(path), device=device, rules=rules, quantize=quantize, runtime=runtime))

    @classmethod
    def default(cls) -> Pipeline:
        """The pipeline :func:`parse_report` uses (built once, then cached).

        Its model is ``$LAWIE_MODEL_DIR`` if set, else the model shipped in the
        package. Without either, entities are left empty and a warning is logged.
        """
        return _default_pipeline()

    def parse(self, text: str, *, id: str = "", meta: Meta | None = None) -> Report:
        """Parse one report.

        Args:
            text: the report text, unmodified (offsets refer to it).
            id: a document id for the report.
            meta: provenance to merge into the metadata (``source``, ``reader``).

        Raises:
            InputError: if ``text`` is not a ``str``.
        """
        if not isinstance(text, str):
            raise InputError(
                f"expected the report text as str, got {type(text).__name__}; "
                "decode bytes first or read files with lawie.read_text(path)"
            )
        seg = segment(text)
        extraction = self.extractor.extract(text, text_units(seg, text)) if text.strip() else Extraction()
        found = seg.meta
        if meta is not None:
            found = _with_provenance(found, meta)
        return Report(
            text=text,
            id=id,
            meta=found,
            sections=seg.sections,
            preamble=seg.preamble,
            closing=seg.closing,
            entities=extraction.entities,
            relations=extraction.relations,
        )


def _with_provenance(meta: Meta, extra: Meta) -> Meta:
    from dataclasses import replace

    return replace(meta, source=extra.source or meta.source, reader=extra.reader or meta.reader)


@functools.lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    from lawie.extract.loading import shipped_model_dir

    env = os.environ.get(MODEL_DIR_ENV)
    if env:
        return Pipeline.from_dir(env)
    shipped = shipped_model_dir()
    if shipped is not None:
        return Pipeline.from_dir(shipped)
    logger.warning("no lawie model is installed: reports get sections and metadata but no entities")
    return Pipeline(NullExtractor())


def parse_report(text: str, *, id: str = "") -> Report:
    """Parse one report with the default pipeline.

    >>> report = parse_report("一、主要举措和成效\\n全年调处矛盾纠纷120余起。")
    >>> [s.title for s in report.walk()]
    ['主要举措和成效']
    """
    return Pipeline.default().parse(text, id=id)
