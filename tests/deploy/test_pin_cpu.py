"""deploy/pin_cpu.py and run-local's CPU plan: each replica on a CPU of its own, set before the
command starts so that every thread it makes runs there; never a failed start for want of one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from deploy.run_local import render, replica_cpus

PIN = Path(__file__).resolve().parents[2] / "deploy" / "pin_cpu.py"
# the command's main thread and a thread it starts each print the CPUs they may run on
SHOW = ("import os, threading; print(sorted(os.sched_getaffinity(0)));"
        "t = threading.Thread(target=lambda: print(sorted(os.sched_getaffinity(0)))); t.start(); t.join()")
USABLE = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []


def test_replicas_take_the_usable_cpus_in_turn():
    assert replica_cpus(2, [0, 1]) == [0, 1]
    assert replica_cpus(3, [0, 1]) == [0, 1, 0]
    assert replica_cpus(2, [2, 5, 7]) == [2, 5]  # a container's cpuset: its own CPUs
    assert replica_cpus(2, [0]) == [None, None]  # one CPU: nothing to pin apart
    assert replica_cpus(2, []) == [None, None]  # --no-pin-cpus, or no affinity on this system


def test_supervisor_starts_each_replica_through_pin_cpu(tmp_path):
    conf = render(tmp_path, 2, 8080, [9001, 9002], [0, 1]).read_text()
    commands = [line for line in conf.splitlines() if line.startswith("command=") and "streamlit" in line]
    assert len(commands) == 2
    for cpu, port, command in zip((0, 1), (9001, 9002), commands):
        assert command.startswith(f"command={sys.executable} {PIN} {cpu} {sys.executable} -m streamlit")
        assert f"--server.port {port}" in command
    unpinned = render(tmp_path, 2, 8080, [9001, 9002]).read_text()
    assert [line for line in unpinned.splitlines() if "-m streamlit" in line] == [
        line.replace(f"{PIN} {cpu} {sys.executable} ", "") for cpu, line in zip((0, 1), commands)]


@pytest.mark.skipif(len(USABLE) < 2, reason="needs two usable CPUs")
def test_the_command_and_its_threads_run_on_the_cpu_given():
    cpu = USABLE[-1]
    out = subprocess.run([sys.executable, str(PIN), str(cpu), sys.executable, "-c", SHOW],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [f"[{cpu}]", f"[{cpu}]"]


@pytest.mark.skipif(not USABLE, reason="no CPU affinity on this system")
def test_a_cpu_that_cannot_be_used_runs_the_command_unpinned():
    out = subprocess.run([sys.executable, str(PIN), "4095", sys.executable, "-c", SHOW],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    assert "cannot pin to CPU 4095" in out.stderr and "running unpinned" in out.stderr
    assert out.stdout.splitlines() == [str(USABLE)] * 2


def test_usage_is_said_and_nothing_runs():
    out = subprocess.run([sys.executable, str(PIN), "x", "true"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "usage: pin_cpu.py CPU COMMAND" in out.stderr
