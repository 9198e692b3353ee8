"""lawie corpus validate: each kind of error is named with file, line and entity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lawie.cli import main
from lawie.corpus.validate import validate_files

TEXT = "全年调处矛盾纠纷120余起，成功率达99%。县委"
GOOD = {
    "id": "d1", "text": TEXT,
    "entities": [{"id": 0, "label": "METRIC", "start_offset": 4, "end_offset": 8},
                 {"id": 1, "label": "COUNT", "start_offset": 8, "end_offset": 13},
                 {"id": 2, "label": "ORG", "start_offset": 22, "end_offset": 24}],
    "relations": [{"id": 0, "from_id": 0, "to_id": 1, "type": "HAS_VALUE"}],
}


def _write(tmp_path: Path, records: list, name: str = "c.jsonl") -> str:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _broken(**changes) -> dict:
    record = json.loads(json.dumps(GOOD))
    for key, value in changes.items():
        record[key] = value
    return record


def test_validate_good_file_passes(tmp_path: Path) -> None:
    assert validate_files([_write(tmp_path, [GOOD])]) == []


@pytest.mark.parametrize(
    ("record", "needle", "entity"),
    [
        (_broken(entities=GOOD["entities"][:2] + [{"id": 2, "label": "ORG", "start_offset": 22, "end_offset": 99}]),
         "out of range", 2),
        (_broken(entities=GOOD["entities"] + [{"id": 3, "label": "ORG", "start_offset": 6, "end_offset": 10}]),
         "overlaps", None),
        (_broken(entities=GOOD["entities"][:2] + [{"id": 2, "label": "ORGANISATION", "start_offset": 22, "end_offset": 24}]),
         "unknown label", 2),
        (_broken(relations=[{"id": 0, "from_id": 1, "to_id": 0, "type": "HAS_VALUE"}]), "must go METRIC", 1),
        (_broken(relations=[]), "METRIC with no value", 0),
        (_broken(text=TEXT + " ", entities=GOOD["entities"][:2] + [{"id": 2, "label": "ORG", "start_offset": 22,
                                                                  "end_offset": 25}]), "whitespace", 2),
        (_broken(relations=[{"id": 0, "from_id": 0, "to_id": 7, "type": "HAS_VALUE"}]), "missing entity", None),
        (_broken(sections=[{"level": 1, "number": "一、", "title": "x", "start_offset": 0}]), "is not at offset", None),
    ],
)
def test_validate_names_each_error(tmp_path: Path, record: dict, needle: str, entity: int | None) -> None:
    path = _write(tmp_path, [GOOD | {"id": "ok"}, record])
    problems = validate_files([path])
    assert problems, needle
    assert any(needle in p.message and p.line == 2 and p.path == path for p in problems), problems
    if entity is not None:
        assert any(p.entity_id == entity for p in problems)


def test_validate_duplicate_ids_and_bad_json(tmp_path: Path) -> None:
    path = _write(tmp_path, [GOOD, GOOD])
    with open(path, "a", encoding="utf-8") as f:
        f.write("{not json\n")
    messages = [str(p) for p in validate_files([path])]
    assert any("duplicate document id" in m and ":2" in m for m in messages)
    assert any("not valid JSON" in m and ":3" in m for m in messages)
    other = _write(tmp_path, [GOOD], "other.jsonl")
    assert any("also in" in str(p) for p in validate_files([path, other]))


def test_validate_cli_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "validate", _write(tmp_path, [GOOD])]) == 0
    assert main(["corpus", "validate", _write(tmp_path, [_broken(relations=[])], "bad.jsonl")]) == 1
    assert "METRIC with no value" in capsys.readouterr().out
    assert main(["corpus", "validate", str(tmp_path / "missing.jsonl")]) == 1


def test_synthetic_set_is_valid_and_rebuilt_from_its_markup(tmp_path) -> None:
    import shutil
    from pathlib import Path

    from lawie.corpus.validate import validate_files
    from training.build_synthetic import main as build

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    shutil.copytree(corpus / "synthetic" / "markup", tmp_path / "synthetic" / "markup")
    assert build(["--corpus", str(tmp_path)]) == 0
    for split in ("rules_dev", "heldout"):
        built = (tmp_path / "synthetic" / f"{split}.jsonl").read_text(encoding="utf-8")
        assert built == (corpus / "synthetic" / f"{split}.jsonl").read_text(encoding="utf-8")
    problems = validate_files([tmp_path / "synthetic" / "rules_dev.jsonl", tmp_path / "synthetic" / "heldout.jsonl"])
    assert not problems
