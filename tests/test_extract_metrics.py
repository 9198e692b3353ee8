"""The fallback METRIC for values the model left without one."""

from lawie.extract.base import Extraction
from lawie.extract.metrics import in_one_clause, metric_before
from lawie.extract.rules import CombinedExtractor
from lawie.labels import Label


def _phrase(text: str, value: str) -> str | None:
    start = text.index(value)
    span = metric_before(text, start, 0, start + len(value))
    return None if span is None else text[span[0]:span[1]]


def test_metric_before_strips_time_words_and_linking_verbs() -> None:
    assert _phrase("法治工作有序推进，全年共审核合同协议210份。", "210份") == "审核合同协议"
    assert _phrase("本年度，调解成功率达到98.6%。", "98.6%") == "调解成功率"


def test_durations_and_bare_verbs_get_no_metric() -> None:
    assert _phrase("经过连续17年的努力", "17年") is None
    assert _phrase("，组织3次培训", "3次") is None


def test_in_one_clause() -> None:
    text = "调处纠纷，共120起"
    assert in_one_clause(text, 0, 4) and not in_one_clause(text, 0, 6)


class _NoModel:
    name = "none"

    def extract(self, text, units):
        return Extraction((), ())


def test_combined_extractor_links_rule_values_to_fallback_metrics() -> None:
    text = "全年共审核合同协议210份，开展普法活动12场。"
    out = CombinedExtractor(_NoModel(), [Label.COUNT, Label.METRIC]).extract(text, [(0, len(text))])
    metrics = {e.id: e.text for e in out.entities if e.label is Label.METRIC}
    values = {e.id: e.text for e in out.entities if e.label is Label.COUNT}
    assert {(metrics[r.head], values[r.tail]) for r in out.relations} == {("审核合同协议", "210份"), ("开展普法活动", "12场")}
    assert all(e.source == "rules" for e in out.entities)
    without = CombinedExtractor(_NoModel(), [Label.COUNT]).extract(text, [(0, len(text))])
    assert not without.relations and all(e.label is Label.COUNT for e in without.entities)


class _DurationModel:
    name = "fake"

    def extract(self, text, units):
        from lawie.labels import RelationType
        from lawie.types import Entity, Relation

        entities = (Entity(0, Label.METRIC, 0, 4, text[0:4], "model"), Entity(1, Label.COUNT, 6, 8, text[6:8], "model"))
        return Extraction(entities, (Relation(0, RelationType.HAS_VALUE, 0, 1),))


def test_durations_lose_their_metric_and_the_metric_goes_with_it() -> None:
    text = "城镇就业连续7年增长"
    out = CombinedExtractor(_DurationModel(), [Label.COUNT, Label.METRIC]).extract(text, [(0, len(text))])
    assert [(e.label, e.text) for e in out.entities] == [(Label.COUNT, "7年")] and out.relations == ()


def test_metric_before_starts_at_a_verb_when_cut_to_its_length() -> None:
    from lawie.extract.metrics import metric_before

    text = "我镇组织党委班子成员召开法治专题学习研判会4次"
    start, end = metric_before(text, text.index("4次"), 0, len(text))
    assert text[start:end] == "召开法治专题学习研判会"


def test_repair_trims_linking_words_off_metrics() -> None:
    from lawie.extract.decode import Span, repair_spans
    from lawie.labels import Label

    text = "参考率、合格率均达到100%"
    assert repair_spans([Span(Label.METRIC, 0, 8)], text) == [Span(Label.METRIC, 0, 7)]


def test_repair_extends_a_cut_rate_noun_to_its_word() -> None:
    from lawie.extract.decode import Span, repair_spans
    from lawie.labels import Label

    text = "矛盾纠纷406起，调解成功率达到99%，全县森林覆盖率"
    cut, tail = text.index("功率"), text.index("盖率")
    assert repair_spans([Span(Label.METRIC, cut, cut + 2)], text) == [Span(Label.METRIC, cut - 3, cut + 2)]
    assert repair_spans([Span(Label.METRIC, tail, tail + 2)], text) == [Span(Label.METRIC, tail - 3, tail + 2)]
