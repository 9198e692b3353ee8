#!/usr/bin/env bash
# Rebuild lawie's shipped models from ../shared/data and the corpus (docs/training.md §5). About 4 hours on 2 CPU cores; a GPU is used when present.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m training.pretrain --output runs/encoder --max-minutes 90 --export runs/encoder/base   # resumable
python3 -m training.silver --output corpus/silver
python3 -m training.build_corpus
lawie train --corpus corpus --base-model runs/encoder/base --output runs/model --config training/finetune.toml
lawie train --corpus corpus --base-model runs/model --output runs/model-continue \
    --config training/finetune.toml --config training/continue.toml
rm -rf lawie/models/default && cp -r runs/model-continue lawie/models/default
lawie export-onnx lawie/models/default   # ONNX Runtime graphs (lawie train also writes them when onnx is installed)
lawie evaluate corpus/gold/test.jsonl --model lawie/models/default --json > runs/eval_test.json
lawie evaluate corpus/gold/test.jsonl --model lawie/models/default --no-rules --json > runs/eval_test_model.json
python3 benchmarks/bench_pipeline.py --json runs/bench.json
python3 -m training.model_card lawie/models/default --eval runs/eval_test.json --eval-model-only runs/eval_test_model.json \
    --bench runs/bench.json --pretrain runs/encoder/log.jsonl
python3 -m training.segmenter --output lawie/models/pkuseg --iterations 10
