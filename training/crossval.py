"""Cross-validation over documents: train on k-1 folds, score on the held-out fold, pool the counts.

    python -m training.crossval --base-model runs/encoder/base --folds 3 --config training/finetune.toml \
        --config training/crossval.toml --output runs/crossval

Every gold document (train, dev and test splits together) is held out exactly once;
folds are made by document, round-robin over the documents sorted by id. Scores
are pooled over folds (micro), model-only and with the rules of the config's ``rule_labels``.
"""

from __future__ import annotations

import argparse
import json
import shutil
from dataclasses import replace
from pathlib import Path

from lawie.evaluation import Scores, evaluate_reports, format_scores
from lawie.io.corpus_format import read_jsonl, write_jsonl
from lawie.pipeline import Pipeline
from lawie.train.config import TrainConfig
from lawie.train.loop import train


def _pool(total: Scores, part: Scores) -> None:
    for name, prf in part.per_label.items():
        total.per_label[name].add(prf)
    for attr in ("micro", "micro_strict", "has_value"):
        getattr(total, attr).add(getattr(part, attr))
    total.documents += part.documents


def main(argv: list[str] | None = None) -> int:
    """Run the folds and print the pooled scores."""
    parser = argparse.ArgumentParser(prog="python -m training.crossval", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--base-model", type=Path, required=True)
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--config", type=Path, action="append",
                        help="TOML file of TrainConfig settings; repeat it to layer files (later ones override)")
    parser.add_argument("--max-minutes", type=float, help="training budget per fold")
    parser.add_argument("--output", type=Path, default=Path("runs/crossval"))
    args = parser.parse_args(argv)
    config = TrainConfig.from_toml(*args.config) if args.config else TrainConfig()
    if args.max_minutes is not None:
        config = replace(config, max_minutes=args.max_minutes)
    docs = sorted((r for split in ("train", "dev", "test") if (args.corpus / "gold" / f"{split}.jsonl").is_file()
                   for r in read_jsonl(args.corpus / "gold" / f"{split}.jsonl")), key=lambda r: r.id)
    folds = [docs[i :: args.folds] for i in range(args.folds)]
    pooled = {"model": Scores(), "model+rules": Scores()}
    per_fold = []
    for k, held in enumerate(folds):
        fold_dir = args.output / f"fold{k}"
        corpus = fold_dir / "corpus"
        (corpus / "gold").mkdir(parents=True, exist_ok=True)
        write_jsonl([d for d in docs if d not in held], corpus / "gold" / "train.jsonl")
        if (args.corpus / "silver").is_dir() and not (corpus / "silver").exists():
            shutil.copytree(args.corpus / "silver", corpus / "silver")
        model_dir = fold_dir / "model"
        train(corpus, args.base_model, model_dir, config, progress=False)
        fold_scores = {}
        for name, rules in (("model", False), ("model+rules", True)):
            pipeline = Pipeline.from_dir(model_dir, rules=rules)
            scores = evaluate_reports(held, [pipeline.parse(r.text, id=r.id) for r in held], sections=False)
            _pool(pooled[name], scores)
            fold_scores[name] = round(scores.micro.f1, 4)
        per_fold.append({"fold": k, "held_out": [d.id for d in held], "entity_micro_f1": fold_scores})
        print(json.dumps(per_fold[-1], ensure_ascii=False), flush=True)
    result = {"folds": per_fold, "pooled": {k: v.as_dict() for k, v in pooled.items()}, "config": config.to_dict()}
    (args.output / "crossval.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    for name, scores in pooled.items():
        print(f"\n== pooled over {args.folds} folds: {name}\n{format_scores(scores)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
