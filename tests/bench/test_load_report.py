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


def test_a_phase_with_its_own_baseline_is_judged_against_it_and_shown_against_the_first_too():
    from bench.load_report import judge, table
    first = _phase(1, 1, 0.03)
    goal = _phase(100, 2, 0.105, baseline=_phase(1, 2, 0.04, host_probe_ms=22.0))
    result = {"single": first, "phases": [_phase(50, 2, 0.06), goal]}
    for phase in result["phases"]:
        judge(phase, first["p95"])
    assert (goal["ratio_p95"], goal["holds"], goal["ratio_to_first_single"]) == (2.62, True, 3.5)
    assert "ratio_to_first_single" not in result["phases"][0]  # judged against the first alone
    result.update(goal={"sessions": 100, "replicas": 2, "ratio_p95": 2.62, "pass": True,
                        "baseline_p95": 0.04, "host_probe_ms": [22.0, 23.0],
                        "ratio_to_first_single": 3.5},
                  largest_holding=100, cpus=2, loadavg_start=0.1, loadavg_end=0.9, run_s=300)
    result["pass"] = True
    lines = table(result).splitlines()
    compared = next(line for line in lines if line.strip().startswith("single p95 compared with"))
    assert compared.split()[-4:] == ["first", "0.040", "s", "around"]
    goal_line = next(line for line in lines if line.startswith("goal:"))
    assert "just before and after it (0.040 s): ratio 2.62: PASS" in goal_line
    assert "against the run's first single session (0.030 s, host probe 12.0 ms): ratio 3.5" in table(result)
    assert "host probe: 22 ms in the single phase, 23 ms under load" in table(result)


def test_pooled_windows_add_up_times_and_keep_the_largest_readings():
    from bench.load_report import pooled
    a = {"wall_s": 20.0, "loading_s": 0.2, "server_cpu_s": 1.0, "proxy_cpu_s": 0.1, "client_cpu_s": 0.3,
         "runs": 50, "connected": 1, "rss_connected_mb": 400.0, "rss_peak_mb": 410.0, "per_replica": [1, 0]}
    b = dict(a, wall_s=21.0, runs=52, rss_peak_mb=405.0, rss_connected_mb=401.0, per_replica=[0, 1])
    out = pooled(a, b)
    assert (out["wall_s"], out["runs"], out["server_cpu_s"]) == (41.0, 102, 2.0)
    assert (out["rss_peak_mb"], out["rss_connected_mb"], out["per_replica"]) == (410.0, 401.0, [0, 1])
