"""Apply an ordered list of annotations to a report text, producing inline markup (lawie.corpus.markup).

    python -m training.seq2markup SOURCE.txt ANNOTATIONS.seq OUT.mu.txt

Each line of ANNOTATIONS.seq is ``TAG|surface`` in order of appearance, where TAG
is a markup tag (``ORG``, ``METRIC#1``, ``COUNT>1``...); the surface is searched
from the end of the previous one, so the text itself is never retyped. ``\\n``
in a surface stands for a line break. ``SKIP|text`` moves past ``text`` without
marking it (to reach a later occurrence); lines starting with ``//`` are comments.
"""

from __future__ import annotations

import sys


def apply(source: str, lines: list[str]) -> str:
    """The markup for ``source``; raises ``ValueError`` naming the first surface not found."""
    pos, out = 0, []
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("//"):
            continue
        tag, surface = line.split("|", 1)
        surface = surface.replace("\\n", "\n")
        i = source.find(surface, pos)
        if i < 0:
            raise ValueError(f"line {n}: {surface!r} not found after offset {pos}: {source[pos:pos + 40]!r}")
        if tag == "SKIP":
            out.append(source[pos : i + len(surface)])
        else:
            out.append(source[pos:i])
            out.append(f"[[{tag}:{surface}]]")
        pos = i + len(surface)
    out.append(source[pos:])
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    source_path, seq_path, out_path = argv if argv is not None else sys.argv[1:]
    with open(source_path, encoding="utf-8", newline="") as f:
        source = f.read()
    with open(seq_path, encoding="utf-8") as f:
        lines = f.readlines()
    try:
        markup = apply(source, lines)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    with open(out_path, "w", encoding="utf-8", newline="") as f:
        f.write(markup)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
