"""Reading report files: text files in any common Chinese encoding."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lawie.errors import InputError

#: Encodings tried in order before falling back to detection.
_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True, slots=True)
class Document:
    """A text read from a file, with where it came from."""

    text: str
    source: str
    reader: str
    encoding: str | None = None


def decode(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Decode report bytes; returns ``(text, encoding)``.

    UTF-8 (with or without BOM) and GB18030 (a superset of GBK and GB2312) are
    tried first, then charset detection. A UTF-8 BOM is removed; nothing else
    is changed.

    Raises:
        InputError: if the bytes are binary or cannot be decoded.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        raise InputError("looks like a binary file (NUL bytes), not text", source=source)
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding), "utf-8" if encoding == "utf-8-sig" else encoding
        except UnicodeDecodeError:
            continue
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer is a core dependency
        from_bytes = None
    best = from_bytes(data).best() if from_bytes else None
    if best is None:
        raise InputError("cannot decode: not UTF-8, GB18030/GBK or another known encoding", source=source)
    return str(best), best.encoding


def read_text(path: str | Path) -> Document:
    """Read a ``.txt`` report in any common Chinese encoding.

    Raises:
        InputError: if the file is missing, unreadable, binary or undecodable.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror or err}", source=str(p)) from None
    text, encoding = decode(data, str(p))
    return Document(text=text, source=str(p), reader="txt", encoding=encoding)
