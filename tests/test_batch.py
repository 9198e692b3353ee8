"""Batch parsing, table exports and the distributed paths (Dask local mode, datasets.map)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lawie.batch import parse_reports
from lawie.pipeline import Pipeline

SEEDS = sorted((Path(__file__).resolve().parent.parent / "corpus" / "raw" / "seeds").glob("*.txt"))


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    odd = tmp_path / "x.odt"
    odd.write_bytes(b"?")
    return [SEEDS[0], bad, SEEDS[1], odd, SEEDS[2]]


@pytest.mark.parametrize("n_process", [1, 2])
def test_batch_in_order_and_bad_inputs_reported(inputs: list[Path], n_process: int) -> None:
    results = list(parse_reports(inputs + ["一、正文\n全年开展活动。"], n_process=n_process, batch_size=2))
    assert [r.source for r in results[:5]] == [str(p) for p in inputs]
    assert [r.ok for r in results] == [True, False, True, False, True, True]
    assert "bad.docx" in results[1].error and "unsupported file type" in results[3].error
    expected = Pipeline().parse(SEEDS[1].read_text(encoding="utf-8"))
    assert results[2].report.sections == expected.sections
    assert results[2].report.meta.source == str(SEEDS[1]) and results[2].report.meta.reader == "txt"
    assert results[5].report.sections[0].title == "正文"


def test_tables_columns_and_files(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    from lawie.io.tables import COLUMNS, to_dataframes, write_tables

    reports = [r.report for r in parse_reports(SEEDS[:2])]
    frames = to_dataframes(reports)
    for name, frame in frames.items():
        assert list(frame.columns) == COLUMNS[name]
    assert list(frames["documents"]["year"]) == [2020, 2023]
    sections = frames["sections"]
    first_child = sections[(sections.doc_id == reports[0].id) & (sections.level == 2)].iloc[0]
    assert sections.loc[first_child.parent_index, "number"] == "一、"
    paths = write_tables(reports, tmp_path / "parquet")
    import pandas as pd

    assert pd.read_parquet(paths["sections"]).shape == sections.shape
    csv = write_tables(reports, tmp_path / "csv", fmt="csv")
    assert pd.read_csv(csv["documents"]).shape[0] == 2


def test_cli_parse_writes_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pyarrow")
    from lawie.cli import main

    code = main(["parse", "-q", "--format", "jsonl", "--tables", str(tmp_path / "t"), *map(str, SEEDS[:2])])
    assert code == 0 and len(capsys.readouterr().out.splitlines()) == 2
    assert {p.name for p in (tmp_path / "t").iterdir()} == {f"{n}.parquet" for n in ("documents", "sections", "entities", "indicators")}


def test_distributed_dask_local_mode() -> None:
    pytest.importorskip("dask.bag")
    from lawie.distributed import dask_bag

    bag = dask_bag([*SEEDS[:3], "missing.txt"], npartitions=2)
    out = bag.compute(scheduler="processes", num_workers=2)
    assert [o["error"] is None for o in out] == [True, True, True, False]
    assert out[1]["record"]["meta"]["year"] == 2023
    assert json.loads(json.dumps(out[0]["record"]))["text"] == SEEDS[0].read_text(encoding="utf-8")


def test_distributed_datasets_map() -> None:
    datasets = pytest.importorskip("datasets")
    from lawie.distributed import parse_dataset

    ds = datasets.Dataset.from_dict({"text": [p.read_text(encoding="utf-8") for p in SEEDS[:3]]})
    out = parse_dataset(ds, num_proc=2)
    assert out["year"] == [2020, 2023, 2024] and all(out["n_sections"])
    assert json.loads(out[1]["lawie"])["meta"]["date"] == "2024-01-15"


def test_batch_forked_worker_after_parent_inference_does_not_hang() -> None:
    """A forked child (datasets.map, Dask processes) parses after the parent ran the model on several
    threads; torch's OpenMP pool must not deadlock it (lawie.extract.hf sets one thread after fork)."""
    torch = pytest.importorskip("torch")
    import multiprocessing as mp

    import lawie

    torch.set_num_threads(2)
    text = SEEDS[0].read_text(encoding="utf-8")
    expected = len(lawie.parse_report(text).entities)
    with mp.get_context("fork").Pool(1) as pool:
        result = pool.apply_async(_count_entities, (text,))
        assert result.get(timeout=120) == expected


def _count_entities(text: str) -> int:
    import lawie

    return len(lawie.parse_report(text).entities)
