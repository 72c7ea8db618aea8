"""The fake OpenAI-compatible server lives in harness/ (the benchmarks use it too)."""
from harness.fake_openai import REPLY, SNAPSHOT, TOKENS_IN, TOKENS_OUT, FakeOpenAI

__all__ = ["REPLY", "SNAPSHOT", "TOKENS_IN", "TOKENS_OUT", "FakeOpenAI"]
