"""The runtime-independent inference loop: which windows the model reads (no torch needed)."""

from __future__ import annotations

import numpy as np
import pytest

from lawie.extract.neural import NUMBER_PATTERN, ModelConfig, NeuralExtractor
from lawie.labels import bio_tags


class _Tokenizer:
    """One token per character, ids 5.., offsets per character."""

    def __call__(self, texts: list[str], **_: object) -> dict[str, np.ndarray]:
        width = max(len(t) for t in texts) + 2
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        offsets = np.zeros((len(texts), width, 2), dtype=np.int64)
        for b, t in enumerate(texts):
            ids[b, : len(t) + 2], mask[b, : len(t) + 2] = 5, 1
            offsets[b, 1 : len(t) + 1] = [(i, i + 1) for i in range(len(t))]
        return {"input_ids": ids, "attention_mask": mask, "offset_mapping": offsets}


class _Runtime:
    """Tags every token O and records how many windows it was given."""

    def __init__(self) -> None:
        self.windows = 0

    def tag_log_probs(self, input_ids: np.ndarray, attention_mask: np.ndarray):
        self.windows += len(input_ids)
        log_probs = np.full((*input_ids.shape, len(bio_tags())), -10.0, dtype=np.float32)
        log_probs[..., 0] = 0.0
        return None, log_probs

    def pair_probs(self, hidden, rows: np.ndarray) -> np.ndarray:
        return np.zeros(len(rows))


@pytest.mark.parametrize("setting,expected", [("all", 3), ("numeric", 2)])
def test_numeric_model_windows_skip_text_without_numbers(setting: str, expected: int) -> None:
    text = "全年开展法治宣传。\n办理案件12件。\n调解三十余次。"
    units = [(0, 9), (10, 18), (19, 26)]
    runtime = _Runtime()
    config = ModelConfig(tags=tuple(bio_tags()), model_windows=setting)
    NeuralExtractor(runtime, _Tokenizer(), config, batch_size=1).extract(text, units)
    assert runtime.windows == expected


def test_number_pattern_finds_digits_and_counted_chinese_numerals() -> None:
    assert NUMBER_PATTERN.search("办理案件１２件") and NUMBER_PATTERN.search("调解三十余次")
    assert NUMBER_PATTERN.search("一是加强领导，统一思想") is None


def test_a_bad_model_windows_setting_is_an_error(tmp_path) -> None:
    import json
    import shutil

    from lawie.errors import ModelNotFoundError
    from lawie.extract.loading import shipped_model_dir
    from lawie.extract.neural import read_model_config

    shipped = shipped_model_dir()
    if shipped is None:
        pytest.skip("this checkout ships no model")
    shutil.copy(shipped / "config.json", tmp_path / "config.json")
    config = json.loads((tmp_path / "config.json").read_text(encoding="utf-8"))
    (tmp_path / "config.json").write_text(json.dumps({**config, "model_windows": "some"}), encoding="utf-8")
    with pytest.raises(ModelNotFoundError, match="model_windows is 'some'"):
        read_model_config(tmp_path)
