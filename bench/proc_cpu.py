"""Server CPU per request from /proc/<pid>/stat: user + system time, stable on a busy machine."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """utime + stime of one process so far (children not included)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2:].split()  # the name may hold spaces
    return (int(fields[11]) + int(fields[12])) / _TICKS


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class CpuMeter:
    """CPU a process spends between start() and stop(), per request."""

    pid: int
    started: float = 0.0
    spent: float = 0.0

    def start(self) -> CpuMeter:
        self.started = cpu_seconds(self.pid)
        return self

    def stop(self) -> float:
        self.spent = cpu_seconds(self.pid) - self.started
        return self.spent

    def ms_per(self, requests: int) -> float:
        return self.spent * 1000 / requests if requests else float("nan")
