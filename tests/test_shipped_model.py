"""Inference with the model shipped inside the package (offline, CPU)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from lawie.extract.loading import shipped_model_dir

pytestmark = pytest.mark.skipif(shipped_model_dir() is None, reason="this checkout ships no model")

SEED = Path(__file__).resolve().parent.parent / "corpus" / "raw" / "seeds" / "001_fde4d6334961397a.txt"


@pytest.fixture(scope="module")
def report():
    import lawie

    return lawie.parse_report(SEED.read_text(encoding="utf-8"), id="seed-001")


def test_shipped_model_is_the_default(report) -> None:
    import lawie

    assert lawie.Pipeline.default().extractor.name in ("model", "model+rules")
    assert report.meta.title == "关于2023年法治政府建设情况的报告"


def test_shipped_model_entities_are_valid(report) -> None:
    assert report.entities, "the shipped model found nothing in a seed report"
    for e in report.entities:
        assert report.text[e.start : e.end] == e.text and e.source in ("model", "rules")
    spans = sorted((e.start, e.end) for e in report.entities)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    by_id = {e.id: e for e in report.entities}
    for r in report.relations:
        assert by_id[r.head].label.value == "METRIC" and by_id[r.tail].label.value in ("COUNT", "RATE", "MONEY")


def test_shipped_model_finds_the_document_number_and_dates(report) -> None:
    found = {(e.label.value, e.text) for e in report.entities}
    assert ("DOCNO", "双土委文〔2024〕2号") in found
    assert ("DATE", "2024年1月15日") in found


def test_shipped_model_size_is_small() -> None:
    size = sum(p.stat().st_size for p in shipped_model_dir().rglob("*") if p.is_file())
    assert size < 50 * 1024 * 1024


@pytest.mark.skipif(importlib.util.find_spec("onnxruntime") is None, reason="onnxruntime is not installed")
def test_shipped_model_runs_under_onnx_runtime_without_importing_torch() -> None:
    code = ("import sys, lawie; r = lawie.parse_report(open(sys.argv[1], encoding='utf-8').read()); "
            "print(lawie.Pipeline.default().extractor.primary.__class__.__name__, 'torch' in sys.modules, len(r.entities))")
    out = subprocess.run([sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, check=True,
                         env={k: v for k, v in os.environ.items() if k not in ("LAWIE_RUNTIME", "LAWIE_MODEL_DIR")})
    runtime, torch_imported, n_entities = out.stdout.split()
    assert (runtime, torch_imported) == ("OnnxExtractor", "False") and int(n_entities) > 20


@pytest.mark.skipif(importlib.util.find_spec("onnxruntime") is None, reason="onnxruntime is not installed")
def test_shipped_onnx_graphs_match_the_shipped_weights() -> None:
    from lawie.extract.onnx_runtime import onnx_status

    assert onnx_status(shipped_model_dir()) is None, "re-export: lawie export-onnx lawie/models/default"


def test_onnx_and_torch_runtimes_agree_on_a_seed() -> None:
    pytest.importorskip("onnxruntime")
    import lawie

    text = SEED.read_text(encoding="utf-8")
    found = [{(e.label, e.start, e.end) for e in lawie.load(str(shipped_model_dir()), runtime=rt).parse(text).entities}
             for rt in ("onnx", "torch")]
    agree = len(found[0] & found[1]) / max(len(found[0] | found[1]), 1)
    assert agree > 0.95  # both int8, by different kernels: a span or two may differ


def test_shipped_model_reads_every_window_without_rules() -> None:
    import lawie

    with_rules, alone = lawie.load(str(shipped_model_dir())), lawie.load(str(shipped_model_dir()), rules=False)
    assert with_rules.extractor.primary.config.model_windows == "numeric"
    assert alone.extractor.config.model_windows == "all"  # nothing is left unread when no rules fill in
