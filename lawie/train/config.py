"""The typed training configuration, loaded from TOML."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from pathlib import Path

import tomllib

from lawie.errors import ConfigError


@dataclass(frozen=True)
class TrainConfig:
    """Fine-tuning settings; every field can be set in a TOML file (``lawie train --config``).

    Attributes:
        epochs: passes over the gold training windows.
        batch_size: windows per optimisation step.
        lr: peak learning rate (encoder and heads).
        warmup_ratio: share of steps with a linear warm-up.
        weight_decay: AdamW weight decay.
        silver_weight: loss weight of silver (auxiliary) examples relative to gold.
        silver_per_epoch: silver windows sampled per epoch (0: none).
        relation_weight: weight of the relation loss.
        max_chars: window size in characters.
        overlap: context characters added on each side of a long unit's windows.
        max_pair_distance: farthest gap (characters) between a metric and a value that can be linked.
        seed: random seed (data order, dropout, initialisation of the heads).
        half: store weights as float16 in the output directory.
        max_minutes: stop training after this long (the best model so far is kept).
        rule_labels: labels whose rule patterns (:mod:`lawie.extract.rules`) the trained model
            is combined with when loaded; empty for the model alone. ``METRIC`` turns on the
            fallback metric (:mod:`lawie.extract.metrics`) for values the model left unlinked.
        rules_first: a rule entity replaces the model entities it overlaps (otherwise rules
            only fill gaps).
        rules_only_labels: labels taken from the rules alone when combined (the model's entities
            of these labels are dropped); choose them by comparing ``lawie evaluate`` on dev with
            ``--no-rules`` and ``--no-model --rules-only``.
    """

    epochs: int = 20
    batch_size: int = 16
    lr: float = 3e-4
    warmup_ratio: float = 0.06
    weight_decay: float = 0.01
    silver_weight: float = 0.3
    silver_per_epoch: int = 2000
    relation_weight: float = 1.0
    max_chars: int = 250
    overlap: int = 40
    max_pair_distance: int = 40
    seed: int = 13
    half: bool = True
    max_minutes: float = 600.0
    rule_labels: tuple[str, ...] = ("DOCNO", "LAW", "DATE", "RATE", "MONEY", "COUNT", "ORG", "GPE", "PER", "METRIC")
    rules_first: bool = True
    rules_only_labels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        from lawie.labels import Label

        for label in (*self.rule_labels, *self.rules_only_labels):
            Label.parse(label)  # ConfigError naming the valid labels

    @classmethod
    def from_toml(cls, *paths: str | Path) -> TrainConfig:
        """Read TOML files whose keys are field names; a later file overrides an earlier one
        (``training/finetune.toml`` then ``training/continue.toml``).

        Raises:
            ConfigError: for an unreadable file, an unknown key or a value of the wrong type.
        """
        data: dict = {}
        for path in paths:
            try:
                layer = tomllib.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as err:
                raise ConfigError(f"cannot read training config {str(path)!r}: {err}") from None
            cls.from_mapping(layer, source=str(path))  # each file's names and types, with its own name in errors
            data.update(layer)
        return cls.from_mapping(data, source=" + ".join(map(str, paths)))

    @classmethod
    def from_mapping(cls, data: dict, source: str = "config") -> TrainConfig:
        """Build from a mapping of field names, checking names and types."""
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ConfigError(f"{source}: unknown setting(s) {', '.join(unknown)}; valid: {', '.join(known)}")
        defaults = cls()
        for key, value in data.items():
            expected = type(getattr(defaults, key))
            if expected is tuple and isinstance(value, list) and all(isinstance(v, str) for v in value):
                data = {**data, key: tuple(value)}
            elif expected is float and isinstance(value, int) and not isinstance(value, bool):
                data = {**data, key: float(value)}
            elif not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                raise ConfigError(f"{source}: {key} must be {expected.__name__}, got {value!r}")
        return cls(**data)

    def to_dict(self) -> dict:
        """The resolved settings."""
        return asdict(self)
