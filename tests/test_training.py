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
                        return_tensors="pt")
        with torch.no_grad():
            hidden.append(model.encode(enc["input_ids"], enc["attention_mask"]))
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
