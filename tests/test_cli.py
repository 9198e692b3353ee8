"""The lawie command: inputs, encodings, formats, errors and exit status."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from lawie.cli import main

REPORT = "关于2023年法治政府建设情况的报告\n县委、县政府：\n一、主要举措和成效\n全年调处纠纷12起。\n二、下一步工作安排\n继续努力。\n"


def _parse(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["parse", "-q", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_cli_parse_reads_common_encodings(tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(REPORT.encode(encoding))
    code, out, _ = _parse([str(path), "--format", "jsonl"], capsys)
    record = json.loads(out)
    assert code == 0 and record["text"] == REPORT
    assert [s["title"] for s in record["sections"]] == ["主要举措和成效", "下一步工作安排"]
    assert record["meta"]["source"] == str(path)


def test_cli_parse_folder_and_bad_file_continue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02\x03binary")
    (tmp_path / "c.txt").write_text(REPORT, encoding="gbk")
    code, out, err = _parse([str(tmp_path), str(tmp_path / "missing.txt"), "--format", "jsonl"], capsys)
    assert code == 1
    assert len(out.splitlines()) == 2
    assert "b.txt: looks like a binary file" in err and "missing.txt: cannot read file" in err
    assert "2 of 4 input(s) failed" in err


def test_cli_parse_stdin_and_tree(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(REPORT.encode("gbk"))))
    code, out, _ = _parse(["-", "--format", "tree"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "关于2023年法治政府建设情况的报告" and "  主送: 县委、县政府" in lines
    assert "  一、主要举措和成效  [measures]" in lines and lines[-1].startswith("entities:")


def test_cli_parse_json_is_the_corpus_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _parse(["corpus/raw/seeds/001_fde4d6334961397a.txt"], capsys)
    record = json.loads(out)
    assert code == 0 and set(record) == {"id", "text", "entities", "relations", "sections", "meta"}
    assert record["meta"]["date"] == "2024-01-15"


def test_cli_missing_model_dir_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _parse(["--model", str(tmp_path / "nope"), "corpus/raw/seeds"], capsys)
    assert code == 1 and "does not exist" in err


def test_cli_pipeline_rejects_bytes() -> None:
    from lawie import InputError, Pipeline

    with pytest.raises(InputError, match="expected the report text as str"):
        Pipeline().parse(REPORT.encode())  # type: ignore[arg-type]
