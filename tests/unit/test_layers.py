"""The layers stay as ARCHITECTURE.md draws them, read from the source itself:
- domain/ takes what it uses as arguments: it imports no process-wide object (supa, services,
  settings) and no Reflex;
- channels/ are pure parsers: nothing from domain/ (or anything that does I/O);
- Services is reached by api/, state/, jobs/ and the composition root only: domain/, channels/,
  pages, views and components never import it;
- pages, views, components and states never talk to Supabase themselves: no `.rpc(` or
  `.table(` there;
- benchmarks and harness/ (what tests and benchmarks share) never import the tests, and the
  app imports none of them."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "omni_app"
PROCESS_WIDE = {"omni_app.supa", "omni_app.services", "omni_app.settings", "reflex",
                "omni_app.api", "omni_app.state", "omni_app.jobs"}
WITHOUT_SERVICES = ("domain", "channels", "pages", "views", "components")
INTERFACE = ("state", "pages", "views", "components")


def imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def sources(folder: str) -> list[Path]:
    return sorted((APP / folder).rglob("*.py"))


def reaches(names: set[str], forbidden: set[str]) -> set[str]:
    return {name for name in names
            if any(name == f or name.startswith(f + ".") for f in forbidden)}


@pytest.mark.parametrize("path", sources("domain"), ids=lambda p: p.name)
def test_domain_imports_no_process_wide_object(path):
    assert reaches(imports(path), PROCESS_WIDE) == set()


@pytest.mark.parametrize("path", sources("channels"), ids=lambda p: p.name)
def test_channels_import_nothing_from_the_domain(path):
    assert reaches(imports(path), {"omni_app.domain", "omni_app.supa", "httpx"}) == set()


@pytest.mark.parametrize("path", [p for folder in WITHOUT_SERVICES for p in sources(folder)],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_only_the_edges_reach_services(path):
    assert reaches(imports(path), {"omni_app.services"}) == set()


@pytest.mark.parametrize("path", [p for folder in INTERFACE for p in sources(folder)],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_interface_leaves_supabase_to_the_domain(path):
    text = path.read_text()
    assert ".rpc(" not in text and ".table(" not in text


def test_the_rules_would_catch_a_violation(tmp_path):
    planted = tmp_path / "bad.py"
    planted.write_text("from omni_app import services\nimport reflex as rx\n")
    assert reaches(imports(planted), PROCESS_WIDE) == {"omni_app.services", "reflex"}


ROOT = APP.parent


@pytest.mark.parametrize("path", sorted((ROOT / "benchmarks").rglob("*.py"))
                         + sorted((ROOT / "harness").rglob("*.py")), ids=lambda p: p.name)
def test_benchmarks_and_the_harness_do_not_depend_on_the_tests(path):
    assert reaches(imports(path), {"tests"}) == set()


@pytest.mark.parametrize("path", sorted(APP.rglob("*.py")), ids=lambda p: p.name)
def test_the_app_imports_no_test_helpers(path):
    assert reaches(imports(path), {"tests", "harness", "benchmarks"}) == set()
