"""From model outputs to lawie objects: tag ids → character spans, pair scores → relations.

Pure Python and numpy; tested without torch.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from lawie.extract.organs import FUNCTION_WORDS, LEADER_NAMES
from lawie.labels import VALUE_LABELS, Label


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled character span found by the model."""

    label: Label
    start: int
    end: int


def tags_to_spans(tags: Sequence[str], offsets: Sequence[tuple[int, int]]) -> list[Span]:
    """Decode IOB2 tags over tokens into character spans.

    ``offsets[i]`` is the ``(start, end)`` of token ``i`` in the text; special
    tokens have ``start == end`` and are skipped. An ``I-X`` that does not
    continue an ``X`` span starts a new one (lenient repair, as conlleval).
    """
    spans: list[Span] = []
    label: str | None = None
    start = end = 0
    for tag, (t_start, t_end) in zip(tags, offsets):
        if t_start == t_end:
            continue
        kind, _, name = tag.partition("-")
        if kind == "I" and label == name:
            end = t_end
            continue
        if label is not None:
            spans.append(Span(Label(label), start, end))
            label = None
        if kind in ("B", "I"):
            label, start, end = name, t_start, t_end
    if label is not None:
        spans.append(Span(Label(label), start, end))
    return spans


_NUMBER_CHARS = frozenset("0123456789０１２３４５６７８９.．")
_NUMERIC_LABELS = VALUE_LABELS | {Label.DATE}


_CJK = re.compile(r"[\u4e00-\u9fff]")
#: Characters a rate noun does not reach back over (function words, levels, linking verbs).
_RATE_NOUN_STOP = frozenset(FUNCTION_WORDS + "均达省市州县区镇乡")
#: Characters that end a clause's metric phrase without belonging to it (均, 共, 都, 约…).
_METRIC_TRAILING = frozenset("均共都约近超逾")


def repair_spans(spans: Sequence[Span], text: str) -> list[Span]:
    """Undo two kinds of fragmentation a character tagger produces.

    Numbers are atomic: touching value/date spans that meet inside a run of digits are
    joined (the later piece, which carries the unit, gives the label), and a value or date
    boundary that cuts a digit run is moved to the run's edge. Touching spans of one label
    where one piece is a single character (「党」+「中央」) are joined.
    """
    joined: list[Span] = []
    for span in spans:
        prev = joined[-1] if joined else None
        if prev is not None and prev.end == span.start and (
            _cuts_number(text, span.start) and prev.label in _NUMERIC_LABELS and span.label in _NUMERIC_LABELS
            or prev.label is span.label and min(prev.end - prev.start, span.end - span.start) == 1
        ):
            joined[-1] = Span(span.label, prev.start, span.end)
            continue
        joined.append(span)
    out: list[Span] = []
    for i, span in enumerate(joined):
        start, end = span.start, span.end
        if span.label in _NUMERIC_LABELS:
            floor = out[-1].end if out else 0
            ceiling = joined[i + 1].start if i + 1 < len(joined) else len(text)
            while start > floor and _cuts_number(text, start):
                start -= 1
            while end < ceiling and _cuts_number(text, end):
                end += 1
        if span.label is Label.METRIC:  # 「参考率、合格率」均: linking words stay outside the metric
            while end - start > 2 and text[end - 1] in _METRIC_TRAILING:
                end -= 1
            if end - start <= 5 and text[end - 1] == "率":  # 调解成「功率」 → 「调解成功率」
                floor = next((o.end for o in reversed(out) if o.end - o.start > 1), 0)  # not over a real span
                while start > floor and end - start < 8 and _CJK.match(text[start - 1]) \
                        and text[start - 1] not in _RATE_NOUN_STOP:
                    start -= 1
        out.append(Span(span.label, start, end))
    return out


#: How the title of a law, plan or policy document ends (a LAW span that does not is a fragment).
_DOCUMENT_ENDING = re.compile(
    r"(?:法|法典|条例|规定|办法|细则|规则|规划|纲要|方案|意见|决定|通知|计划|目录|制度|准则|标准|协定|议定书|报告|要点|措施|"
    r"公约|章程|指南|清单|批复|通告|公告|决议|规程|战略|安排|条)$"
)


_NUMERAL = re.compile(r"[0-9０-９〇零○一二两三四五六七八九十百千万亿几半]")
_CLASSIFIER = re.compile(r"[只个件人名家次起项条份部场批户所座套台辆张篇期天元万亿]")

#: What each value label must contain besides its numeral (ANNOTATION.md §2): a COUNT its classifier or a
#: 万/亿 multiplier (「120余起」「２２３５万」, not a bare 「三」), MONEY its currency, RATE its percent or fraction
#: sign, DATE a date unit or separator (a bare four-digit year is allowed only where it stands alone).
_VALUE_SHAPE: dict[Label, re.Pattern[str]] = {
    Label.COUNT: re.compile(r"[^0-9０-９.．〇零○一二两三四五六七八九十百千几半余多]"),
    Label.MONEY: re.compile(r"元"),
    Label.RATE: re.compile(r"[%％‰倍成]|百分|分之|[0-9０-９]/[0-9０-９]"),
    Label.DATE: re.compile(r"[年月日号季\-·.．—/]|^[0-9０-９]{4}$"),
}
#: An institution's name ends with the word for what it is (院 局 委 办 所 队 中心 组 会 …); model ORG
#: spans that end elsewhere are fragments (「组织机」「公共法律服务热」).
_ORG_ENDING = re.compile(r"[院央会织府队党团组协行心军国盟办所坛委社大部局金站处科庭厅署室司校馆台关联网构营厂场]$")
#: A person's name in these reports: Chinese characters (with · in minority names), not 「admin」「LED」「44」.
_PERSON_NAME = re.compile(r"[\u4e00-\u9fff·]{2,8}")
#: 习近平 inside the name of a body of thought is no person (ANNOTATION.md §6).
_THOUGHT_AFTER = re.compile(r"(?:新时代|法治思想|思想|经济思想|生态文明思想|外交思想|强军思想|文化思想)")


def _has_shape(span: Span, text: str) -> bool:
    """Whether the span's text looks like its label at all (see :data:`_VALUE_SHAPE`, :data:`_ORG_ENDING`)."""
    body = text[span.start:span.end]
    shape = _VALUE_SHAPE.get(span.label)
    if shape is not None and not shape.search(body):
        return False
    if span.label is Label.DATE and body.isdigit() and (
            len(body) != 4 or _CLASSIFIER.match(text, span.end) or (span.start and _CJK.match(text, span.start - 1))):
        return False  # 「1200」只, 「12348」热线, 中国制造「2025」; a year heading a line (「2014」国务院…) stays
    if span.label is Label.ORG and not _ORG_ENDING.search(body):
        return False
    if span.label is Label.PER:
        return (bool(_PERSON_NAME.fullmatch(body)) and not _THOUGHT_AFTER.match(text, span.end)
                and not any(len(body) < len(name) and text.startswith(name, span.start) for name in LEADER_NAMES))
    return True



def drop_fragments(spans: Sequence[Span], text: str) -> list[Span]:
    """Drop spans no report contains: one-character names, values and dates without a numeral or
    without their unit (:data:`_VALUE_SHAPE`), institutions that do not end like one, LAW spans that
    do not end like a title, and 习近平 inside the name of a body of thought."""
    out = []
    for span in spans:
        if span.end - span.start == 1 and span.label not in _NUMERIC_LABELS:
            continue
        if span.label in _NUMERIC_LABELS and not _NUMERAL.search(text[span.start:span.end]):
            continue
        if span.label is Label.LAW and not _DOCUMENT_ENDING.search(text[span.start:span.end]):
            continue
        if not _has_shape(span, text):
            continue
        out.append(span)
    return out


def _cuts_number(text: str, index: int) -> bool:
    """Whether a boundary at ``index`` falls between two characters of one number."""
    return 0 < index < len(text) and text[index - 1] in _NUMBER_CHARS and text[index] in _NUMBER_CHARS


def allowed_transitions(tags: Sequence[str]) -> np.ndarray:
    """``allowed[i, j]``: whether tag ``j`` may follow tag ``i`` in IOB2 (``I-X`` only after ``B-X``/``I-X``)."""
    n = len(tags)
    allowed = np.ones((n, n), dtype=bool)
    for j, tag in enumerate(tags):
        if tag.startswith("I-"):
            name = tag[2:]
            for i, prev in enumerate(tags):
                allowed[i, j] = prev in (f"B-{name}", f"I-{name}")
    return allowed


def viterbi(log_probs: np.ndarray, allowed: np.ndarray, tags: Sequence[str]) -> list[int]:
    """The best tag sequence under IOB2 constraints (no ``I-X`` without a preceding ``B-X``).

    Args:
        log_probs: ``(tokens, n_tags)`` log-probabilities of the real tokens (no padding).
        allowed: from :func:`allowed_transitions`.
        tags: the tag names (the first position may not be ``I-X``).
    """
    return viterbi_batch(log_probs[None], [len(log_probs)], allowed, tags)[0]


def viterbi_batch(log_probs: np.ndarray, lengths: Sequence[int], allowed: np.ndarray,
                  tags: Sequence[str]) -> list[list[int]]:
    """:func:`viterbi` for a padded batch ``(windows, tokens, n_tags)`` at once (same paths, one
    numpy step per token position instead of per token)."""
    batch, n_tokens, n_tags = log_probs.shape
    if batch == 0 or n_tokens == 0:
        return [[] for _ in range(batch)]
    lengths_arr = np.asarray(lengths)
    penalty = np.where(allowed, 0.0, -1e9)
    start_ok = np.array([0.0 if not t.startswith("I-") else -1e9 for t in tags])
    score = log_probs[:, 0] + start_ok  # (batch, n_tags)
    back = np.zeros((batch, n_tokens, n_tags), dtype=np.int64)
    for t in range(1, n_tokens):
        cand = score[:, :, None] + penalty  # (batch, prev, next)
        best = cand.argmax(axis=1)
        new = np.take_along_axis(cand, best[:, None, :], axis=1)[:, 0] + log_probs[:, t]
        live = (t < lengths_arr)[:, None]  # finished windows keep their final scores
        score = np.where(live, new, score)
        back[:, t] = best
    paths = []
    for b in range(batch):
        n = int(lengths_arr[b])
        if n == 0:
            paths.append([])
            continue
        path = [int(score[b].argmax())]
        for t in range(n - 1, 0, -1):
            path.append(int(back[b, t, path[-1]]))
        paths.append(path[::-1])
    return paths


def candidate_pairs(spans: Sequence[Span], max_distance: int) -> list[tuple[int, int]]:
    """Index pairs (metric, value) of spans that could be linked: a METRIC and a value close enough."""
    pairs = []
    for i, m in enumerate(spans):
        if m.label is not Label.METRIC:
            continue
        for j, v in enumerate(spans):
            if v.label in VALUE_LABELS and _gap(m, v) <= max_distance:
                pairs.append((i, j))
    return pairs


def _gap(a: Span, b: Span) -> int:
    return max(0, b.start - a.end, a.start - b.end)


def link(pairs: Sequence[tuple[int, int]], probs: np.ndarray, threshold: float = 0.5) -> list[tuple[int, int]]:
    """Keep, for every value, its most probable metric when that probability reaches ``threshold``."""
    best: dict[int, tuple[float, int]] = {}
    for (m, v), p in zip(pairs, probs.tolist()):
        if p >= threshold and p > best.get(v, (-1.0, -1))[0]:
            best[v] = (p, m)
    return sorted((m, v) for v, (_, m) in best.items())


def distance_bucket(a: Span, b: Span) -> int:
    """A small integer for the signed distance between two spans (value before/after metric, near/far)."""
    gap = _gap(a, b)
    bucket = 0 if gap == 0 else 1 if gap <= 2 else 2 if gap <= 6 else 3 if gap <= 15 else 4 if gap <= 40 else 5
    return bucket + (6 if b.start < a.start else 0)


#: Number of distance buckets :func:`distance_bucket` returns.
N_DISTANCE_BUCKETS = 12
