"""The lawie exception family.

Every error lawie raises derives from :class:`LawieError`; most also derive
from the builtin that describes them best, so ``except ValueError`` keeps
working in user code.
"""

from __future__ import annotations


class LawieError(Exception):
    """Root of all lawie errors."""


class ConfigError(LawieError, ValueError):
    """A setting, argument or name is not one lawie accepts."""


class ModelNotFoundError(LawieError, FileNotFoundError):
    """No model directory could be found or loaded."""


class MissingDependencyError(LawieError, ImportError):
    """An optional dependency is not installed."""

    def __init__(self, package: str, extra: str) -> None:
        super().__init__(
            f"this feature needs the package {package!r}, which is not installed; "
            f"install it with: pip install 'lawie[{extra}]'"
        )
        self.package = package
        self.extra = extra


class InputError(LawieError, ValueError):
    """Input text or a file could not be used (empty, undecodable, unsupported)."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(f"{source}: {message}" if source else message)
        self.source = source
        self.reason = message


class CorpusFormatError(LawieError, ValueError):
    """A corpus file does not follow the corpus format.

    Attributes:
        path: the file, when known.
        line: 1-based line number in the file, when known.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        where = ":".join(str(p) for p in (path, line) if p is not None)
        super().__init__(f"{where}: {message}" if where else message)
        self.path = path
        self.line = line
        self.reason = message


class SegmentationError(LawieError, ValueError):
    """The segmenter met text it cannot place; carries the offset."""

    def __init__(self, message: str, *, text: str, offset: int) -> None:
        super().__init__(f"{message} at offset {offset}")
        self.text = text
        self.offset = offset

    def get_context(self, span: int = 20) -> str:
        """Return the text around the offset with a caret under it."""
        start = max(0, self.offset - span)
        before = self.text[start : self.offset].replace("\n", " ")
        after = self.text[self.offset : self.offset + span].replace("\n", " ")
        return f"{before}{after}\n{' ' * len(before)}^"
