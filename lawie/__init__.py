"""lawie: structured data from Chinese annual rule-of-law reports.

>>> import lawie
>>> report = lawie.parse_report(text)          # doctest: +SKIP
>>> report.meta.title, [s.title for s in report.walk()]   # doctest: +SKIP
"""

import logging

from lawie.errors import (
    ConfigError,
    CorpusFormatError,
    InputError,
    LawieError,
    MissingDependencyError,
    ModelNotFoundError,
    SegmentationError,
)
from lawie.io.readers import read_text
from lawie.labels import Label, RelationType, SectionKind
from lawie.pipeline import Pipeline, parse_report
from lawie.types import Entity, Indicator, Meta, Paragraph, Relation, Report, Section

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "CorpusFormatError",
    "Entity",
    "Indicator",
    "InputError",
    "Label",
    "LawieError",
    "Meta",
    "MissingDependencyError",
    "ModelNotFoundError",
    "Paragraph",
    "Pipeline",
    "Relation",
    "RelationType",
    "Report",
    "Section",
    "SectionKind",
    "SegmentationError",
    "__version__",
    "load",
    "parse_report",
    "read_text",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def load(path: str, device: str | None = None, rules: bool = True, quantize: bool | None = None,
         runtime: str | None = None) -> Pipeline:
    """Load the model directory ``path`` (the output of ``lawie train``) as a :class:`Pipeline`.

    Args:
        path: the model directory.
        device: ``"cpu"``, ``"cuda"`` or ``"cuda:N"`` (default: the CPU under ONNX Runtime when
            the model has ONNX graphs and onnxruntime is installed, else CUDA if available).
        rules: let the rule patterns the model ships with fill in its gaps (``source="rules"``).
        quantize: run the linear layers in int8, about twice as fast on CPU with the same
            scores (docs/evaluation.md); default on for CPU unless ``LAWIE_QUANTIZE=0``.
        runtime: ``"auto"`` (default, or ``$LAWIE_RUNTIME``), ``"onnx"`` (ONNX Runtime, no torch
            import) or ``"torch"``.
    """
    return Pipeline.from_dir(path, device=device, rules=rules, quantize=quantize, runtime=runtime)
