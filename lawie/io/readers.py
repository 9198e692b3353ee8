"""Reading reports as users have them: .txt (any common Chinese encoding), .docx, .pdf, .html.

Each reader returns a :class:`Document` (text, source path, reader name). The
format libraries (python-docx, pdfplumber, trafilatura) are imported only when
a file of that kind is read.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lawie.errors import InputError, MissingDependencyError

#: Encodings tried in order before falling back to detection.
_ENCODINGS = ("utf-8-sig", "gb18030")

#: File name endings each reader handles.
SUFFIXES = {".txt": "txt", ".text": "txt", ".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html"}


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
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("cannot decode: not UTF-8, GB18030/GBK or another known encoding", source=source)
    return str(best), best.encoding


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror or err}", source=str(path)) from None


def read_text(path: str | Path) -> Document:
    """Read a ``.txt`` report in any common Chinese encoding.

    Raises:
        InputError: if the file is missing, unreadable, binary or undecodable.
    """
    p = Path(path)
    text, encoding = decode(_read_bytes(p), str(p))
    return Document(text=text, source=str(p), reader="txt", encoding=encoding)


def read_docx(path: str | Path) -> Document:
    """Read a Word ``.docx``: body paragraphs and tables in document order, one line each.

    Table rows become lines with cells separated by a tab.
    """
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise MissingDependencyError("python-docx", "readers") from None
    p = Path(path)
    _read_bytes(p)  # a clear error for missing or unreadable files
    try:
        document = docx.Document(str(p))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as err:
        raise InputError(f"not a readable .docx file ({type(err).__name__}: {err})", source=str(p)) from None
    except Exception as err:  # zipfile.BadZipFile, lxml errors from corrupt parts
        raise InputError(f"corrupt .docx file ({type(err).__name__}: {err})", source=str(p)) from None
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                lines.append("\t".join(cell.text.replace("\n", " ") for cell in row.cells))
    return Document(text="\n".join(lines) + "\n", source=str(p), reader="docx")


_CLOSERS = "。！？!?；;：:”」』）)》…"
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})\s*$")
_STARTS_PART = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.、．](?!\d)|第[一二三四五六七八九十]+部分)")


def read_pdf(path: str | Path) -> Document:
    """Read a PDF's text layer: page headers, footers and page numbers removed, wrapped lines rejoined.

    Raises:
        InputError: for a corrupt PDF or one without a text layer (a scan: run OCR first).
    """
    try:
        import pdfplumber
    except ImportError:
        raise MissingDependencyError("pdfplumber", "readers") from None
    p = Path(path)
    _read_bytes(p)
    try:
        with pdfplumber.open(str(p)) as pdf:
            pages = [(page.extract_text() or "").splitlines() for page in pdf.pages]
    except Exception as err:  # pdfminer raises many types for broken files
        raise InputError(f"not a readable PDF ({type(err).__name__}: {err})", source=str(p)) from None
    if not any(line.strip() for page in pages for line in page):
        raise InputError("the PDF has no text layer (a scanned document?); run OCR on it first", source=str(p))
    return Document(text=_join_pdf_lines(_strip_page_furniture(pages)), source=str(p), reader="pdf")


def _strip_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and lines repeated at the top or bottom of most pages (running headers/footers)."""
    edges: Counter[str] = Counter()
    for lines in pages:
        body = [ln.strip() for ln in lines if ln.strip()]
        edges.update(set(body[:2] + body[-2:]))
    repeated = {ln for ln, n in edges.items() if len(pages) >= 3 and n >= max(3, len(pages) // 2)}
    out = []
    for lines in pages:
        body = [ln for ln in lines if ln.strip()]
        while body and (_PAGE_NUMBER.match(body[-1]) or body[-1].strip() in repeated):
            body.pop()
        while body and (_PAGE_NUMBER.match(body[0]) or body[0].strip() in repeated):
            body.pop(0)
        out.append(body)
    return out


def _join_pdf_lines(pages: list[list[str]]) -> str:
    """Rejoin lines wrapped by the layout, also across page breaks; keep real paragraph ends."""
    lines = [ln.rstrip() for page in pages for ln in page]
    lengths = Counter(len(ln.strip()) for ln in lines if len(ln.strip()) > 10)
    full = max(lengths, key=lambda n: (lengths[n], n)) if lengths else 0
    out: list[str] = []
    for ln in lines:
        stripped = ln.strip()
        if out and not _STARTS_PART.match(stripped) and _continues(out[-1], full):
            out[-1] += stripped
        else:
            out.append(stripped)
    return "\n".join(out) + "\n"


def _continues(previous: str, full: int) -> bool:
    last_line_length = len(previous) % full if full else len(previous)
    wrapped = full and (last_line_length == 0 or last_line_length >= full - 2)
    return bool(previous) and previous[-1] not in _CLOSERS and bool(wrapped)


def read_html(path: str | Path) -> Document:
    """Read a web page saved from a government site: the main article text, without navigation and boilerplate."""
    try:
        import trafilatura
    except ImportError:
        raise MissingDependencyError("trafilatura", "readers") from None
    p = Path(path)
    data = _read_bytes(p)
    html, _ = decode(data, str(p))
    text = trafilatura.extract(html, include_tables=True, include_comments=False, favor_recall=True)
    if not text or not text.strip():
        raise InputError("no article text found in the HTML page", source=str(p))
    return Document(text=text + "\n", source=str(p), reader="html")


_READERS = {"txt": read_text, "docx": read_docx, "pdf": read_pdf, "html": read_html}


def read_document(path: str | Path) -> Document:
    """Read a report file with the reader its extension calls for.

    Raises:
        InputError: for an unsupported extension or an unreadable file.
    """
    p = Path(path)
    reader = SUFFIXES.get(p.suffix.lower())
    if reader is None:
        raise InputError(f"unsupported file type {p.suffix or '(none)'!r}; lawie reads {', '.join(sorted(SUFFIXES))}",
                         source=str(p))
    return _READERS[reader](p)
