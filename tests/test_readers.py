"""Readers: fixtures written by the tests themselves, parsed structure compared with the plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawie.errors import InputError
from lawie.io.readers import read_document
from lawie.pipeline import Pipeline

SEED = Path(__file__).resolve().parent.parent / "corpus" / "raw" / "seeds" / "001_fde4d6334961397a.txt"


def _outline(text: str) -> list[tuple[int, str, str]]:
    return [(s.level, s.number, s.title) for s in Pipeline().parse(text).walk()]


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_readers_docx_matches_plain_text(tmp_path: Path, seed_text: str) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    lines = seed_text.splitlines()
    for n, line in enumerate(lines):
        document.add_paragraph(line)
        if n == 12:  # a table inside the body
            table = document.add_table(rows=2, cols=2)
            for (r, c), value in zip([(0, 0), (0, 1), (1, 0), (1, 1)], ["指标", "数量", "调处纠纷", "406起"]):
                table.cell(r, c).text = value
    path = tmp_path / "r.docx"
    document.save(str(path))
    doc = read_document(path)
    assert doc.reader == "docx" and "调处纠纷\t406起" in doc.text
    assert _outline(doc.text) == _outline(seed_text)
    report = Pipeline().parse(doc.text)
    assert report.meta.title == "关于2023年法治政府建设情况的报告" and report.meta.date == "2024-01-15"


def test_readers_pdf_matches_plain_text(tmp_path: Path, seed_text: str) -> None:
    pytest.importorskip("pdfplumber")
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "r.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    per_line, y, page = 28, 800, 1

    def new_page() -> None:
        nonlocal y, page
        c.setFont("STSong-Light", 9)
        c.drawString(250, 815, "某镇人民政府文件")  # running header
        c.drawString(290, 20, f"- {page} -")  # page number
        c.setFont("STSong-Light", 14)
        y = 790

    new_page()
    for para in seed_text.splitlines():
        if not para.strip():
            continue
        chunks = [para[i : i + per_line] for i in range(0, len(para), per_line)]
        for chunk in chunks:
            if y < 60:
                c.showPage()
                page += 1
                new_page()
            c.drawString(40, y, chunk)
            y -= 20
    c.save()
    doc = read_document(path)
    assert doc.reader == "pdf"
    assert "某镇人民政府文件" not in doc.text and "- 2 -" not in doc.text
    assert _outline(doc.text) == _outline(seed_text)
    assert "全年共排查调处矛盾纠纷406起，调解成功率达到99%。" in doc.text  # a sentence cut by line wraps, rejoined


def test_readers_html_drops_navigation(tmp_path: Path, seed_text: str) -> None:
    pytest.importorskip("trafilatura")
    paragraphs = "".join(f"<p>{line}</p>\n" for line in seed_text.splitlines() if line.strip())
    html = f"""<html><head><meta charset="gbk"><title>法治政府建设</title></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 法治政府建设</div>
<ul class="menu"><li><a href="/a">机构设置</a></li><li><a href="/b">政策文件</a></li><li><a href="/c">互动交流</a></li></ul>
<div class="article"><h1>关于2023年法治政府建设情况的报告</h1>{paragraphs}</div>
<div class="footer">主办单位：某某县人民政府办公室 版权所有 ICP备12345678号 网站地图 联系我们</div></body></html>"""
    path = tmp_path / "r.html"
    path.write_bytes(html.encode("gbk"))
    doc = read_document(path)
    assert doc.reader == "html" and "机构设置" not in doc.text and "ICP备" not in doc.text
    assert _outline(doc.text) == _outline(seed_text)


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [("bad.docx", b"PK\x03\x04 not really a zip", "docx"), ("bad.pdf", b"%PDF-1.4 garbage", "PDF"),
     ("empty.txt", b"", None), ("r.odt", b"whatever", "unsupported file type '.odt'")],
)
def test_readers_bad_files_one_line_error(tmp_path: Path, name: str, content: bytes, needle: str | None) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    if needle is None:  # an empty text file is a valid, empty report
        assert read_document(path).text == ""
        return
    with pytest.raises(InputError) as info:
        read_document(path)
    assert needle in str(info.value) and str(path) in str(info.value) and "\n" not in str(info.value)


def test_readers_pdf_without_text_layer(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 200, 200, fill=1)  # a picture, no text
    c.save()
    with pytest.raises(InputError, match="no text layer"):
        read_document(path)
