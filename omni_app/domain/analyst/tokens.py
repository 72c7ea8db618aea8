"""Token counts with OpenAI's o200k_base encoding (the gpt-4o family's), through tiktoken. Its
ranks come from npm's js-tiktoken (installed into .tools/ by `make install`): tiktoken's own
download needs the internet. Without that file the count falls back to a characters-per-token
estimate, said once in the log."""
from __future__ import annotations

import base64
import json
import logging
from functools import lru_cache
from pathlib import Path

import tiktoken

log = logging.getLogger("omni.analyst")

RANKS_FILE = (Path(__file__).resolve().parents[3] / ".tools" / "node_modules" / "js-tiktoken"
              / "dist" / "ranks" / "o200k_base.js")
CHARS_PER_TOKEN = 3.5   # Portuguese and Spanish text in o200k_base, measured on the eval set


def _ranks(text: str) -> tuple[str, dict[bytes, int], dict[str, int]]:
    """js-tiktoken's file: `export default {"pat_str", "special_tokens", "bpe_ranks"}`, the
    ranks as lines of `! <first rank> <base64 token> <base64 token> ...`."""
    spec = json.loads(text[text.index("{"):text.rindex("}") + 1])
    ranks: dict[bytes, int] = {}
    for line in spec["bpe_ranks"].split("\n"):
        if not line:
            continue
        _, first, *tokens = line.split(" ")
        for offset, token in enumerate(tokens):
            ranks[base64.b64decode(token)] = int(first) + offset
    return spec["pat_str"], ranks, spec["special_tokens"]


@lru_cache(maxsize=1)
def encoding() -> tiktoken.Encoding | None:
    try:
        pattern, ranks, special = _ranks(RANKS_FILE.read_text(encoding="utf-8"))
    except OSError:
        log.warning("o200k_base ranks not found at %s (run `make install`): token counts are "
                    "estimated from characters", RANKS_FILE)
        return None
    return tiktoken.Encoding("o200k_base", pat_str=pattern, mergeable_ranks=ranks,
                             special_tokens=special)


def count(text: str) -> int:
    found = encoding()
    if found is None:
        return int(len(text) / CHARS_PER_TOKEN) + 1
    return len(found.encode_ordinary(text))
