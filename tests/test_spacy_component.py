"""The spaCy integration, fully offline: pkuseg segmentation, the lawie component, serialisation, displaCy."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")
pytest.importorskip("spacy_pkuseg")

import lawie.spacy_component as sc  # noqa: E402
from lawie.extract.base import Extraction  # noqa: E402
from lawie.labels import Label, RelationType  # noqa: E402
from lawie.pipeline import Pipeline  # noqa: E402
from lawie.types import Entity, Relation  # noqa: E402

TEXT = "一、主要举措和成效\n镇综合行政执法大队开出906张罚单，罚款6.177万元。依据《中华人民共和国行政处罚法》。\n"


class FakeExtractor:
    """Finds fixed strings; cuts the token 罚单 in half on purpose (罚)."""

    name = "fake"

    def extract(self, text: str, units: Sequence[tuple[int, int]]) -> Extraction:
        def ent(i: int, label: Label, s: str, cut: int = 0) -> Entity:
            start = text.index(s)
            return Entity(i, label, start, start + len(s) - cut, s[: len(s) - cut], "model")

        ents = (ent(0, Label.ORG, "镇综合行政执法大队"), ent(1, Label.COUNT, "906张"), ent(2, Label.METRIC, "罚单", cut=1),
                ent(3, Label.METRIC, "罚款"), ent(4, Label.MONEY, "6.177万元"), ent(5, Label.LAW, "中华人民共和国行政处罚法"))
        return Extraction(ents, (Relation(0, RelationType.HAS_VALUE, 2, 1), Relation(1, RelationType.HAS_VALUE, 3, 4)))


@pytest.fixture(scope="module")
def nlp():
    nlp = sc.load()
    nlp.get_pipe("lawie")._pipeline = Pipeline(FakeExtractor())
    return nlp


@pytest.mark.parametrize(
    ("sentence", "words"),
    [("镇综合行政执法大队开展执法", ["镇综合行政执法大队"]),
     ("严格落实合法性审查制度", ["合法性审查"]),
     ("加强规范性文件备案审查", ["规范性文件", "备案审查"]),
     ("全面推行行政执法三项制度", ["行政执法", "三项制度"])],
)
def test_spacy_pkuseg_keeps_domain_terms(nlp, sentence: str, words: list[str]) -> None:
    tokens = [t.text for t in nlp.make_doc(sentence)]
    assert all(w in tokens for w in words), tokens


def test_spacy_component_entities_relations_sections(nlp) -> None:
    doc = nlp(TEXT)
    org, count = doc.spans["lawie"][0], doc.spans["lawie"][1]
    assert (org.text, org.label_) == ("镇综合行政执法大队", "ORG")
    assert count.label_ == "COUNT" and "906张" in count.text
    assert len(doc.spans["lawie"]) == len(doc._.lawie.entities) == 6
    metric = doc.spans["lawie"][2]
    assert metric.text == "罚单" and doc._.lawie.entities[2].text == "罚"  # expanded to the token, exact offsets kept
    assert [(m.text, v.label_, t) for m, v, t in doc._.lawie_relations][1] == ("罚款", "MONEY", "HAS_VALUE")
    section, heading = doc._.lawie_sections[0]
    assert section.title == "主要举措和成效" and heading.text.startswith("一")
    assert {e.label_ for e in doc.ents} <= {lb.value for lb in Label}


def test_spacy_add_pipe_by_entry_point_and_round_trip(tmp_path: Path) -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("lawie")
    assert "lawie" in nlp.pipe_names
    full = sc.load()
    full.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert again.pipe_names == ["lawie"]
    sentence = "镇综合行政执法大队严格落实合法性审查制度"
    assert [t.text for t in again.make_doc(sentence)] == [t.text for t in full.make_doc(sentence)]
    assert "合法性审查" in [t.text for t in again.make_doc(sentence)]


def test_spacy_pipe_batches_in_order(nlp) -> None:
    docs = list(nlp.pipe([TEXT, "二、存在问题\n" + TEXT]))
    assert [d._.lawie.sections[0].title for d in docs] == ["主要举措和成效", "存在问题"]


def test_spacy_displacy_html(nlp) -> None:
    report = nlp(TEXT)._.lawie
    html = sc.render_html(report, page=False)
    assert "镇综合行政执法大队" in html and "METRIC" in html and "MONEY ← 罚款" in html


def test_spacy_unknown_segmenter() -> None:
    from lawie.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown segmenter"):
        sc.load(segmenter="jieba")
