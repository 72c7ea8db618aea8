"""The clinic's pipeline stages as pages show them: key, the name in the reader's language (or
the admin's label), the color."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from omni_app.domain import pipeline
from omni_app.domain.pipeline import Stage


@dataclass
class StageOption:
    key: str = ""
    name: str = ""
    color: str = "gray"
    archived: bool = False


def stage_options(stages: list[Stage], tr: Mapping[str, str]) -> list[StageOption]:
    return [StageOption(key=stage.key, name=pipeline.name(stage, tr), color=stage.color,
                        archived=stage.archived) for stage in stages]


def by_key(options: list[StageOption]) -> dict[str, StageOption]:
    return {option.key: option for option in options}


def shown(options: list[StageOption], key: str) -> StageOption:
    """The stage `key` names (a key unknown to the list is shown as itself)."""
    return by_key(options).get(key) or StageOption(key=key, name=key)
