"""Round trips: Label Studio, CoNLL char BIO, spaCy DocBin, Hugging Face datasets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lawie.corpus.formats import from_conll, from_label_studio, to_conll, to_label_studio
from lawie.errors import CorpusFormatError
from lawie.io.corpus_format import read_jsonl
from lawie.pipeline import Pipeline
from lawie.types import Report

TINY = Path(__file__).resolve().parent / "data" / "tiny"


def _reports() -> list[Report]:
    """The tiny gold documents with the segmenter's sections and metadata added."""
    out = []
    for r in read_jsonl(TINY / "gold" / "train.jsonl"):
        seg = Pipeline().parse(r.text, id=r.id)
        out.append(Report(r.text, r.id, seg.meta, seg.sections, seg.preamble, seg.closing, r.entities, r.relations))
    return out


def test_formats_label_studio_round_trip_is_lossless() -> None:
    reports = _reports()
    tasks = json.loads(json.dumps(to_label_studio(reports)))  # through JSON, as a file would
    assert from_label_studio(tasks) == reports


def test_formats_label_studio_several_annotators_need_a_choice() -> None:
    (task,) = to_label_studio(_reports()[:1], annotator=7)
    other = json.loads(json.dumps(task["annotations"][0]))
    other["completed_by"], other["result"] = 9, []
    task["annotations"].append(other)
    with pytest.raises(CorpusFormatError, match=r"annotations by \[7, 9\]; choose one"):
        from_label_studio([task])
    assert from_label_studio([task], annotator=9)[0].entities == ()
    assert len(from_label_studio([task], annotator=7)[0].entities) == len(_reports()[0].entities)


def test_formats_conll_keeps_entities() -> None:
    reports = _reports()
    back = from_conll(to_conll(reports))
    assert [d[0] for d in back] == [r.id for r in reports]
    for (_, text, spans), report in zip(back, reports):
        assert [(lb, text[s:e]) for lb, s, e in spans] == [(e.label, e.text) for e in report.entities]


def test_formats_docbin_round_trip_is_lossless(tmp_path: Path) -> None:
    pytest.importorskip("spacy")
    from lawie.corpus.formats import from_docbin, to_docbin

    reports = _reports()
    assert to_docbin(reports, tmp_path / "c.spacy") == len(reports)
    assert from_docbin(tmp_path / "c.spacy") == reports


def test_formats_hf_dataset_dict(tmp_path: Path) -> None:
    pytest.importorskip("datasets")
    from lawie.corpus.hf_datasets import load_corpus_dataset

    ds = load_corpus_dataset(TINY)
    assert set(ds) == {"train", "validation"}
    row = ds["train"][0]
    first = row["entities"][0]
    assert row["text"][first["start_offset"] : first["end_offset"]] == "2020年"
    assert row["char_tags"][first["start_offset"]] == "B-DATE" and len(row["chars"]) == len(row["text"])
