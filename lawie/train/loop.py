"""The fine-tuning loop behind ``lawie train``: seeded, with progress bars, evaluation on dev and a time budget."""

from __future__ import annotations

import copy
import json
import logging
import math
import random
import time
from dataclasses import replace
from pathlib import Path

from lawie.errors import ConfigError, CorpusFormatError
from lawie.labels import bio_tags
from lawie.train.config import TrainConfig

logger = logging.getLogger(__name__)

#: Silver files, the labels each annotates, relative to the corpus folder (see corpus/README.md).
SILVER_MANIFEST = "silver/manifest.json"


def corpus_files(corpus: Path) -> dict[str, list[Path]]:
    """The gold split files of a corpus folder: ``gold/train.jsonl``, ``gold/dev.jsonl``, ``gold/test.jsonl``.

    Raises:
        ConfigError: if the folder or its training split is missing.
    """
    gold = corpus / "gold"
    if not gold.is_dir():
        raise ConfigError(f"corpus folder {str(corpus)!r} has no gold/ folder with train.jsonl (see corpus/README.md)")
    splits = {name: [p] for name in ("train", "dev", "test") if (p := gold / f"{name}.jsonl").is_file()}
    if "train" not in splits:
        raise ConfigError(f"{str(gold / 'train.jsonl')!r} is missing; it holds the training documents")
    return splits


def _batches(items: list, size: int, rng: random.Random) -> list[list]:
    rng.shuffle(items)
    return [items[i : i + size] for i in range(0, len(items), size)]


def _collate(batch, pad_id: int):
    import torch

    width = max(len(e.input_ids) for e in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    tags = torch.full((len(batch), width), -100, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    weights = torch.zeros((len(batch), width))
    rows, targets = [], []
    for b, e in enumerate(batch):
        n = len(e.input_ids)
        ids[b, :n], tags[b, :n], mask[b, :n], weights[b, :n] = torch.tensor(e.input_ids), torch.tensor(e.tags), 1, e.weight
        rows += [(b, *p) for p in e.pairs]
        targets += e.targets
    return ids, mask, tags, weights, torch.tensor(rows, dtype=torch.long).reshape(-1, 6), torch.tensor(targets)


def train(corpus: Path, base_model: Path, output: Path, config: TrainConfig, device: str | None = None,
          progress: bool = True) -> dict:
    """Fine-tune on ``corpus`` (gold + optional silver) from ``base_model``; write a model directory to ``output``.

    Returns the metrics written to ``output/metrics.json``.

    Raises:
        ConfigError: for a missing corpus folder or split.
        CorpusFormatError: for an empty training split or a bad record.
        ModelNotFoundError: if ``base_model`` is not a usable checkpoint.
    """
    import numpy as np
    import torch
    from tqdm import tqdm

    from lawie.evaluation import evaluate_reports
    from lawie.extract.hf import ModelExtractor, build_model, resolve_device, save_model_dir
    from lawie.extract.neural import ModelConfig
    from lawie.io.corpus_format import read_jsonl
    from lawie.pipeline import Pipeline
    from lawie.train.align import encode_example
    from lawie.train.data import load_gold, silver_examples

    device = resolve_device(device)
    random.seed(config.seed)
    np.random.seed(config.seed)
    torch.manual_seed(config.seed)
    splits = corpus_files(corpus)
    gold, n_docs = load_gold(splits["train"], config.max_chars, config.overlap)
    if not gold or n_docs == 0:
        raise CorpusFormatError(f"no training documents in {', '.join(map(str, splits['train']))}")
    silver = _load_silver(corpus, config, silver_examples)
    tags = bio_tags()
    tag_index = {t: i for i, t in enumerate(tags)}
    model, tokenizer = build_model(base_model, len(tags))
    model.to(device)
    encode = lambda ex: encode_example(ex, tokenizer, tag_index, config.max_pair_distance)
    gold_enc = [encode(e) for e in gold]
    silver_enc = [encode(e) for e in silver]
    dev_reports = [r for p in splits.get("dev", []) for r in read_jsonl(p)]
    rng = random.Random(config.seed)
    per_epoch = len(gold_enc) + min(config.silver_per_epoch, len(silver_enc))
    total_steps = config.epochs * math.ceil(per_epoch / config.batch_size)
    optim = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    warmup = max(1, int(total_steps * config.warmup_ratio))
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min((s + 1) / warmup, max(0.0, (total_steps - s) / max(1, total_steps - warmup))))
    model_config = ModelConfig(tags=tuple(tags), max_chars=config.max_chars, overlap=config.overlap,
                               max_pair_distance=config.max_pair_distance, base_model=str(base_model),
                               rule_labels=config.rule_labels, rules_first=config.rules_first,
                               rules_only_labels=config.rules_only_labels)
    history, best, best_state, started = [], -1.0, None, time.time()
    bar = tqdm(total=total_steps, desc="training", unit="step", disable=not progress)
    for epoch in range(1, config.epochs + 1):
        model.train()
        items = gold_enc + rng.sample(silver_enc, min(config.silver_per_epoch, len(silver_enc)))
        losses = []
        for batch in _batches(items, config.batch_size, rng):
            ids, mask, tag_t, weights, rows, targets = (t.to(device) for t in _collate(batch, tokenizer.pad_token_id))
            hidden = model.encode(ids, mask)
            logits = model.tag_logits(hidden)
            per_token = torch.nn.functional.cross_entropy(logits.transpose(1, 2), tag_t, ignore_index=-100, reduction="none")
            valid = (tag_t != -100).float()
            loss = (per_token * weights * valid).sum() / valid.sum().clamp(min=1)
            if rows.numel():
                rel = torch.nn.functional.binary_cross_entropy_with_logits(model.pair_logits(hidden, rows), targets)
                loss = loss + config.relation_weight * rel
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optim.step()
            sched.step()
            optim.zero_grad(set_to_none=True)
            losses.append(loss.item())
            bar.update(1)
            bar.set_postfix(epoch=epoch, loss=f"{np.mean(losses[-20:]):.3f}")
        entry = {"epoch": epoch, "loss": float(np.mean(losses)), "minutes": round((time.time() - started) / 60, 2)}
        if dev_reports:
            model.eval()
            extractor = ModelExtractor(model, tokenizer, model_config, device)
            pipe = Pipeline(extractor)
            scores = evaluate_reports(dev_reports, [pipe.parse(r.text, id=r.id) for r in dev_reports], sections=False)
            entry |= {"dev_entity_f1": round(scores.micro.f1, 4), "dev_has_value_f1": round(scores.has_value.f1, 4)}
            score = scores.micro.f1 + 0.5 * scores.has_value.f1
        else:
            score = epoch
        if score >= best:
            best, best_state = score, copy.deepcopy(model.state_dict())
            entry["best"] = True
        history.append(entry)
        logger.info("epoch %s: %s", epoch, entry)
        bar.write(json.dumps(entry))
        if (time.time() - started) / 60 > config.max_minutes:
            bar.write(f"time budget of {config.max_minutes} minutes reached after epoch {epoch}")
            break
    bar.close()
    model.load_state_dict(best_state)
    save_model_dir(model.cpu(), tokenizer, model_config, output, half=config.half)
    metrics = {"history": history, "train_documents": n_docs, "train_windows": len(gold_enc),
               "silver_windows": len(silver_enc), "seed": config.seed}
    (output / "metrics.json").write_text(json.dumps(metrics, indent=2), encoding="utf-8")
    (output / "train_config.json").write_text(json.dumps(replace(config).to_dict(), indent=2), encoding="utf-8")
    return metrics


def _load_silver(corpus: Path, config: TrainConfig, loader) -> list:
    manifest = corpus / SILVER_MANIFEST
    if config.silver_per_epoch <= 0 or not manifest.is_file():
        return []
    out = []
    for item in json.loads(manifest.read_text(encoding="utf-8")):
        out += loader(corpus / "silver" / item["file"], item["labels"], config.silver_weight, item.get("near_spans"))
    return out
