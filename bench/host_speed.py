"""How fast the host ran while a bench ran: a small process times a fixed pure-Python loop.

On this shared 2-vCPU machine the same loop costs 26 ms of CPU at one moment and 45-55 ms a few
seconds later, with nothing of ours running and no steal time reported: the host's other tenants
set the pace. Latency under load is queueing, so it moves far more than that: the same code gave
100 sessions on 2 replicas a p95 of 0.069 s and, twenty minutes later, 0.19-0.38 s. A phase's
figures are read beside the speed it ran at: each phase reports the probe's median over its window.

The probe measures its own CPU time, not wall time, so being scheduled late (it runs at the lowest
priority, so as not to take CPU from what is measured) does not count as a slow host. It costs
about 1% of one core.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import threading

PROBE_EVERY_S = 2.0
PROBE_LOOP = 150_000  # ~13 ms of CPU on this host when it runs fast, ~23 ms when slow

_PROBE = f"""
import os, sys, time
os.nice(19)
while True:
    start = time.process_time()
    x = 0
    for i in range({PROBE_LOOP}):
        x += i
    used = time.process_time() - start
    print(f"{{time.monotonic():.3f}} {{1000 * used:.2f}}", flush=True)
    time.sleep({PROBE_EVERY_S})
"""


class HostSpeed:
    """Runs the probe while in a `with` block; `median_ms((start, end), ...)` over time.monotonic()
    windows (system-wide on Linux, so the probe's clock and ours agree)."""

    def __init__(self) -> None:
        self.readings: list[tuple[float, float]] = []  # (monotonic time, probe CPU ms)
        self._process: subprocess.Popen | None = None
        self._reader: threading.Thread | None = None

    def __enter__(self) -> HostSpeed:
        self._process = subprocess.Popen([sys.executable, "-c", _PROBE], stdout=subprocess.PIPE,
                                         stdin=subprocess.DEVNULL, text=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        return self

    def _read(self) -> None:
        for line in self._process.stdout:
            at, ms = line.split()
            self.readings.append((float(at), float(ms)))

    def __exit__(self, *exc) -> None:
        self._process.terminate()
        self._process.wait(timeout=10)
        self._reader.join(timeout=10)

    def median_ms(self, *windows: tuple[float, float]) -> float | None:
        """The probe's median CPU ms among readings taken in any of the [start, end] windows; None
        if none were."""
        inside = [ms for at, ms in list(self.readings) if any(a <= at <= b for a, b in windows)]
        return round(statistics.median(inside), 1) if inside else None
