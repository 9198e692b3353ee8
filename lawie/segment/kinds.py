"""Level-1 section kinds from the wording of the title."""

from __future__ import annotations

import re

from lawie.labels import SectionKind
from lawie.segment.rules import KIND_CUES

_COMPILED: tuple[tuple[SectionKind, tuple[re.Pattern[str], ...]], ...] = tuple(
    (kind, tuple(re.compile(cue) for cue in cues)) for kind, cues in KIND_CUES
)


#: Titles longer than this are cut to their first clause before looking for cues.
_RUNAWAY = 40


def classify_kind(title: str) -> SectionKind:
    """Return the kind of a level-1 section from its title.

    The kind whose first cue occurs earliest in the title wins (ties go to the
    kind listed first in :data:`lawie.segment.rules.KIND_CUES`); a title with no
    cue is :attr:`SectionKind.OTHER`.
    """
    if len(title) > _RUNAWAY:  # a title that ran into the body (lost line breaks): judge its first clause
        title = title.split("，")[0][:_RUNAWAY]
    best: tuple[int, int, SectionKind] | None = None
    for order, (kind, cues) in enumerate(_COMPILED):
        positions = [m.start() for cue in cues if (m := cue.search(title))]
        if positions:
            candidate = (min(positions), order, kind)
            best = candidate if best is None or candidate < best else best
    return best[2] if best else SectionKind.OTHER
