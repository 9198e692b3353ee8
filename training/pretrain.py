"""Masked-language-model pretraining of lawie's compact character-level encoder.

Resumable: the run directory keeps the latest checkpoint (model, optimizer,
step, RNG); running the same command again continues from it. A log of the
loss is written to ``log.jsonl``.

    python -m training.pretrain --output runs/encoder --max-minutes 60
"""

from __future__ import annotations

import argparse
import json
import math
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from training.texts import default_data_dir, iter_pretraining_texts
from training.vocab import build_char_tokenizer, save_tokenizer


@dataclass(frozen=True)
class PretrainConfig:
    """Encoder size and optimisation settings."""

    hidden_size: int = 256
    num_layers: int = 4
    num_heads: int = 4
    intermediate_size: int = 1024
    max_positions: int = 512
    seq_len: int = 128
    batch_size: int = 32
    lr: float = 5e-4
    warmup_steps: int = 300
    total_steps: int = 6000
    mask_prob: float = 0.15
    seed: int = 13
    save_every: int = 250


def encode_corpus(tokenizer, texts: list[str]) -> np.ndarray:
    """All texts as one stream of token ids, paragraphs separated by [SEP]."""
    sep = tokenizer.sep_token_id
    ids: list[int] = []
    batch = 2000
    for i in range(0, len(texts), batch):
        for row in tokenizer(texts[i : i + batch], add_special_tokens=False)["input_ids"]:
            ids.extend(row)
            ids.append(sep)
    return np.asarray(ids, dtype=np.int32)


def _mask(batch, tokenizer, prob: float, rng: np.random.Generator):
    import torch

    ids = batch.clone()
    labels = batch.clone()
    special = (ids == tokenizer.cls_token_id) | (ids == tokenizer.sep_token_id)
    choose = torch.from_numpy(rng.random(ids.shape) < prob) & ~special
    labels[~choose] = -100
    roll = torch.from_numpy(rng.random(ids.shape))
    ids[choose & (roll < 0.8)] = tokenizer.mask_token_id
    rand = choose & (roll >= 0.8) & (roll < 0.9)
    ids[rand] = torch.from_numpy(rng.integers(5, len(tokenizer), ids.shape))[rand]
    return ids, labels


def pretrain(output: Path, data_dir: Path, corpus_dir: Path | None, cfg: PretrainConfig, max_minutes: float,
             device: str = "cpu") -> dict:
    """Pretrain (or resume) the encoder in ``output``; returns the final log entry."""
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForMaskedLM

    output.mkdir(parents=True, exist_ok=True)
    ckpt = output / "checkpoint"
    ids_path = output / "corpus_ids.npy"
    if (output / "tokenizer" / "tokenizer.json").exists():
        tokenizer = AutoTokenizer.from_pretrained(str(output / "tokenizer"), local_files_only=True)
    else:
        texts = list(iter_pretraining_texts(data_dir, corpus_dir))
        tokenizer = build_char_tokenizer(texts)
        save_tokenizer(tokenizer, output / "tokenizer")
        np.save(ids_path, encode_corpus(tokenizer, texts))
    stream = np.load(ids_path)
    torch.manual_seed(cfg.seed)
    if (ckpt / "config.json").exists():
        model = BertForMaskedLM.from_pretrained(str(ckpt), local_files_only=True)
        state = torch.load(ckpt / "trainer_state.pt", weights_only=False)
    else:
        config = BertConfig(
            vocab_size=len(tokenizer), hidden_size=cfg.hidden_size, num_hidden_layers=cfg.num_layers,
            num_attention_heads=cfg.num_heads, intermediate_size=cfg.intermediate_size,
            max_position_embeddings=cfg.max_positions, pad_token_id=tokenizer.pad_token_id,
        )
        model = BertForMaskedLM(config)
        state = {"step": 0, "rng": None, "optimizer": None, "elapsed": 0.0}
    model.to(device).train()
    optim = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=0.01)
    if state["optimizer"] is not None:
        optim.load_state_dict(state["optimizer"])
    rng = np.random.default_rng(cfg.seed)
    if state["rng"] is not None:
        rng.bit_generator.state = state["rng"]

    def lr_at(step: int) -> float:
        if step < cfg.warmup_steps:
            return cfg.lr * (step + 1) / cfg.warmup_steps
        progress = (step - cfg.warmup_steps) / max(1, cfg.total_steps - cfg.warmup_steps)
        return cfg.lr * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))

    start, step, log_path = time.time(), state["step"], output / "log.jsonl"
    body = cfg.seq_len - 2
    losses: list[float] = []
    entry: dict = {}
    while step < cfg.total_steps and (time.time() - start) / 60 < max_minutes:
        offsets = rng.integers(0, len(stream) - body, cfg.batch_size)
        rows = np.stack([stream[o : o + body] for o in offsets])
        cls = np.full((cfg.batch_size, 1), tokenizer.cls_token_id, dtype=np.int32)
        sep = np.full((cfg.batch_size, 1), tokenizer.sep_token_id, dtype=np.int32)
        batch = torch.from_numpy(np.concatenate([cls, rows, sep], axis=1).astype(np.int64))
        inputs, labels = _mask(batch, tokenizer, cfg.mask_prob, rng)
        for group in optim.param_groups:
            group["lr"] = lr_at(step)
        loss = model(input_ids=inputs.to(device), labels=labels.to(device)).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optim.step()
        optim.zero_grad(set_to_none=True)
        losses.append(loss.item())
        step += 1
        if step % 50 == 0 or step == cfg.total_steps:
            entry = {"step": step, "loss": float(np.mean(losses)), "lr": lr_at(step),
                     "minutes": round(state["elapsed"] / 60 + (time.time() - start) / 60, 2)}
            losses = []
            with open(log_path, "a", encoding="utf-8") as f:
                f.write(json.dumps(entry) + "\n")
            print(json.dumps(entry), flush=True)
        if step % cfg.save_every == 0 or step == cfg.total_steps:
            _save(model, optim, rng, step, state["elapsed"] + time.time() - start, ckpt, tokenizer)
    _save(model, optim, rng, step, state["elapsed"] + time.time() - start, ckpt, tokenizer)
    (output / "pretrain_config.json").write_text(json.dumps(asdict(cfg), indent=2), encoding="utf-8")
    return entry


def _save(model, optim, rng, step: int, elapsed: float, ckpt: Path, tokenizer) -> None:
    import torch

    tmp = ckpt.with_name(ckpt.name + ".tmp")
    model.save_pretrained(str(tmp))
    tokenizer.save_pretrained(str(tmp))
    torch.save({"step": step, "rng": rng.bit_generator.state, "optimizer": optim.state_dict(), "elapsed": elapsed},
               tmp / "trainer_state.pt")
    if ckpt.exists():
        import shutil

        shutil.rmtree(ckpt)
    tmp.rename(ckpt)


def export_encoder(run_dir: Path, out_dir: Path) -> None:
    """Write the pretrained encoder (BertModel weights + tokenizer) as a base-model directory."""
    from transformers import AutoTokenizer, BertModel

    model = BertModel.from_pretrained(str(run_dir / "checkpoint"), local_files_only=True, add_pooling_layer=False)
    model.save_pretrained(str(out_dir))
    AutoTokenizer.from_pretrained(str(run_dir / "tokenizer"), local_files_only=True).save_pretrained(str(out_dir))


def main(argv: list[str] | None = None) -> int:
    """Command line: pretrain, resume, or export the encoder."""
    parser = argparse.ArgumentParser(prog="python -m training.pretrain", description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, required=True, help="run directory (resumed if it exists)")
    parser.add_argument("--data", type=Path, default=default_data_dir(), help="the shared data folder")
    parser.add_argument("--corpus", type=Path, default=Path("corpus"), help="lawie corpus folder (raw text)")
    parser.add_argument("--max-minutes", type=float, default=60.0, help="stop (and save) after this long")
    parser.add_argument("--total-steps", type=int, default=PretrainConfig.total_steps)
    parser.add_argument("--batch-size", type=int, default=PretrainConfig.batch_size)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--export", type=Path, help="after training, write the encoder here as a base model")
    args = parser.parse_args(argv)
    cfg = PretrainConfig(total_steps=args.total_steps, batch_size=args.batch_size)
    pretrain(args.output, args.data, args.corpus, cfg, args.max_minutes, args.device)
    if args.export:
        export_encoder(args.output, args.export)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
