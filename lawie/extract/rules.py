"""High-precision patterns for the labels with a fixed surface form: DOCNO, LAW (in 《》), DATE, RATE, MONEY, COUNT,
and the recurring ORG, GPE and PER forms of :mod:`lawie.extract.organs`.

:class:`RuleExtractor` finds them alone; :class:`CombinedExtractor` adds them to a
model's output where the model found nothing overlapping. Every entity says which
produced it (``source`` ``"rules"`` or ``"model"``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lawie.extract.base import Extraction, Extractor
from lawie.extract.metrics import in_one_clause, is_duration, metric_before
from lawie.extract.organs import document_places, find_organ_spans
from lawie.labels import VALUE_LABELS, Label, RelationType
from lawie.types import Entity, Relation

_D = r"[0-9０-９]"
_NUM = rf"{_D}+(?:[.．]{_D}+)?"
_CN_DATE = "〇零○一二三四五六七八九十"

_LAW_VERB = "实施|施行|修订|修改|制定|颁布|出台|落实|贯彻|学习|宣传|宣讲|执行|遵守|印发|编制|审议|提请|通过"
_LAW_VERBS = rf"(?:深入|认真|全面|严格|抓紧|研究|再次|继续)?(?:{_LAW_VERB})(?:[和并]?(?:{_LAW_VERB}))*"
_LAW_CHAR = r"(?:(?![的在对把被将从向了是要各有和及与、])[\u4e00-\u9fff])"
_LAW_NAME = rf"{_LAW_CHAR}{{2,24}}?(?:法典|法|条例|规划纲要|纲要|规划|行动计划|办法|规定|细则|协定|协议|目录)"

_BARE_LAW = re.compile(rf"{_LAW_VERBS}({_LAW_NAME}(?:[和及、]{_LAW_NAME})*)(?=[，。、；和及与等为）)\s]|$)")
_LAW_NAME_RE = re.compile(rf"{_LAW_NAME}(?=[和及、]|$)")

#: (label, pattern, group holding the entity) in priority order: earlier rules win overlaps.
PATTERNS: tuple[tuple[Label, re.Pattern[str], int], ...] = (
    (Label.DOCNO, re.compile(rf"[\u4e00-\u9fff]{{1,10}}[〔\[［【]{_D}{{4}}[〕\]］】]第?{_D}{{1,4}}号"), 0),
    (Label.LAW, re.compile(r"《([^《》\n]{2,80})》"), 1),
    # laws named without 《》 (ANNOTATION.md §6), not inside the name of a day, week, month or ritual
    (Label.LAW, re.compile(r"(?<![《〈])(?:宪法|民法典)(?!日|宣传|学习月|宣誓|》|〉)"), 0),
    # named plans and laws without 《》: 「“八五”普法规划」, and titles after the verbs that take them
    # (实施「劳动合同法」和「就业促进法」, 修订「外商投资产业目录」); see _bare_laws for what is too generic
    (Label.LAW, re.compile(r"“[^“”\n]{1,8}”[\u4e00-\u9fff]{0,8}?规划(?:纲要)?"), 0),
    (Label.LAW, _BARE_LAW, 1),
    (Label.DATE, re.compile(
        rf"{_D}{{4}}\s*[—\-–~～至到]\s*{_D}{{4}}年|{_D}{{4}} ?年(?:{_D}{{1,2}}月(?:{_D}{{1,2}}日)?|底|初|末|度)?"
        rf"|今年{_D}{{1,2}}月"
        rf"|[{_CN_DATE}]{{4}}年[{_CN_DATE}]{{1,2}}月(?:[{_CN_DATE}]{{1,3}}日)?"
        rf"|(?<![0-9０-９])(?:1[0-2]|0?[1-9])月{_D}{{1,2}}日|{_D}{{4}}-{_D}{{2}}-{_D}{{2}}"
        rf"|(?<=“)(?:1[0-2]|[1-9])[·.．](?:[12][0-9]|3[01]|[1-9])(?=”)"), 0),  # named days: “3·15” “12.4”
    # a range is one value (「25%到40%」「5到7元」)
    (Label.RATE, re.compile(rf"{_NUM}\s*[%％]?\s*[到至～~]\s*{_NUM}\s*[%％]|{_NUM}\s*[%％]|百分之[{_CN_DATE}百点]+"
                            rf"|{_NUM}个百分点|[一二两三四五六七八九十]分之[一二三四五六七八九十]+|(?<![0-9/])[1-9]/[1-9][0-9]?(?![0-9/])"
                            rf"|(?<![0-9０-９.．第])(?:[一两二三四五六七八九十]|{_NUM})倍"), 0),
    (Label.MONEY, re.compile(rf"{_NUM}(?:万亿|亿|万|千)?\s*[到至～~]\s*{_NUM}(?:万亿|亿|万|千)?(?:余|多)?(?:元|美元|欧元)"
                             rf"|{_NUM}(?:万亿|亿|万|千)?(?:余|多)?(?:元|美元|欧元)"), 0),
    (Label.COUNT, re.compile(
        rf"(?<![0-9０-９.．第])({_NUM}(?:万|亿)?(?:余|多)? ?"
        r"(?:人/次|家\(次\)|家（次）|人次|户次|批次|件次|场次|余人|个|件|起|次|人|名|家|部|份|条|项|场|批|户|所|只|座|套|台|辆|张|篇|期|天|小时|公里|平方米|亩|吨|"
        r"期|轮|处|类|种|本|册|幅|块|宗|单|元素|立方米|千瓦时|千瓦|公顷|平方公里|标准箱|公斤|斤)(?!以来))"), 1),
    # durations (ANNOTATION.md §6: 连续17年, 过去五年); a four-digit year is a DATE
    (Label.COUNT, re.compile(
        rf"(?<![0-9０-９.．第新的比几键后])(?:{_D}{{1,3}}|(?<![{_CN_DATE}两几百千第])[一二两三四五六七八九十]{{1,3}})"
        r"(?:周年|个多?月|年)(?!来|级|制|计划|行动|规划|以来|代|度|实施|指导|攻坚|比|义务教育|改革)"), 0),
)

#: Every label the rules can produce.
RULE_LABELS: frozenset[Label] = frozenset([*(lb for lb, _, _ in PATTERNS), Label.ORG, Label.GPE, Label.PER, Label.METRIC])

#: 《》 titles that are not LAW: books, speeches, newspapers (ANNOTATION.md §6).
_NOT_LAW = re.compile(r"习近平|^论|文选|选编|读本|手册|学习纲要|日报|杂志|画报|一书$|问答$|工作法$")


#: Titles too generic to name one document (相关规定, 实施方案) and words that end in 法 without being a law.
_GENERIC_LAW = re.compile(
    r"^(?:相关|有关|各项|配套|工作|实施|年度|专项|总体|发展|法律|行政|管理|改革)*(?:法律|法规|规定|办法|规划|目录|意见|纲要|细则)$"
    r"|(?:执|司|普|守|立|用|违|合|依|方|说|做|想|看|手|技|章|书|语|算|兵|办)法$|相关|若干|一系列|重大规划"
)
#: Words before a title that are not part of it (实施「新一轮」妇女儿童发展纲要, 实施「好」…).
_LAW_LEAD = re.compile("^(?:好|新一轮|一批|首部|新)")


def _bare_laws(m: re.Match[str]) -> list[tuple[int, int]]:
    """The titles of a :data:`_BARE_LAW` match, one span each (实施「劳动合同法」和「就业促进法」), without
    the generic ones (:data:`_GENERIC_LAW`)."""
    spans, pos, end = [], m.start(1), m.end(1)
    while pos < end:
        part = _LAW_NAME_RE.match(m.string, pos, end)
        if part is None:
            break
        lead = _LAW_LEAD.match(part.group())
        start = part.start() + (lead.end() if lead else 0)
        name = m.string[start:part.end()]
        if len(name) >= 3 and not _GENERIC_LAW.search(name):
            spans.append((start, part.end()))
        pos = part.end() + 1  # over 和, 及 or 、
    return spans


def find_rule_spans(text: str, start: int = 0, end: int | None = None,
                    places: frozenset[str] | None = None) -> list[tuple[Label, int, int]]:
    """Non-overlapping rule matches in ``text[start:end]``, sorted by offset.

    ``places``: the report's own place names, found as GPE where they stand alone (default:
    :func:`~lawie.extract.organs.document_places` of ``text``).
    """
    if places is None:
        places = document_places(text)
    end = len(text) if end is None else end
    found: list[tuple[Label, int, int]] = []
    taken: list[tuple[int, int]] = []
    organs = find_organ_spans(text, start, end, places)
    for label, pattern, group in PATTERNS:
        for m in pattern.finditer(text, start, end):
            spans = _bare_laws(m) if pattern is _BARE_LAW else [m.span(group)]
            for s, e in spans:
                if label is Label.LAW and _NOT_LAW.search(text[s:e]):
                    continue
                if pattern is _BARE_LAW and any(s < oe and os_ < e for lb, os_, oe in organs if lb is Label.ORG):
                    continue  # 提请「全国人大常委会」制定…: an organ, not the start of a title
                if s < e and not any(s < te and ts < e for ts, te in taken):
                    found.append((label, s, e))
                    taken.append((s, e))
    for label, s, e in organs:
        if not any(s < te and ts < e for ts, te in taken):
            found.append((label, s, e))
    return sorted(found, key=lambda x: x[1])


class RuleExtractor:
    """Entities from :data:`PATTERNS` only (no METRIC, no relations)."""

    name = "rules"

    def extract(self, text: str, units: Sequence[tuple[int, int]]) -> Extraction:
        """Rule entities inside ``units``."""
        places = document_places(text)
        spans = [s for u_start, u_end in units for s in find_rule_spans(text, u_start, u_end, places)]
        return Extraction(tuple(Entity(i, lb, s, e, text[s:e], "rules") for i, (lb, s, e) in enumerate(spans)))


class CombinedExtractor:
    """A model's output combined with rule entities.

    Args:
        primary: the model extractor (its relations are kept).
        labels: the labels the rules contribute (default: all rule labels).
        rules_first: if true, a rule entity replaces the model entities it overlaps (relations
            to a replaced value move to the rule entity); if false, rule entities only fill gaps.
        rules_only: labels taken from the rules alone: the model's entities of these labels are
            dropped (for labels where the rules were measured more accurate than the model).
    """

    name = "model+rules"

    def __init__(self, primary: Extractor, labels: Sequence[Label] | None = None, rules_first: bool = False,
                 rules_only: Sequence[Label] = ()) -> None:
        self.primary = primary
        self.labels = frozenset(labels) if labels is not None else RULE_LABELS
        self.rules_first = rules_first
        self.rules_only = frozenset(rules_only)
        self.rules = RuleExtractor()

    def extract(self, text: str, units: Sequence[tuple[int, int]]) -> Extraction:
        """The merged entities (ids renumbered in text order) and the model's relations."""
        base = _without_labels(self.primary.extract(text, units), self.rules_only)
        found = [e for e in self.rules.extract(text, units).entities if e.label in self.labels]
        overlaps = lambda a, b: a.start < b.end and b.start < a.end
        if self.rules_first:
            kept = [e for e in base.entities if not any(overlaps(e, r) for r in found)]
            extra = found
        else:
            kept = list(base.entities)
            extra = [r for r in found if not any(overlaps(r, b) for b in base.entities)]
        merged = sorted(kept + extra, key=lambda e: (e.start, e.end))
        new_id = {id(e): i for i, e in enumerate(merged)}
        remap = {e.id: new_id[id(e)] for e in kept}
        for e in base.entities:  # a replaced value: its relation follows the rule entity that replaced it
            if e.id not in remap:
                repl = next((r for r in extra if overlaps(e, r)), None)
                if repl is not None and repl.label in VALUE_LABELS and e.label in VALUE_LABELS:
                    remap[e.id] = new_id[id(repl)]
        pairs = {(remap[r.head], remap[r.tail]) for r in base.relations if r.head in remap and r.tail in remap}
        if Label.METRIC in self.labels:
            merged, pairs = _drop_unlinked_metrics(*_add_fallback_metrics(text, merged, pairs))
        entities = tuple(Entity(i, e.label, e.start, e.end, e.text, e.source) for i, e in enumerate(merged))
        relations = tuple(Relation(i, RelationType.HAS_VALUE, h, t) for i, (h, t) in enumerate(sorted(pairs)))
        return Extraction(entities, relations)


def _without_labels(extraction: Extraction, labels: frozenset[Label]) -> Extraction:
    """``extraction`` without its entities of ``labels`` and the relations that touch them (ids kept)."""
    if not labels:
        return extraction
    entities = tuple(e for e in extraction.entities if e.label not in labels)
    kept = {e.id for e in entities}
    return Extraction(entities, tuple(r for r in extraction.relations if r.head in kept and r.tail in kept))


def _drop_unlinked_metrics(merged: list[Entity], pairs: set[tuple[int, int]]
                           ) -> tuple[list[Entity], set[tuple[int, int]]]:
    """Remove METRICs left without a value (ANNOTATION.md §3), renumbering ``pairs``."""
    heads = {h for h, _ in pairs}
    keep = [i for i, e in enumerate(merged) if e.label is not Label.METRIC or i in heads]
    index = {old: new for new, old in enumerate(keep)}
    return [merged[i] for i in keep], {(index[h], index[t]) for h, t in pairs}


def _add_fallback_metrics(text: str, merged: list[Entity], pairs: set[tuple[int, int]]
                          ) -> tuple[list[Entity], set[tuple[int, int]]]:
    """Give every value without a METRIC the phrase before it (:func:`metric_before`), where there is one;
    durations lose their metric (ANNOTATION.md §6).

    ``merged`` is in text order and ``pairs`` index into it; returns both renumbered.
    """
    pairs = {(h, t) for h, t in pairs if not is_duration(merged[t].text)}
    metric_of = {v: m for m, v in pairs}
    added: list[tuple[Entity, Entity]] = []  # (metric, value)
    fallback: dict[int, Entity] = {}  # value index -> the metric added for it
    for i, e in enumerate(merged):
        if e.label not in VALUE_LABELS or i in metric_of or is_duration(e.text):
            continue
        prev = merged[i - 1] if i else None
        if prev is not None and prev.label is Label.METRIC and in_one_clause(text, prev.end, e.start):
            pairs = pairs | {(i - 1, i)}
            metric_of[i] = i - 1
            continue
        if prev is not None and not text[prev.end:e.start].strip():  # 「接待来访群众」89批「155人次」: one metric
            if i - 1 in metric_of:
                pairs = pairs | {(metric_of[i - 1], i)}
                metric_of[i] = metric_of[i - 1]
                continue
            if i - 1 in fallback:
                added.append((fallback[i - 1], e))
                fallback[i] = fallback[i - 1]
                continue
        span = metric_before(text, e.start, prev.end if prev is not None else 0, e.end)
        if span is not None:
            fallback[i] = Entity(-1, Label.METRIC, span[0], span[1], text[span[0]:span[1]], "rules")
            added.append((fallback[i], e))
    if not added:
        return merged, pairs
    old = list(merged)
    merged = sorted(old + list({id(m): m for m, _ in added}.values()), key=lambda e: (e.start, e.end))
    index = {id(e): i for i, e in enumerate(merged)}
    pairs = {(index[id(old[h])], index[id(old[t])]) for h, t in pairs}
    pairs |= {(index[id(m)], index[id(v)]) for m, v in added}
    return merged, pairs
