"""bench/load.py's report: the goal line carries the host's speed in its two phases."""

from bench.load_report import host_note


def test_like_speeds_are_reported_without_a_warning():
    assert host_note(20.0, 22.0) == ["host probe: 20 ms in the single phase, 22 ms under load"]


def test_a_slower_host_under_load_is_called_out():
    (line,) = host_note(14.0, 24.5)
    assert line.startswith("host probe: 14 ms in the single phase, 24.5 ms under load: ")
    assert "faster in the single phase" in line and "run again" in line


def test_a_slower_host_in_the_single_phase_is_called_out_too():
    (line,) = host_note(30.0, 15.0)
    assert "faster in the load phase" in line


def test_no_line_without_readings():
    assert host_note(None, 20.0) == [] and host_note(20.0, None) == []


def _phase(sessions: int, replicas: int, p95: float, **extra) -> dict:
    from bench.load_report import judge
    phase = {"reruns": 100, "reruns_per_s": 50.0, "p50": p95 / 2, "p95": p95, "error_count": 0,
             "error_examples": [], "per_replica_sessions": [sessions // replicas] * replicas,
             "per_session_mb": 0.2, "rss_connected_mb": 400.0, "server_cpu_cores": 0.6,
             "server_cpu_s_per_rerun": 0.013, "nginx_cpu_cores": 0.02, "client_cpu_cores": 0.13,
             "host_probe_ms": 12.0, "initial_p50": 0.03, "initial_max": 0.05,
             "sessions": sessions, "replicas": replicas, **extra}
    return judge(phase, 0.03)


def test_the_unpinned_comparison_stands_beside_the_goal_without_deciding_it():
    from bench.load_report import table
    result = {"single": _phase(1, 1, 0.03), "phases": [_phase(100, 2, 0.06)],
              "unpinned": _phase(100, 2, 0.12, pinned=False), "replica_cpus": [[0], [1]],
              "goal": {"sessions": 100, "replicas": 2, "ratio_p95": 2.0, "pass": True,
                       "host_probe_ms": [12.0, 12.0]},
              "largest_holding": 100, "cpus": 2, "loadavg_start": 0.1, "loadavg_end": 0.9, "run_s": 300,
              "pass": True}
    lines = table(result).splitlines()
    assert lines[0].split() == ["single", "100", "on", "2r", "100", "on", "2r", "unpinned"]
    p95 = next(line for line in lines if line.startswith("rerun latency p95"))
    assert p95.split()[-3:] == ["s", "0.120", "s"] and "0.060 s" in p95
    holds = next(line for line in lines if line.startswith("goal holds"))
    assert holds.split()[-2:] == ["PASS", "FAIL"]  # the comparison's own verdict, shown
    assert "ratio 2.0: PASS" in next(line for line in lines if line.startswith("goal:"))
    assert "replicas pinned to CPUs: replica 0: [0], replica 1: [1]" in "\n".join(lines)
