"""A tiny smoke training through the CLI, offline, on a tiny random encoder built here."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from lawie.cli import main
from lawie.errors import ConfigError, ModelNotFoundError
from lawie.train.config import TrainConfig

TINY = Path(__file__).resolve().parent / "data" / "tiny"


@pytest.fixture(scope="module")
def tiny_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random 1-layer BERT with lawie's character tokenizer, saved like a user's local checkpoint."""
    import torch
    from transformers import BertConfig, BertModel

    from training.vocab import build_char_tokenizer

    torch.manual_seed(0)
    out = tmp_path_factory.mktemp("base")
    texts = [json.loads(line)["text"] for f in sorted((TINY / "gold").glob("*.jsonl")) for line in f.open(encoding="utf-8")]
    tokenizer = build_char_tokenizer(texts, min_count=1)
    config = BertConfig(vocab_size=len(tokenizer), hidden_size=48, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=96, max_position_embeddings=512)
    BertModel(config).save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    return out


def test_training_smoke_writes_a_loadable_model(tiny_base: Path, tmp_path: Path) -> None:
    out = tmp_path / "model"
    code = main(["train", "--corpus", str(TINY), "--base-model", str(tiny_base), "--output", str(out),
                 "--epochs", "2", "-q"])
    assert code == 0
    assert {"config.json", "labels.json", "model.safetensors", "metrics.json", "train_config.json"} <= {
        p.name for p in out.iterdir()}
    metrics = json.loads((out / "metrics.json").read_text())
    assert len(metrics["history"]) == 2 and "dev_entity_f1" in metrics["history"][0]
    import lawie

    config = json.loads((out / "config.json").read_text())
    assert config["rule_labels"] == list(TrainConfig().rule_labels) and config["rules_first"] is True
    text = "一、工作情况\n全年调处矛盾纠纷120余起。"
    for e in lawie.load(str(out), rules=False).parse(text).entities:
        assert text[e.start : e.end] == e.text and e.source == "model"
    combined = lawie.load(str(out)).parse(text)
    assert ("120余起", "rules") in {(e.text, e.source) for e in combined.entities}
    assert main(["evaluate", str(TINY / "gold" / "dev.jsonl"), "--model", str(out), "-q"]) == 0


def test_training_fits_its_training_data(tiny_base: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "gold").mkdir(parents=True)
    shutil.copy(TINY / "gold" / "train.jsonl", corpus / "gold" / "train.jsonl")
    config = tmp_path / "c.toml"
    config.write_text("epochs = 60\nbatch_size = 4\nlr = 0.003\nhalf = false\nrule_labels = []\n", encoding="utf-8")
    out = tmp_path / "model"
    assert main(["train", "--corpus", str(corpus), "--base-model", str(tiny_base), "--output", str(out),
                 "--config", str(config), "-q"]) == 0
    import lawie
    from lawie.evaluation import evaluate_reports
    from lawie.io.corpus_format import read_jsonl

    gold = list(read_jsonl(corpus / "gold" / "train.jsonl"))
    pipeline = lawie.load(str(out))
    scores = evaluate_reports(gold, [pipeline.parse(r.text) for r in gold], sections=False)
    assert scores.micro.f1 > 0.8, scores.as_dict()


def test_training_clear_errors(tiny_base: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no gold/ folder"):
        from lawie.train.loop import train

        train(tmp_path, tiny_base, tmp_path / "o", TrainConfig(epochs=1), progress=False)
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "train.jsonl").write_text("", encoding="utf-8")
    from lawie.errors import CorpusFormatError

    with pytest.raises(CorpusFormatError, match="no training documents"):
        train(tmp_path, tiny_base, tmp_path / "o", TrainConfig(epochs=1), progress=False)
    with pytest.raises(ModelNotFoundError, match="does not exist"):
        train(TINY, tmp_path / "nope", tmp_path / "o", TrainConfig(epochs=1), progress=False)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelNotFoundError, match="not a usable Hugging Face checkpoint"):
        train(TINY, tmp_path / "empty", tmp_path / "o", TrainConfig(epochs=1), progress=False)


def test_training_config_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("epochs = 3\nlr = 1\n", encoding="utf-8")
    assert TrainConfig.from_toml(path).lr == 1.0
    later = tmp_path / "later.toml"
    later.write_text("lr = 0.5\nseed = 7\n", encoding="utf-8")
    layered = TrainConfig.from_toml(path, later)
    assert (layered.epochs, layered.lr, layered.seed) == (3, 0.5, 7)
    path.write_text("epoch = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown setting"):
        TrainConfig.from_toml(path)
    path.write_text("epochs = 'many'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="epochs must be int"):
        TrainConfig.from_toml(path)


def test_fast_inference_path_matches_transformers(tiny_base: Path, tmp_path: Path) -> None:
    from lawie.extract.hf import ModelExtractor, load_model_dir

    out = tmp_path / "model"
    assert main(["train", "--corpus", str(TINY), "--base-model", str(tiny_base), "--output", str(out),
                 "--epochs", "3", "-q"]) == 0
    text = (TINY / "gold" / "train.jsonl").read_text(encoding="utf-8").split('"text": "')[1].split('"')[0]
    import torch

    results, hidden = [], []
    for fast in (True, False):
        model, tokenizer, config = load_model_dir(out, fast=fast)
        results.append(ModelExtractor(model, tokenizer, config).extract(text, [(0, len(text))]))
        enc = tokenizer([text[:200]], return_offsets_mapping=True, padding=True, truncation=True, max_length=512,
                        return_tensors="np")
        with torch.no_grad():
            hidden.append(model.encode(torch.as_tensor(enc["input_ids"]), torch.as_tensor(enc["attention_mask"])))
    assert torch.allclose(hidden[0], hidden[1], atol=1e-5)
    assert results[0] == results[1]
    assert type(load_model_dir(out)[0].encoder).__module__ == "lawie.extract.bert"


def test_quantized_model_is_int8_and_close(tiny_base: Path, tmp_path: Path) -> None:
    import torch

    from lawie.extract.hf import ModelExtractor

    out = tmp_path / "model"
    assert main(["train", "--corpus", str(TINY), "--base-model", str(tiny_base), "--output", str(out),
                 "--epochs", "2", "-q"]) == 0
    plain, quant = ModelExtractor.from_dir(out, device="cpu", quantize=False), ModelExtractor.from_dir(out, device="cpu")
    assert isinstance(plain.model.tagger, torch.nn.Linear)
    assert "quantized" in type(quant.model.tagger).__module__
    ids = torch.tensor([[2, 10, 11, 12, 3]])
    mask = torch.ones_like(ids)
    with torch.no_grad():
        a = plain.model.tag_logits(plain.model.encode(ids, mask))
        b = quant.model.tag_logits(quant.model.encode(ids, mask))
    assert torch.allclose(a, b, atol=0.1)


@pytest.fixture(scope="module")
def tiny_model(tiny_base: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("trained") / "model"
    assert main(["train", "--corpus", str(TINY), "--base-model", str(tiny_base), "--output", str(out),
                 "--epochs", "3", "-q"]) == 0
    return out


def test_export_onnx_float_graphs_give_the_torch_results(tiny_model: Path) -> None:
    pytest.importorskip("onnx")
    pytest.importorskip("onnxruntime")
    from lawie.extract.hf import ModelExtractor
    from lawie.extract.onnx_runtime import OnnxExtractor

    assert main(["export-onnx", str(tiny_model), "--float32"]) == 0
    texts = [json.loads(line)["text"] for line in (TINY / "gold" / "train.jsonl").open(encoding="utf-8")]
    torch_ex, onnx_ex = ModelExtractor.from_dir(tiny_model, device="cpu", quantize=False), OnnxExtractor.from_dir(tiny_model)
    hidden = [torch_ex.runtime.tag_log_probs(*_ids(torch_ex, texts[0])), onnx_ex.runtime.tag_log_probs(*_ids(onnx_ex, texts[0]))]
    import numpy as np

    assert np.allclose(hidden[0][1], hidden[1][1], atol=1e-4)
    for text in texts:
        assert torch_ex.extract(text, [(0, len(text))]) == onnx_ex.extract(text, [(0, len(text))])


def _ids(extractor, text: str):
    enc = extractor.tokenizer([text[:200]], return_offsets_mapping=True, padding=True, truncation=True, max_length=512,
                              return_tensors="np")
    import numpy as np

    return np.asarray(enc["input_ids"], dtype=np.int64), np.asarray(enc["attention_mask"], dtype=np.int64)


def test_runtime_choice(tiny_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("onnx")
    pytest.importorskip("onnxruntime")
    from lawie.extract.loading import choose_runtime
    from lawie.extract.onnx_export import export_onnx

    export_onnx(tiny_model)
    monkeypatch.delenv("LAWIE_RUNTIME", raising=False)
    monkeypatch.delenv("LAWIE_QUANTIZE", raising=False)
    assert choose_runtime(tiny_model) == "onnx"
    assert choose_runtime(tiny_model, device="cuda") == "torch"
    assert choose_runtime(tiny_model, quantize=False) == "torch"
    monkeypatch.setenv("LAWIE_RUNTIME", "torch")
    assert choose_runtime(tiny_model) == "torch"
    with pytest.raises(ConfigError, match="unknown runtime 'tpu'"):
        choose_runtime(tiny_model, "tpu")
    weights = tiny_model / "model.safetensors"
    original = weights.read_bytes()
    try:
        weights.write_bytes(original + b" ")  # weights changed after the export: the graphs are stale
        assert choose_runtime(tiny_model, "auto") == "torch"
        with pytest.raises(ModelNotFoundError, match="made from other weights"):
            choose_runtime(tiny_model, "onnx")
    finally:
        weights.write_bytes(original)
    shutil.rmtree(tiny_model / "onnx")
    with pytest.raises(ModelNotFoundError, match="lawie export-onnx"):
        choose_runtime(tiny_model, "onnx")
