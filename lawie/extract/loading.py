"""Finding and loading model directories: the one place that decides which model is used."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import replace
from pathlib import Path

from lawie.errors import ConfigError, MissingDependencyError, ModelNotFoundError
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


#: Environment variable that picks the runtime: ``torch``, ``onnx`` or ``auto`` (the default).
RUNTIME_ENV = "LAWIE_RUNTIME"
RUNTIMES = ("auto", "onnx", "torch")


def choose_runtime(path: Path, runtime: str | None = None, device: str | None = None,
                   quantize: bool | None = None) -> str:
    """``"onnx"`` or ``"torch"``: which runtime :func:`load_extractor` uses for ``path``.

    ``auto`` (the default, or the environment variable ``LAWIE_RUNTIME``) takes ONNX Runtime
    when the directory has current ONNX graphs, onnxruntime is installed, and neither a GPU
    (``device``) nor float weights (``quantize=False``) were asked for; torch otherwise.

    Raises:
        ConfigError: for an unknown runtime name.
        ModelNotFoundError: if ``onnx`` is asked for and the directory cannot run under it.
    """
    from lawie.extract.onnx_runtime import onnx_status

    runtime = (runtime or os.environ.get(RUNTIME_ENV) or "auto").lower()
    if runtime not in RUNTIMES:
        raise ConfigError(f"unknown runtime {runtime!r}; expected one of {', '.join(RUNTIMES)} "
                          f"(argument runtime= or the environment variable {RUNTIME_ENV})")
    if runtime == "torch":
        return "torch"
    problem = onnx_status(path)
    if runtime == "onnx":
        if problem:
            raise ModelNotFoundError(f"{str(path)!r} cannot run under ONNX Runtime: {problem}")
        return "onnx"
    wants_torch = device not in (None, "cpu") or quantize is False or os.environ.get("LAWIE_QUANTIZE") == "0"
    return "torch" if problem or wants_torch else "onnx"


def load_extractor(path: Path, device: str | None = None, rules: bool = True,
                   quantize: bool | None = None, runtime: str | None = None) -> Extractor:
    """Load the trained extractor in ``path``.

    If the model's ``config.json`` lists ``rule_labels``, the rule patterns for those
    labels fill in what the model left out (:class:`~lawie.extract.rules.CombinedExtractor`), and
    for ``rules_only_labels`` replace the model's entities altogether, and with
    ``model_windows = "numeric"`` the model reads only the windows that hold a number
    (the rules read all the text), unless ``rules`` is false. ``quantize``: see :meth:`ModelExtractor.from_dir`;
    ``runtime``: see :func:`choose_runtime`.

    Raises:
        ModelNotFoundError: if ``path`` is not a lawie model directory.
        MissingDependencyError: if torch or transformers is missing (torch runtime).
    """
    check_model_dir(path)
    from lawie.extract.rules import CombinedExtractor
    from lawie.labels import Label

    if choose_runtime(path, runtime, device, quantize) == "onnx":
        from lawie.extract.onnx_runtime import OnnxExtractor

        extractor = OnnxExtractor.from_dir(path)
    else:
        for package in ("torch", "transformers"):
            if importlib.util.find_spec(package) is None:
                raise MissingDependencyError(package, "model")
        from lawie.extract.hf import ModelExtractor

        extractor = ModelExtractor.from_dir(path, device=device, quantize=quantize)
    if not rules and extractor.config.model_windows != "all":
        # "numeric" leaves the windows without numbers to the rules; without rules the model reads everything
        extractor.config = replace(extractor.config, model_windows="all")
    if rules and extractor.config.rule_labels:
        labels = [Label.parse(lb) for lb in extractor.config.rule_labels]
        rules_only = [Label.parse(lb) for lb in extractor.config.rules_only_labels]
        return CombinedExtractor(extractor, labels, rules_first=extractor.config.rules_first, rules_only=rules_only)
    return extractor
