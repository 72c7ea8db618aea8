"""A throwaway localbase for a test session: private cluster, free ports, removed afterwards."""
from __future__ import annotations

import os
import shutil
import socket
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from localbase import Localbase, LocalbaseConfig


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def throwaway_config(project_dir: Path, **overrides) -> LocalbaseConfig:
    directory = Path(tempfile.mkdtemp(prefix="localbase-"))
    os.chmod(directory, 0o755)  # the server's OS user must reach its data directory
    return LocalbaseConfig(dir=directory, project_dir=project_dir, db_port=free_port(),
                           api_port=free_port(), mail_port=free_port(), durable=False,
                           **overrides)


@contextmanager
def running_localbase(project_dir: Path, **overrides) -> Iterator[Localbase]:
    lb = Localbase(throwaway_config(project_dir, **overrides))
    try:
        lb.up()
        yield lb
    finally:
        lb.down()
        shutil.rmtree(lb.config.dir, ignore_errors=True)
