"""Decoding and windowing: pure Python, no torch."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawie.extract.decode import Span, candidate_pairs, link, tags_to_spans
from lawie.extract.windows import make_windows
from lawie.labels import Label


def test_decode_bio_to_spans_with_repair() -> None:
    tags = ["O", "B-ORG", "I-ORG", "O", "I-COUNT", "I-COUNT", "B-RATE", "B-RATE", "I-ORG"]
    offsets = [(0, 0)] + [(i, i + 1) for i in range(8)]
    assert tags_to_spans(tags, offsets) == [
        Span(Label.ORG, 0, 2), Span(Label.COUNT, 3, 5), Span(Label.RATE, 5, 6), Span(Label.RATE, 6, 7), Span(Label.ORG, 7, 8)]


def test_decode_spans_follow_token_offsets() -> None:
    # word pieces covering several characters (a BERT tokenizer on digits)
    assert tags_to_spans(["B-COUNT", "I-COUNT", "O"], [(5, 9), (9, 10), (10, 11)]) == [Span(Label.COUNT, 5, 10)]


def test_decode_link_keeps_best_metric_per_value() -> None:
    spans = [Span(Label.METRIC, 0, 4), Span(Label.COUNT, 4, 8), Span(Label.METRIC, 9, 12), Span(Label.RATE, 13, 16)]
    pairs = candidate_pairs(spans, 40)
    assert pairs == [(0, 1), (0, 3), (2, 1), (2, 3)]
    probs = np.array([0.9, 0.3, 0.6, 0.8])
    assert link(pairs, probs) == [(0, 1), (2, 3)]
    assert link(pairs, np.array([0.1, 0.2, 0.3, 0.4])) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="甲乙丙。，；\n", min_size=1, max_size=900), st.integers(90, 300), st.integers(0, 44))
def test_windows_cores_partition_units(text: str, max_chars: int, overlap: int) -> None:
    units = [(0, len(text))]
    windows = make_windows(text, units, max_chars, overlap)
    assert windows[0].core_start == 0 and windows[-1].core_end == len(text)
    for a, b in zip(windows, windows[1:]):
        assert a.core_end == b.core_start
    for w in windows:
        assert w.start <= w.core_start < w.core_end <= w.end and w.end - w.start <= max_chars


def test_windows_cut_after_sentence_end() -> None:
    text = "甲" * 100 + "。" + "乙" * 100 + "。" + "丙" * 100
    cores = [(w.core_start, w.core_end) for w in make_windows(text, [(0, len(text))], 250, 40)]
    assert cores[0] == (0, 101)


def test_windows_reject_bad_sizes() -> None:
    with pytest.raises(ValueError, match="twice the overlap"):
        make_windows("甲", [(0, 1)], 50, 30)


def test_decode_viterbi_respects_iob2() -> None:
    from lawie.extract.decode import allowed_transitions, viterbi

    tags = ["O", "B-ORG", "I-ORG", "B-COUNT", "I-COUNT"]
    allowed = allowed_transitions(tags)
    assert not allowed[0, 2] and allowed[1, 2] and not allowed[3, 2]
    # greedy argmax would give O, I-ORG, I-ORG: the constrained path starts the span with B-ORG
    lp = np.log(np.array([[0.9, 0.05, 0.03, 0.01, 0.01],
                          [0.1, 0.35, 0.45, 0.05, 0.05],
                          [0.1, 0.1, 0.7, 0.05, 0.05]]))
    assert [tags[i] for i in viterbi(lp, allowed, tags)] == ["O", "B-ORG", "I-ORG"]
    assert viterbi(lp[:0], allowed, tags) == []


def test_repair_spans_joins_numbers_cut_by_the_tagger() -> None:
    from lawie.extract.decode import repair_spans

    text = "城镇新增就业1310万人，全国政协委员，共公示28起"
    pieces = [Span(Label.COUNT, 6, 8), Span(Label.COUNT, 8, 12),  # 13 | 10万人
              Span(Label.ORG, 13, 14), Span(Label.ORG, 14, 17),  # 全 | 国政协
              Span(Label.DATE, 23, 24), Span(Label.COUNT, 24, 26)]  # 2 | 8起
    assert [(s.label, text[s.start:s.end]) for s in repair_spans(pieces, text)] == [
        (Label.COUNT, "1310万人"), (Label.ORG, "全国政协"), (Label.COUNT, "28起")]


def test_repair_spans_moves_a_boundary_out_of_a_number() -> None:
    from lawie.extract.decode import repair_spans

    text = "铁路运营里程达到1.1万公里"
    assert repair_spans([Span(Label.COUNT, 10, 15)], text) == [Span(Label.COUNT, 8, 15)]
    assert repair_spans([Span(Label.ORG, 0, 2), Span(Label.METRIC, 2, 6)], text) == [
        Span(Label.ORG, 0, 2), Span(Label.METRIC, 2, 6)]


def test_drop_fragments_removes_one_character_names_and_cut_titles() -> None:
    from lawie.extract.decode import drop_fragments

    text = "中国家中长期人才发展规划纲要和“十一五”规"
    spans = [Span(Label.GPE, 0, 1), Span(Label.LAW, 2, 14), Span(Label.LAW, 15, 22)]
    assert drop_fragments(spans, text) == [Span(Label.LAW, 2, 14)]
    assert drop_fragments([Span(Label.COUNT, 0, 2)], "5件") == [Span(Label.COUNT, 0, 2)]


@pytest.mark.parametrize(("label", "text", "span", "kept"), [
    ("COUNT", "以下三点", "三", False),          # a numeral without its classifier
    ("COUNT", "调处120余起", "120余起", True),
    ("COUNT", "惠及２２３５万人", "２２３５万", True),  # 万/亿 count as the unit
    ("MONEY", "劳动力9亿", "9亿", False),        # money names its currency
    ("MONEY", "罚款6.1万元", "6.1万元", True),
    ("RATE", "M2为", "2", False),
    ("RATE", "减少1/3", "1/3", True),
    ("DATE", "中国制造2025”", "2025", False),   # a year glued to a word
    ("DATE", "查获1200只", "1200", False),
    ("DATE", "发布时间：2024\n", "2024", True),
    ("ORG", "组织机关干部", "组织机", False),    # an institution ends with what it is
    ("ORG", "县司法局", "县司法局", True),
    ("PER", "习近平法治思想", "习近平", False),  # ANNOTATION.md §6
    ("PER", "习近平总书记", "习近平", True),
    ("PER", "作者:admin 来源", "admin", False),   # a person's name is Chinese
    ("PER", "确立了习近平新时代", "习近", False),  # a leader's name cut short
    ("PER", "聘请张性林律师", "张性林", True),
])
def test_drop_fragments_checks_the_shape_of_each_label(label: str, text: str, span: str, kept: bool) -> None:
    from lawie.extract.decode import drop_fragments

    start = text.index(span)
    spans = [Span(Label(label), start, start + len(span))]
    assert drop_fragments(spans, text) == (spans if kept else [])


def test_drop_fragments_removes_values_without_a_numeral() -> None:
    from lawie.extract.decode import drop_fragments

    text = "全年共公示28起，共两次"
    spans = [Span(Label.COUNT, 2, 5), Span(Label.COUNT, 5, 8), Span(Label.COUNT, 10, 12)]
    assert drop_fragments(spans, text) == [Span(Label.COUNT, 5, 8), Span(Label.COUNT, 10, 12)]


def test_viterbi_batch_matches_viterbi_per_window() -> None:
    import numpy as np

    from lawie.extract.decode import allowed_transitions, viterbi, viterbi_batch
    from lawie.labels import bio_tags

    tags = bio_tags()
    allowed = allowed_transitions(tags)
    log_probs = np.log(np.random.default_rng(0).dirichlet(np.ones(len(tags)), size=(6, 30)))
    lengths = [30, 5, 1, 17, 0, 29]
    assert viterbi_batch(log_probs, lengths, allowed, tags) == [
        viterbi(log_probs[i, :n], allowed, tags) for i, n in enumerate(lengths)]
