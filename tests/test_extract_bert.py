"""lawie's inference BERT gives transformers' BertModel outputs, and loads lawie models without transformers."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from lawie.extract import bert  # noqa: E402


def test_bert_encoder_matches_transformers() -> None:
    torch.manual_seed(0)
    config = transformers.BertConfig(vocab_size=50, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                                     intermediate_size=64, max_position_embeddings=64)
    reference = transformers.BertModel(config).eval()
    ours = bert.BertEncoder(config.to_dict()).eval()
    bert.load_state(ours, reference.state_dict(), prefix="")
    ids = torch.randint(1, 50, (3, 11))
    mask = torch.ones_like(ids)
    mask[1, 7:] = 0
    with torch.no_grad():
        expected = reference(input_ids=ids, attention_mask=mask).last_hidden_state
        got = ours(input_ids=ids, attention_mask=mask).last_hidden_state
    keep = mask.bool()
    assert torch.allclose(got[keep], expected[keep], atol=1e-5)


def test_supports_only_plain_bert() -> None:
    assert bert.supports({"model_type": "bert", "hidden_act": "gelu"})
    assert not bert.supports({"model_type": "roberta"})
    assert not bert.supports({"model_type": "bert", "hidden_act": "relu"})


def test_load_state_names_a_missing_weight() -> None:
    ours = bert.BertEncoder({"vocab_size": 10, "hidden_size": 8, "num_hidden_layers": 1, "num_attention_heads": 2,
                             "intermediate_size": 16})
    with pytest.raises(KeyError, match="embeddings.word_embeddings.weight"):
        bert.load_state(ours, {}, prefix="")
