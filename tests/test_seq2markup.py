"""The ordered-annotation tool used for the seed reports."""

from __future__ import annotations

import pytest

from lawie.corpus.markup import parse_markup
from training.seq2markup import apply

TEXT = "一是开展检查。今年共开展检查3次，调处纠纷12起。\n县委、县政府"


def test_seq2markup_marks_in_order_and_skips() -> None:
    lines = ["SKIP|今年共", "METRIC#1|开展检查", "COUNT>1|3次", "METRIC#2|调处纠纷", "COUNT>2|12起", "ORG|县委", "ORG|县政府"]
    text, entities, relations = parse_markup(apply(TEXT, lines))
    assert text == TEXT
    assert [(e.label.value, text[e.start : e.end]) for e in entities][0] == ("METRIC", "开展检查")
    assert entities[0].start == TEXT.index("今年共开展检查") + 3
    assert len(relations) == 2


def test_seq2markup_names_a_missing_surface() -> None:
    with pytest.raises(ValueError, match="'罚款' not found"):
        apply(TEXT, ["ORG|县委", "METRIC|罚款"])
