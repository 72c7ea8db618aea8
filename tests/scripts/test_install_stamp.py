"""`make install` runs pip when requirements.txt's content changes, not when only its date does
(Reflex rewrites the file at every start)."""
from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pip_would_run(folder: Path) -> bool:
    planned = subprocess.run(["make", "-n", "install"], cwd=folder, capture_output=True,
                             text=True, timeout=60)
    assert planned.returncode == 0, planned.stderr
    return "pip install" in planned.stdout


def test_pip_runs_again_for_new_content_only(tmp_path):
    for name in ("Makefile", "requirements.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / ".venv").mkdir()
    requirements = tmp_path / "requirements.txt"

    assert pip_would_run(tmp_path)
    subprocess.run(["make", "-t", "install"], cwd=tmp_path, capture_output=True, check=True)
    assert not pip_would_run(tmp_path)

    later = time.time() + 60
    os.utime(requirements, (later, later))  # what Reflex does at every start
    assert not pip_would_run(tmp_path)

    requirements.write_text(requirements.read_text() + "# one more line\n")
    assert pip_would_run(tmp_path)
