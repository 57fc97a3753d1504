"""Run a command on one CPU:   python deploy/pin_cpu.py CPU COMMAND [ARG ...]

deploy/run-local starts each replica through this (replica i on the i-th CPU it may use), so a
restarted replica is pinned again. Why (our reading): a replica is one Python process whose script thread and
event loop take turns at one interpreter lock; kept on one CPU, each hand-over of the lock is a
switch on that CPU instead of a wake-up sent to the other, and two busy replicas no longer land
on the same CPU while the other waits. Measured: docs/performance.md, "Each replica on its own CPU".
The affinity is set before the command starts, so every thread it makes inherits it.
"""

from __future__ import annotations

import os
import sys


def pin(cpu: int) -> bool:
    """Pin this process to `cpu`; False (and why, on stderr) where that cannot be done."""
    if not hasattr(os, "sched_setaffinity"):  # macOS, Windows: the OS places the replica
        print("pin_cpu: this system cannot pin a process to a CPU; running unpinned", file=sys.stderr)
        return False
    try:
        os.sched_setaffinity(0, {cpu})
    except OSError as exc:  # a CPU this process may not use (a container's cpuset changed)
        print(f"pin_cpu: cannot pin to CPU {cpu} ({exc.strerror}); running unpinned", file=sys.stderr)
        return False
    return True


def main(argv: list[str]) -> int:
    if len(argv) < 2 or not argv[0].isdigit():
        print("usage: pin_cpu.py CPU COMMAND [ARG ...]", file=sys.stderr)
        return 2
    pin(int(argv[0]))
    os.execvp(argv[1], argv[1:])  # replaces this process: supervisor's pid is the replica's


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
