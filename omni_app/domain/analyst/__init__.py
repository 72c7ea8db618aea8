"""The AI analyst: a short context snapshot per client (summary, intent, sentiment, no-show
risk, preferences, objections, next best action) made by an LLM or by rules, and reply drafts
that use it. `context` gathers what the analyzers read, `analysis` is what they must answer,
`llm` and `heuristic` are the two analyzers behind one interface, `runs` decides which one runs
and records what it cost."""
