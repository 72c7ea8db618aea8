"""Load-test helpers shared by benchmarks that drive the app over real HTTP on this machine."""
from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Callable


def percentile_ms(latencies_s: list[float], p: float) -> float:
    ordered = sorted(latencies_s)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000


class KeepAliveConnection:
    """A bare HTTP/1.1 keep-alive connection. The load generator shares this small machine with
    the system under test, and httpx costs it ~2 ms of CPU per request; n8n would not be on the
    same machine, so the generator is kept as cheap as real HTTP allows."""

    def __init__(self, port: int):
        self.port = port

    async def __aenter__(self) -> "KeepAliveConnection":
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        return self

    async def __aexit__(self, *_) -> None:
        self.writer.close()

    async def post(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        lines = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}",
                 f"Content-Length: {len(body)}", *(f"{k}: {v}" for k, v in headers.items())]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        fields = dict(line.lower().split(": ", 1) for line in head[1:] if ": " in line)
        payload = await self.reader.readexactly(int(fields.get("content-length", "0")))
        return int(head[0].split(" ", 2)[1]), payload


def _cpu_by_pid(pids: list[int]) -> dict[int, float]:
    ticks, found = os.sysconf("SC_CLK_TCK"), {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
    return found


def cluster_pids(lb) -> list[int]:
    """The postmaster and its children (backends, background workers)."""
    postmaster = int((lb.config.data_dir / "postmaster.pid").read_text().split()[0])
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
            if ppid == postmaster:
                children.append(int(entry.name))
    return [postmaster, *children]


class CpuMeter:
    """CPU seconds used by each part of the system between start() and stop(), from /proc:
    the machine is shared, so per-message CPU says more than wall-clock rates alone."""

    def __init__(self, parts: dict[str, Callable[[], list[int]]]):
        self.parts, self.before, self.used = parts, {}, {}

    def start(self) -> None:
        self.before = {name: _cpu_by_pid(pids()) for name, pids in self.parts.items()}

    def stop(self) -> None:
        for name, pids in self.parts.items():
            after = _cpu_by_pid(pids())
            self.used[name] = sum(cpu - self.before[name].get(pid, 0.0)
                                  for pid, cpu in after.items())
