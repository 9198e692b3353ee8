"""The inline annotation markup converter."""

from __future__ import annotations

import pytest

from lawie.corpus.markup import build_record, parse_markup, split_source
from lawie.errors import CorpusFormatError


def test_markup_round_trip_and_nearest_key_linking() -> None:
    mu = "[[METRIC#1:调处纠纷]][[COUNT>1:12起]]，[[METRIC#1:成功率]]达[[RATE>1:99%]]；[[ORG:县委]]"
    text, ents, rels = parse_markup(mu)
    assert text == "调处纠纷12起，成功率达99%；县委"
    assert [(e.label.value, text[e.start : e.end]) for e in ents] == [
        ("METRIC", "调处纠纷"), ("COUNT", "12起"), ("METRIC", "成功率"), ("RATE", "99%"), ("ORG", "县委")]
    assert [(r.head, r.tail) for r in rels] == [(0, 1), (2, 3)]


@pytest.mark.parametrize(
    ("markup", "needle"),
    [("[[FOO:x]]", "unknown label"), ("[[ORG: 县委]]", "padded"), ("[[ORG:县委", "unmatched"),
     ("[[COUNT>2:5次]]", "no METRIC has it"), ("[[METRIC#1:罚款]]", "no value"), ("[[ORG#1:县委]]", "only METRIC")],
)
def test_markup_errors(markup: str, needle: str) -> None:
    with pytest.raises(CorpusFormatError, match=needle):
        parse_markup(markup)


def test_markup_must_reproduce_source() -> None:
    with pytest.raises(CorpusFormatError, match="differs from the source at offset 2"):
        build_record("县委：", "[[ORG:县委]]:", "d")
    assert build_record("县委：", "[[ORG:县委]]：", "d")["entities"][0]["end_offset"] == 2


def test_markup_split_is_lossless() -> None:
    text = "第一行\n" * 50 + "很长的一行" * 100 + "\n尾"
    parts = split_source(text, 40)
    assert "".join(parts) == text and len(parts) > 5
def test_preannotation_round_trips_through_the_markup_parser() -> None:
    from lawie.corpus.markup import parse_markup
    from training.preannotate import preannotate

    text = "县司法局印发《行政执法公示办法》，全年审核文件12件，合格率达99%。"
    plain, entities, _ = parse_markup(preannotate(text))
    assert plain == text
    assert [(e.label.value, e.text) for e in entities] == [
        ("ORG", "县司法局"), ("LAW", "行政执法公示办法"), ("COUNT", "12件"), ("RATE", "99%")]
