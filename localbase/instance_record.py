"""The configuration a running instance was started with, kept in its state folder.

A later `status`, `env` or `down` from another shell (other LOCALBASE_* variables, or none)
must describe and stop the instance that runs, not the one its own environment would start.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from localbase.config import LocalbaseConfig


def record_path(config: LocalbaseConfig) -> Path:
    return config.run_dir / "instance.json"


def save(config: LocalbaseConfig) -> None:
    path = record_path(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    # It holds the JWT secret: readable by its owner only.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(config.model_copy(update={
            "dir": config.dir.resolve(), "project_dir": config.project_dir.resolve(),
        }).model_dump_json(indent=1))


def load(config: LocalbaseConfig) -> LocalbaseConfig | None:
    """The recorded configuration of the instance in `config.dir`, or None."""
    try:
        recorded = json.loads(record_path(config).read_text())
    except (FileNotFoundError, ValueError):
        return None
    return LocalbaseConfig(**{**recorded, "dir": config.dir.resolve()})


def remove(config: LocalbaseConfig) -> None:
    record_path(config).unlink(missing_ok=True)
