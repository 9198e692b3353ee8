"""Finding and loading model directories: the one place that decides which model is used."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from lawie.errors import MissingDependencyError, ModelNotFoundError
from lawie.extract.base import Extractor

#: Files every lawie model directory holds.
MODEL_FILES = ("config.json", "labels.json")


def shipped_model_dir() -> Path | None:
    """The model directory shipped inside the package, or ``None`` if this install has none."""
    path = Path(__file__).resolve().parent.parent / "models" / "default"
    return path if all((path / f).is_file() for f in MODEL_FILES) else None


def check_model_dir(path: Path) -> None:
    """Raise :class:`ModelNotFoundError` unless ``path`` looks like a lawie model directory."""
    if not path.is_dir():
        raise ModelNotFoundError(
            f"model directory {str(path)!r} does not exist; train one with "
            "'lawie train --corpus corpus/ --output DIR' or unset LAWIE_MODEL_DIR to use the shipped model"
        )
    missing = [f for f in MODEL_FILES if not (path / f).is_file()]
    if missing:
        raise ModelNotFoundError(
            f"{str(path)!r} is not a lawie model directory (missing {', '.join(missing)}); "
            "it must be the --output of 'lawie train'"
        )


def load_extractor(path: Path, device: str | None = None, rules: bool = True,
                   quantize: bool | None = None) -> Extractor:
    """Load the trained extractor in ``path``.

    If the model's ``config.json`` lists ``rule_labels``, the rule patterns for those
    labels fill in what the model left out (:class:`~lawie.extract.rules.CombinedExtractor`), and
    for ``rules_only_labels`` replace the model's entities altogether,
    unless ``rules`` is false. ``quantize``: see :meth:`ModelExtractor.from_dir`.

    Raises:
        ModelNotFoundError: if ``path`` is not a lawie model directory.
        MissingDependencyError: if torch or transformers is missing.
    """
    check_model_dir(path)
    for package in ("torch", "transformers"):
        if importlib.util.find_spec(package) is None:
            raise MissingDependencyError(package, "model")
    from lawie.extract.hf import ModelExtractor
    from lawie.extract.rules import CombinedExtractor
    from lawie.labels import Label

    extractor = ModelExtractor.from_dir(path, device=device, quantize=quantize)
    if rules and extractor.config.rule_labels:
        labels = [Label.parse(lb) for lb in extractor.config.rule_labels]
        rules_only = [Label.parse(lb) for lb in extractor.config.rules_only_labels]
        return CombinedExtractor(extractor, labels, rules_first=extractor.config.rules_first, rules_only=rules_only)
    return extractor
