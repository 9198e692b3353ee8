"""Shared fixtures. Nothing here touches the network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "raw" / "seeds"
GOV_REPORTS = ROOT / "corpus" / "raw" / "gov-work-reports"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """The five seed reports, by file name."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def seeds_golden() -> dict:
    """Hand-checked section trees and metadata of the seeds."""
    return json.loads((DATA / "seeds_golden.json").read_text(encoding="utf-8"))
