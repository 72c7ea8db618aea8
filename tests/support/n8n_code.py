"""Runs an n8n Code node's JavaScript under the machine's node, with what n8n gives it: `$json`
(one item mode), `$input`, `$env`, `$('Node name')`, `require` and `this.helpers`. Binary data
arrives inline (base64), as a Webhook node with Raw Body hands it over."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

RUNNER = r"""
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const { code, items, env, nodes } = input;
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
const view = (list) => ({ first: () => list[0], all: () => list, item: list[0] });
const $ = (name) => {
  if (!(name in nodes)) throw new Error('no node named ' + name);
  return view(nodes[name]);
};
const helpers = { getBinaryDataBuffer: async () => { throw new Error('expected inline data'); } };
const node = new AsyncFunction('require', '$input', '$json', '$env', '$', code);
node.call({ helpers }, require, view(items), items[0].json, env, $)
  .then((out) => process.stdout.write(JSON.stringify(out)))
  .catch((error) => { process.stderr.write(String(error && error.message)); process.exit(3); });
"""

needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="needs node")


class CodeNodeFailed(Exception):
    """The code threw: the message it threw with."""


def run(code: str, items: list[dict], env: dict[str, str] | None = None,
        nodes: dict[str, list[dict]] | None = None):
    """What the code returns (an item, or a list of items)."""
    payload = json.dumps({"code": code, "items": items, "env": env or {}, "nodes": nodes or {}})
    done = subprocess.run(["node", "-e", RUNNER], input=payload, capture_output=True, text=True,
                          timeout=30)
    if done.returncode:
        raise CodeNodeFailed(done.stderr.strip())
    return json.loads(done.stdout)
