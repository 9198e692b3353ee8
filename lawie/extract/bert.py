"""A BERT encoder for inference in plain torch, reading Hugging Face ``BertModel`` weights.

Importing ``transformers``' modelling code costs 1.5 s on a 2-core machine, half of lawie's
first-call budget. For the common case, a BERT encoder (lawie's own model), this module runs
the same computation without it: the state-dict keys, layer norms, exact GELU and attention
are those of ``transformers.BertModel`` (tests compare the two). Other architectures load
through ``transformers.AutoModel`` as before.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import torch
from torch import nn
from torch.nn import functional as F

#: ``config.json`` fields this encoder honours; a config with other values uses transformers.
_SUPPORTED = {"model_type": "bert", "hidden_act": "gelu", "position_embedding_type": "absolute"}


def supports(config: dict) -> bool:
    """Whether ``config`` (a ``config.json`` as a dict) describes an encoder this module can run."""
    return all(config.get(key, default) == default for key, default in _SUPPORTED.items()) and not config.get(
        "is_decoder", False)


class _Embeddings(nn.Module):
    def __init__(self, c: SimpleNamespace) -> None:
        super().__init__()
        self.word_embeddings = nn.Embedding(c.vocab_size, c.hidden_size, padding_idx=c.pad_token_id)
        self.position_embeddings = nn.Embedding(c.max_position_embeddings, c.hidden_size)
        self.token_type_embeddings = nn.Embedding(c.type_vocab_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(input_ids.shape[1], device=input_ids.device)
        x = self.word_embeddings(input_ids) + self.position_embeddings(positions) + self.token_type_embeddings.weight[0]
        return self.LayerNorm(x)


class _SelfAttention(nn.Module):
    def __init__(self, c: SimpleNamespace) -> None:
        super().__init__()
        self.heads = c.num_attention_heads
        self.query = nn.Linear(c.hidden_size, c.hidden_size)
        self.key = nn.Linear(c.hidden_size, c.hidden_size)
        self.value = nn.Linear(c.hidden_size, c.hidden_size)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, n, h = x.shape

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(b, n, self.heads, h // self.heads).transpose(1, 2)

        out = F.scaled_dot_product_attention(split(self.query(x)), split(self.key(x)), split(self.value(x)), attn_mask=bias)
        return out.transpose(1, 2).reshape(b, n, h)


class _Output(nn.Module):
    def __init__(self, d_in: int, d_out: int, eps: float) -> None:
        super().__init__()
        self.dense = nn.Linear(d_in, d_out)
        self.LayerNorm = nn.LayerNorm(d_out, eps=eps)

    def forward(self, x: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(self.dense(x) + residual)


class _Attention(nn.Module):
    def __init__(self, c: SimpleNamespace) -> None:
        super().__init__()
        self.self = _SelfAttention(c)
        self.output = _Output(c.hidden_size, c.hidden_size, c.layer_norm_eps)


class _Intermediate(nn.Module):
    def __init__(self, c: SimpleNamespace) -> None:
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.intermediate_size)


class _Layer(nn.Module):
    def __init__(self, c: SimpleNamespace) -> None:
        super().__init__()
        self.attention = _Attention(c)
        self.intermediate = _Intermediate(c)
        self.output = _Output(c.intermediate_size, c.hidden_size, c.layer_norm_eps)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        x = self.attention.output(self.attention.self(x, bias), x)
        return self.output(F.gelu(self.intermediate.dense(x)), x)


class _Stack(nn.Module):
    def __init__(self, c: SimpleNamespace) -> None:
        super().__init__()
        self.layer = nn.ModuleList(_Layer(c) for _ in range(c.num_hidden_layers))


class BertEncoder(nn.Module):
    """``transformers.BertModel`` without the pooler, for inference (no dropout)."""

    def __init__(self, config: dict) -> None:
        super().__init__()
        defaults = {"pad_token_id": 0, "type_vocab_size": 2, "layer_norm_eps": 1e-12, "max_position_embeddings": 512}
        self.config = SimpleNamespace(**{**defaults, **config})
        self.embeddings = _Embeddings(self.config)
        self.encoder = _Stack(self.config)

    @classmethod
    def from_config_file(cls, path: Path) -> BertEncoder:
        """Build (uninitialised weights) from a Hugging Face ``config.json``."""
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> SimpleNamespace:
        """``.last_hidden_state``: ``(batch, tokens, hidden)``, as ``BertModel`` returns it."""
        dtype = self.embeddings.word_embeddings.weight.dtype
        bias = (1.0 - attention_mask[:, None, None, :].to(dtype)) * torch.finfo(dtype).min
        x = self.embeddings(input_ids)
        for layer in self.encoder.layer:
            x = layer(x, bias)
        return SimpleNamespace(last_hidden_state=x)


def load_state(module: nn.Module, state: dict[str, torch.Tensor], prefix: str) -> None:
    """Copy the weights under ``prefix`` (e.g. ``"encoder."``) into ``module``; pooler weights are ignored.

    Raises:
        KeyError: naming the first weight ``module`` needs that ``state`` lacks.
    """
    own = module.state_dict()
    for name in own:
        key = prefix + name
        if key not in state:
            raise KeyError(key)
        own[name].copy_(state[key])
