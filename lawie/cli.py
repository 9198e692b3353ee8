"""The ``lawie`` command line: thin wrappers over the library's functions.

Results go to stdout (JSON, JSONL or a tree); messages and errors go to stderr.
Every command returns 0 on success and 1 if anything failed.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from lawie.errors import LawieError
from lawie.io.readers import SUFFIXES as INPUT_SUFFIXES  # file endings ``lawie parse`` picks up in folders


def _iter_inputs(paths: list[str]) -> Iterator[str]:
    for name in paths:
        p = Path(name)
        if name != "-" and p.is_dir():
            yield from sorted(str(f) for f in p.rglob("*") if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES)
        else:
            yield name


def _progress(items: list, enabled: bool):
    if not enabled:
        return items
    try:
        from tqdm import tqdm
    except ImportError:
        return items
    return tqdm(items, desc="parsing", unit="file", file=sys.stderr)


def _render(report, fmt: str) -> str:
    if fmt == "tree":
        return report.pretty(detail=True)
    if fmt == "jsonl":
        return json.dumps(report.to_dict(), ensure_ascii=False)
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)


def cmd_parse(args: argparse.Namespace) -> int:
    """``lawie parse``: parse report files (txt, docx, pdf, html) or stdin and print them."""
    from lawie.batch import parse_reports
    from lawie.io.readers import decode

    inputs = list(_iter_inputs(args.paths))
    items = [decode(sys.stdin.buffer.read(), "<stdin>")[0] if name == "-" else Path(name) for name in inputs]
    results = parse_reports(items, n_process=args.n_process, model=args.model,
                            progress=len(items) > 1 and not args.quiet)
    failed, reports = 0, []
    for result in results:
        if result.report is None:
            print(f"lawie: error: {result.error}", file=sys.stderr)
            failed += 1
            continue
        print(_render(result.report, args.format))
        if args.tables:
            reports.append(result.report)
    if args.tables:
        from lawie.io.tables import write_tables

        written = write_tables(reports, args.tables, args.table_format)
        print(f"lawie: wrote {', '.join(str(p) for p in written.values())}", file=sys.stderr)
    if failed:
        print(f"lawie: {failed} of {len(inputs)} input(s) failed", file=sys.stderr)
    return 1 if failed else 0


def cmd_corpus_validate(args: argparse.Namespace) -> int:
    """``lawie corpus validate``: check corpus JSONL files."""
    from lawie.corpus.validate import validate_files

    missing = [f for f in args.files if not Path(f).is_file()]
    for f in missing:
        print(f"lawie: error: {f}: no such file", file=sys.stderr)
    problems = validate_files([f for f in args.files if f not in missing])
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {len(args.files)} file(s)", file=sys.stderr)
    return 1 if problems or missing else 0


def cmd_train(args: argparse.Namespace) -> int:
    """``lawie train``: fine-tune the NER + relation model."""
    from lawie.extract.loading import shipped_model_dir
    from lawie.train.config import TrainConfig
    from lawie.train.loop import train

    config = TrainConfig.from_toml(*args.config) if args.config else TrainConfig()
    overrides = {k: v for k, v in (("epochs", args.epochs), ("seed", args.seed), ("max_minutes", args.max_minutes))
                 if v is not None}
    config = TrainConfig.from_mapping({**config.to_dict(), **overrides})
    base = Path(args.base_model) if args.base_model else shipped_model_dir()
    if base is None:
        print("lawie: error: no --base-model given and this install ships no model to start from", file=sys.stderr)
        return 1
    metrics = train(Path(args.corpus), base, Path(args.output), config, device=args.device, progress=not args.quiet)
    print(json.dumps(metrics["history"][-1] if metrics["history"] else {}, ensure_ascii=False))
    from lawie.errors import MissingDependencyError
    from lawie.extract.onnx_export import export_onnx

    try:
        print(f"lawie: wrote ONNX graphs to {export_onnx(Path(args.output))}", file=sys.stderr)
    except MissingDependencyError:
        print(f"lawie: for faster CPU inference: pip install 'lawie[export]' && lawie export-onnx {args.output}",
              file=sys.stderr)
    return 0


def cmd_export_onnx(args: argparse.Namespace) -> int:
    """``lawie export-onnx``: write a model directory's ONNX graphs (CPU inference without torch)."""
    from lawie.extract.onnx_export import export_onnx

    folder = export_onnx(Path(args.model), quantize=not args.float32)
    print(f"lawie: wrote {', '.join(sorted(p.name for p in folder.iterdir()))} to {folder}", file=sys.stderr)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """``lawie evaluate``: score a model (or the rules only) against gold JSONL."""
    from lawie.evaluation import evaluate_reports, format_scores
    from lawie.extract.rules import RuleExtractor
    from lawie.io.corpus_format import read_jsonl
    from lawie.pipeline import Pipeline

    if args.no_model:
        pipeline = Pipeline(RuleExtractor()) if args.rules_only else Pipeline()
    else:
        from lawie.extract.loading import shipped_model_dir

        model = args.model or os.environ.get("LAWIE_MODEL_DIR") or shipped_model_dir()
        if model is None:
            print("lawie: error: no model: give --model DIR, or --no-model", file=sys.stderr)
            return 1
        pipeline = Pipeline.from_dir(model, rules=not args.no_rules, runtime=args.runtime)
    print(f"lawie: evaluating extractor {pipeline.extractor.name!r}", file=sys.stderr)
    gold = [r for f in args.gold for r in read_jsonl(f)]
    pred = [pipeline.parse(r.text, id=r.id) for r in _progress(gold, enabled=len(gold) > 1 and not args.quiet)]
    scores = evaluate_reports(gold, pred)
    print(json.dumps(scores.as_dict(), ensure_ascii=False, indent=2) if args.json else format_scores(scores))
    return 0


def cmd_corpus_stats(args: argparse.Namespace) -> int:
    """``lawie corpus stats``: documents, characters, entities per label and relations, per file."""
    from collections import Counter

    from lawie.io.corpus_format import read_jsonl

    labels = ["ORG", "GPE", "PER", "LAW", "DOCNO", "DATE", "COUNT", "RATE", "MONEY", "METRIC", "HAS_VALUE"]
    print("| file | docs | chars | " + " | ".join(labels) + " |")
    print("|---" * (len(labels) + 3) + "|")
    total: Counter[str] = Counter()
    for name in args.files:
        counts: Counter[str] = Counter()
        for report in read_jsonl(name):
            counts.update(e.label.value for e in report.entities)
            counts["HAS_VALUE"] += len(report.relations)
            counts["docs"] += 1
            counts["chars"] += len(report.text)
        total.update(counts)
        print(f"| {name} | {counts['docs']} | {counts['chars']} | " + " | ".join(str(counts[k]) for k in labels) + " |")
    if len(args.files) > 1:
        print(f"| total | {total['docs']} | {total['chars']} | " + " | ".join(str(total[k]) for k in labels) + " |")
    return 0


def cmd_corpus_convert(args: argparse.Namespace) -> int:
    """``lawie corpus convert``: between lawie JSONL, Label Studio JSON, CoNLL char BIO and spaCy DocBin."""
    from lawie.corpus import formats
    from lawie.io.corpus_format import read_jsonl, write_jsonl

    source = Path(args.input)
    if source.suffix == ".json":
        reports = formats.from_label_studio(json.loads(source.read_text(encoding="utf-8")), args.annotator, str(source))
    elif source.suffix == ".spacy":
        reports = formats.from_docbin(source)
    else:
        reports = list(read_jsonl(source))
    out = Path(args.output)
    if args.to == "jsonl":
        write_jsonl(reports, out)
    elif args.to == "label-studio":
        out.write_text(json.dumps(formats.to_label_studio(reports), ensure_ascii=False, indent=1), encoding="utf-8")
    elif args.to == "conll":
        out.write_text(formats.to_conll(reports), encoding="utf-8")
        print("lawie: note: CoNLL keeps entities only; relations, sections and metadata were dropped", file=sys.stderr)
    else:
        formats.to_docbin(reports, out)
    print(f"lawie: wrote {len(reports)} report(s) to {out}", file=sys.stderr)
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    """``lawie render``: an HTML page of a report's entities (displaCy)."""
    from lawie.io.readers import read_document
    from lawie.pipeline import Pipeline
    from lawie.spacy_component import render_html
    from lawie.types import Meta

    doc = read_document(args.path)
    pipeline = Pipeline.from_dir(args.model) if args.model else Pipeline.default()
    report = pipeline.parse(doc.text, id=Path(doc.source).stem, meta=Meta(source=doc.source, reader=doc.reader))
    Path(args.output).write_text(render_html(report), encoding="utf-8")
    print(f"lawie: wrote {args.output} ({len(report.entities)} entities)", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``lawie`` command."""
    parser = argparse.ArgumentParser(prog="lawie", description="Structured data from Chinese rule-of-law reports.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="parse report files (or - for stdin) and print the result")
    p.add_argument("paths", nargs="+", help="files (.txt .docx .pdf .html), folders of them, or - for stdin")
    p.add_argument("--format", choices=("json", "jsonl", "tree"), default="json", help="output format (default json)")
    p.add_argument("--model", help="model directory (default: $LAWIE_MODEL_DIR or the shipped model)")
    p.add_argument("-n", "--n-process", type=int, default=1, help="worker processes (-1: one per core)")
    p.add_argument("--tables", help="also write documents/sections/entities/indicators tables to this folder")
    p.add_argument("--table-format", choices=("parquet", "csv"), default="parquet")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_parse)

    t = sub.add_parser("train", help="fine-tune the NER + relation model on a corpus folder")
    t.add_argument("--corpus", default="corpus", help="corpus folder with gold/train.jsonl (default: corpus)")
    t.add_argument("--base-model", help="a lawie model or a local Hugging Face checkpoint (default: the shipped model)")
    t.add_argument("--output", required=True, help="directory to write the trained model to")
    t.add_argument("--config", action="append",
                   help="TOML file of TrainConfig settings; repeat it to layer files (later ones override)")
    t.add_argument("--epochs", type=int)
    t.add_argument("--seed", type=int)
    t.add_argument("--max-minutes", type=float)
    t.add_argument("--device", help="cpu, cuda or cuda:N (default: cuda if available)")
    t.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    t.set_defaults(func=cmd_train)

    e = sub.add_parser("evaluate", help="score the model against gold corpus JSONL")
    e.add_argument("gold", nargs="+", help="gold JSONL file(s)")
    e.add_argument("--model", help="model directory (default: $LAWIE_MODEL_DIR or the shipped model)")
    e.add_argument("--no-model", action="store_true", help="segmentation and metadata only (no entities)")
    e.add_argument("--rules-only", action="store_true", help="with --no-model: the rule patterns alone")
    e.add_argument("--no-rules", action="store_true", help="the model alone, without the rule patterns it ships with")
    e.add_argument("--runtime", choices=("auto", "onnx", "torch"),
                   help="which runtime runs the model (default: $LAWIE_RUNTIME or auto: ONNX Runtime when possible)")
    e.add_argument("--json", action="store_true", help="print the scores as JSON")
    e.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    e.set_defaults(func=cmd_evaluate)

    x = sub.add_parser("export-onnx", help="write a model's ONNX graphs for CPU inference without torch")
    x.add_argument("model", help="a model directory (the --output of lawie train)")
    x.add_argument("--float32", action="store_true", help="keep the tagger in float32 (default: int8 linear layers)")
    x.set_defaults(func=cmd_export_onnx)

    r = sub.add_parser("render", help="write an HTML page showing a report's entities (needs spaCy)")
    r.add_argument("path", help="a report file")
    r.add_argument("-o", "--output", required=True, help="the HTML file to write")
    r.add_argument("--model", help="model directory (default: $LAWIE_MODEL_DIR or the shipped model)")
    r.set_defaults(func=cmd_render)

    corpus = sub.add_parser("corpus", help="corpus tools").add_subparsers(dest="corpus_command", required=True)
    v = corpus.add_parser("validate", help="check corpus JSONL files against ANNOTATION.md")
    v.add_argument("files", nargs="+")
    v.set_defaults(func=cmd_corpus_validate)
    st = corpus.add_parser("stats", help="count documents, characters, entities per label and relations")
    st.add_argument("files", nargs="+")
    st.set_defaults(func=cmd_corpus_stats)
    c = corpus.add_parser("convert", help="convert between lawie JSONL, Label Studio JSON, CoNLL and spaCy DocBin")
    c.add_argument("input", help="lawie .jsonl, Label Studio export .json, or spaCy .spacy")
    c.add_argument("--to", choices=("jsonl", "label-studio", "conll", "docbin"), required=True)
    c.add_argument("-o", "--output", required=True)
    c.add_argument("--annotator", type=lambda v: int(v) if v.isdigit() else v,
                   help="Label Studio: whose annotations to take (user id or e-mail) when tasks have several")
    c.set_defaults(func=cmd_corpus_convert)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``lawie`` command; returns the exit status."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="lawie: %(levelname)s: %(message)s", stream=sys.stderr)
    try:
        return args.func(args)
    except LawieError as err:
        print(f"lawie: error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. lawie parse ... | head
        return 0


if __name__ == "__main__":
    sys.exit(main())
