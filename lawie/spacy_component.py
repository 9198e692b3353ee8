"""spaCy integration: an offline pkuseg-segmented ``Chinese`` pipeline and the ``lawie`` component.

spaCy is imported only here. The component is registered through the
``spacy_factories`` entry point, so ``nlp.add_pipe("lawie")`` works in any
pipeline once lawie is installed.

Doc extensions (installed once, only if missing):

- ``doc._.lawie``: the :class:`~lawie.types.Report` (exact character offsets);
- ``doc._.lawie_relations``: ``(metric Span, value Span, type)`` triples;
- ``doc._.lawie_sections``: ``(Section, heading Span)`` pairs in document order.

Entities go to ``doc.spans["lawie"]`` (every entity) and ``doc.ents`` (the
non-overlapping ones). Alignment policy: an entity whose edge cuts a token is
*expanded* to the enclosing tokens (``alignment_mode="expand"``); the exact
offsets stay on ``doc._.lawie``. Nothing is dropped: if two expanded spans
overlap, both stay in ``doc.spans["lawie"]`` and the longer one goes to
``doc.ents``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from lawie.errors import MissingDependencyError

try:
    from spacy.language import Language
    from spacy.tokens import Doc, Span
    from spacy.util import filter_spans
except ImportError:  # pragma: no cover - exercised only without spaCy
    raise MissingDependencyError("spacy", "spacy") from None

from lawie.pipeline import Pipeline
from lawie.types import Report

SPAN_KEY = "lawie"
_PKUSEG_DIR = Path(__file__).resolve().parent / "models" / "pkuseg"


def pkuseg_model_dir() -> Path:
    """The shipped spacy-pkuseg model directory (with ``user_dict.txt``).

    Raises:
        ModelNotFoundError: if this install has no segmentation model.
    """
    from lawie.errors import ModelNotFoundError

    if not (_PKUSEG_DIR / "features.msgpack").is_file() and not (_PKUSEG_DIR / "features.pkl").is_file():
        raise ModelNotFoundError(f"no pkuseg model in {str(_PKUSEG_DIR)!r}; train one with 'python -m training.segmenter'")
    return _PKUSEG_DIR


def install_extensions() -> None:
    """Register lawie's Doc extensions (idempotent; an existing extension is left alone)."""
    for name in ("lawie", "lawie_relations", "lawie_sections"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def _span(doc: Doc, start: int, end: int, label: str) -> Span:
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None:  # only whitespace-only ranges fail to expand; fall back to the covering tokens
        first = next(t.i for t in doc if t.idx + len(t.text_with_ws) > start)
        last = next(t.i for t in reversed(doc) if t.idx < end)
        span = Span(doc, first, last + 1, label=label)
    return span


def attach(doc: Doc, report: Report) -> Doc:
    """Put a report's entities, relations and sections on ``doc`` (same text)."""
    spans = {e.id: _span(doc, e.start, e.end, e.label.value) for e in report.entities}
    doc.spans[SPAN_KEY] = list(spans.values())
    doc.ents = filter_spans(spans.values())
    doc._.lawie = report
    doc._.lawie_relations = [(spans[r.head], spans[r.tail], r.type.value) for r in report.relations]
    doc._.lawie_sections = [(s, _span(doc, s.start, max(s.title_end, s.start + len(s.number)), f"H{s.level}"))
                            for s in report.walk()]
    return doc


class LawieComponent:
    """The ``lawie`` pipeline component: runs lawie's pipeline on each Doc's text.

    Args:
        nlp: the pipeline it belongs to.
        name: its name in the pipeline.
        model: a lawie model directory; ``None`` uses the default (``$LAWIE_MODEL_DIR`` or shipped).
        batch_size: documents per batch in :meth:`pipe`.
    """

    def __init__(self, nlp: Language, name: str = "lawie", model: str | None = None, batch_size: int = 8) -> None:
        install_extensions()
        self.name, self.model, self.batch_size = name, model, batch_size
        self._pipeline: Pipeline | None = None

    @property
    def pipeline(self) -> Pipeline:
        """The lawie pipeline, loaded on first use."""
        if self._pipeline is None:
            self._pipeline = Pipeline.from_dir(self.model) if self.model else Pipeline.default()
        return self._pipeline

    def __call__(self, doc: Doc) -> Doc:
        return attach(doc, self.pipeline.parse(doc.text))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        """Process docs in order (the model reads each document's windows in batches)."""
        for doc in docs:
            yield self(doc)

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        """Nothing to write: the model is referenced by its config (``model``)."""

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> LawieComponent:
        """Nothing to read; see :meth:`to_disk`."""
        return self


@Language.factory("lawie", default_config={"model": None, "batch_size": 8})
def make_lawie(nlp: Language, name: str, model: str | None, batch_size: int) -> LawieComponent:
    """spaCy factory of the ``lawie`` component."""
    return LawieComponent(nlp, name, model, batch_size)


def load(model: str | None = None, *, segmenter: str = "pkuseg") -> Language:
    """A spaCy ``Chinese`` pipeline with lawie's offline word segmenter and the ``lawie`` component.

    Args:
        model: a lawie model directory for the component (default: the shipped model).
        segmenter: ``"pkuseg"`` (lawie's own model and domain dictionary) or ``"char"``.

    Raises:
        ConfigError: for another segmenter name.
    """
    from spacy.lang.zh import Chinese

    from lawie.errors import ConfigError

    if segmenter not in ("pkuseg", "char"):
        raise ConfigError(f"unknown segmenter {segmenter!r}; expected 'pkuseg' or 'char'")
    nlp = Chinese.from_config({"nlp": {"tokenizer": {"segmenter": segmenter}}})
    if segmenter == "pkuseg":
        path = pkuseg_model_dir()
        nlp.tokenizer.initialize(pkuseg_model=str(path), pkuseg_user_dict=str(path / "user_dict.txt"))
    nlp.add_pipe("lawie", config={"model": model})
    return nlp


def render_html(report: Report, *, page: bool = True) -> str:
    """displaCy HTML of a report's entities (relations as ``METRIC→value`` titles on the value spans)."""
    from spacy import displacy

    heads = {r.tail: report.entity(r.head).text for r in report.relations}
    ents = [{"start": e.start, "end": e.end,
             "label": e.label.value if e.id not in heads else f"{e.label.value} ← {heads[e.id]}"}
            for e in report.entities]
    colors = {"ORG": "#7aecec", "GPE": "#feca74", "PER": "#aa9cfc", "LAW": "#bfeeb7", "DOCNO": "#e4e7d2",
              "DATE": "#bfe1d9", "COUNT": "#e4e7d2", "RATE": "#ffeb80", "MONEY": "#c887fb", "METRIC": "#ff9561"}
    colors |= {e["label"]: colors[e["label"].split(" ")[0]] for e in ents}
    data = {"text": report.text, "ents": ents, "title": report.meta.title}
    return displacy.render(data, style="ent", manual=True, page=page, options={"colors": colors})
