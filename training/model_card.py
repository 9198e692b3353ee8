"""Write the model card (README.md) of a model directory from the files that measured it.

    python -m training.model_card lawie/models/default --eval runs/eval_test.json \
        --eval-model-only runs/eval_test_model.json --bench runs/bench.json --pretrain runs/encoder/log.jsonl

Every number in the card is read from those files; the commands that produced them are
listed in docs/evaluation.md.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def _table(scores: dict) -> list[str]:
    rows = ["| label | P | R | F1 | gold |", "|---|---|---|---|---|"]
    for label, prf in scores["per_label"].items():
        if prf["gold"] or prf["pred"]:
            rows.append(f"| {label} | {prf['precision']:.3f} | {prf['recall']:.3f} | {prf['f1']:.3f} | {prf['gold']} |")
    for name, key in (("micro (METRIC by overlap)", "entity_micro"), ("strict micro", "entity_micro_strict"),
                      ("HAS_VALUE", "has_value")):
        prf = scores[key]
        rows.append(f"| **{name}** | {prf['precision']:.3f} | {prf['recall']:.3f} | {prf['f1']:.3f} | {prf['gold']} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    """Compose and write the card."""
    parser = argparse.ArgumentParser(prog="python -m training.model_card", description=__doc__.split("\n\n")[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--eval", type=Path, required=True, help="lawie evaluate --json output, as shipped")
    parser.add_argument("--eval-model-only", type=Path, help="lawie evaluate --json --no-rules output")
    parser.add_argument("--bench", type=Path, help="benchmarks/bench_pipeline.py --json output")
    parser.add_argument("--pretrain", type=Path, help="the pretraining log.jsonl")
    args = parser.parse_args(argv)
    config = json.loads((args.model / "config.json").read_text(encoding="utf-8"))
    metrics = json.loads((args.model / "metrics.json").read_text(encoding="utf-8"))
    train_cfg = json.loads((args.model / "train_config.json").read_text(encoding="utf-8"))
    encoder = json.loads((args.model / "encoder" / "config.json").read_text(encoding="utf-8"))
    size = sum(p.stat().st_size for p in args.model.rglob("*") if p.is_file() and p.name != "README.md")
    shipped = json.loads(args.eval.read_text(encoding="utf-8"))
    lines = [
        "# lawie default model",
        "",
        "Character-level Chinese encoder (BERT architecture, "
        f"{encoder.get('num_hidden_layers')} layers, hidden {encoder.get('hidden_size')}, "
        f"vocabulary {encoder.get('vocab_size')}) with an IOB2 tagging head for the ten labels of "
        "ANNOTATION.md and a relation head scoring METRIC–value pairs (HAS_VALUE). "
        "Weights stored as float16 (`model.safetensors`, for torch: on CPU the linear layers run as dynamic int8)"
        f"{'; ONNX graphs in `onnx/` (int8 encoder and tagger, float32 relation head) for ONNX Runtime, the default on CPU' if (args.model / 'onnx').is_dir() else ''}"
        f"; directory size {size / 1e6:.1f} MB.",
        "",
        "## Training data",
        "",
        "- Pretraining (masked LM): laws corpus, CLUENER2020/People's Daily/MSRA sentences, national work "
        "reports, seed reports (`training/texts.py`).",
        f"- Fine-tuning: the gold corpus train split ({metrics['train_documents']} documents, "
        f"{metrics['train_windows']} windows), dev split for model selection, and {metrics['silver_windows']} "
        f"silver windows (weight {train_cfg['silver_weight']}, {train_cfg['silver_per_epoch']} sampled per epoch).",
        "- Licences: official documents (not copyright-protected) for the reports and laws; CLUENER2020, "
        "People's Daily 1998 and MSRA NER are research-use data sets (corpus/silver/README.md). Use the "
        "model accordingly.",
        "",
        f"Fine-tuned from: {config.get('base_model') or 'unknown'}. "
        f"Settings: `train_config.json`; epochs run: {len(metrics['history'])}; seed {metrics['seed']}. "
        f"Rule fill-in as shipped: {', '.join(config.get('rule_labels') or []) or 'none'}"
        f"{' (rules first)' if config.get('rules_first') else ''}"
        f"{'; from the rules alone: ' + ', '.join(config['rules_only_labels']) if config.get('rules_only_labels') else ''}"
        f"{' (set in config.json after training, chosen on the dev split)' if config.get('rules_only_labels') and 'rules_only_labels' not in train_cfg else ''}.",
        "",
        f"## Scores on the test split ({shipped['documents']} documents never seen in training)",
        "",
        "As shipped (model + rules):",
        "",
        *_table(shipped),
    ]
    if args.eval_model_only:
        lines += ["", "Model only:", "", *_table(json.loads(args.eval_model_only.read_text(encoding="utf-8")))]
    if args.bench:
        b = json.loads(args.bench.read_text(encoding="utf-8"))
        lines += ["", f"## Speed (2-core CPU, {b.get('runtime', 'ModelExtractor')})", "",
                  f"- end-to-end: {b['chars_per_s']:,.0f} characters/s on the seed reports",
                  f"- `import lawie`: {b['import_s']:.3f} s; first `parse_report` (model load included): "
                  f"{b['first_call_s']:.2f} s; peak memory {b['peak_rss_mb']:.0f} MB"]
    if args.pretrain:
        log = [json.loads(x) for x in args.pretrain.read_text(encoding="utf-8").splitlines() if x.strip()]
        lines += ["", "## Pretraining", "",
                  f"{log[-1]['step']} steps in {log[-1]['minutes']:.0f} minutes on 2 CPU cores; MLM loss "
                  f"{log[0]['loss']:.2f} (step {log[0]['step']}) → {log[-1]['loss']:.2f} (step {log[-1]['step']})."]
    lines += ["", "Commands: docs/evaluation.md and docs/training.md.", ""]
    (args.model / "README.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
