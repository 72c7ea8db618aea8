"""Labels point at their inputs: Reflex turns `html_for` on `rx.text(as_="label")` into a CSS
property (no `for` attribute, so screen readers and clicks miss the input); such labels use
`custom_attrs={"htmlFor": …}` and `html_for` stays on `rx.el.label` only."""
from __future__ import annotations

from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "omni_app"


def test_html_for_appears_only_on_real_label_elements():
    offenders = []
    for path in APP.rglob("*.py"):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            before = " ".join(lines[max(0, number - 3):number])
            if "html_for=" in line and "rx.el.label(" not in before:
                offenders.append(f"{path.relative_to(APP)}:{number}: {line.strip()}")
    assert offenders == []

