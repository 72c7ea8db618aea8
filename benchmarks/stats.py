"""Latency percentiles and a printed table: each figure next to its raw-SQL baseline."""
from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Figures:
    p50_ms: float
    p95_ms: float
    per_second: float

    @classmethod
    def of(cls, latencies_s: list[float], per_second: float) -> "Figures":
        ordered = sorted(latencies_s)
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        return cls(statistics.median(ordered) * 1000, p95 * 1000, per_second)


def print_table(rows: list[tuple[str, Figures, Figures]], measured: str = "API",
                baseline: str = "SQL") -> None:
    header = (f"{'operation':<26}{measured + ' p50':>9}{'p95':>8}{'req/s':>9}   "
              f"{baseline + ' p50':>8}{'p95':>8}{'req/s':>9}   {'+p50 ms':>8}{'ratio':>7}")
    print(header)
    print("-" * len(header))
    for name, api, sql in rows:
        print(f"{name:<26}{api.p50_ms:>9.2f}{api.p95_ms:>8.2f}{api.per_second:>9.0f}   "
              f"{sql.p50_ms:>8.2f}{sql.p95_ms:>8.2f}{sql.per_second:>9.0f}   "
              f"{api.p50_ms - sql.p50_ms:>8.2f}{api.p50_ms / sql.p50_ms:>7.1f}")
