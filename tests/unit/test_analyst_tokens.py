"""Token counts are o200k_base's (the encoding of OpenAI's small models), read from npm's
js-tiktoken ranks, and fall back to an estimate from characters when the ranks are missing."""
from __future__ import annotations

from omni_app.domain.analyst import tokens


def test_counts_are_o200k_base_tokens():
    encoding = tokens.encoding()
    assert encoding is not None and encoding.n_vocab == 200019
    assert encoding.encode_ordinary("hello world") == [24912, 2375]
    assert tokens.count("hello world") == 2
    assert encoding.decode(encoding.encode_ordinary("Olá, remarcar sexta às 9h? 🙏")) == \
        "Olá, remarcar sexta às 9h? 🙏"


def test_without_the_ranks_the_count_is_estimated_from_characters(monkeypatch, tmp_path):
    monkeypatch.setattr(tokens, "RANKS_FILE", tmp_path / "missing.js")
    tokens.encoding.cache_clear()
    try:
        assert tokens.encoding() is None
        assert tokens.count("x" * 35) == 11
    finally:
        monkeypatch.undo()
        tokens.encoding.cache_clear()
    assert tokens.encoding() is not None
