"""Figures of bench/load.py: one summary per phase, the side-by-side table and the goals."""

from __future__ import annotations

import statistics

from bench.load_viewers import Tally, pct

GOAL = 3.0  # p95 under load <= GOAL x p95 of a single session, with 0 errors
BACK_WITHIN_S = 10.0  # after a kill, every session back with its view within this
# The host's speed (bench/host_speed.py) in the goal's two phases differing more than this: the
# ratio compares a fast host with a slow one (or the reverse), and the goal line says so.
HOST_DIFFERS = 1.25


def rnd(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f} s"


def summary(tally: Tally, info: dict, rss_base: float | None = None) -> dict:
    lat, wall = tally.latencies, info["wall_s"]
    out = {"reruns": len(lat), "p50": rnd(pct(lat, 50)), "p95": rnd(pct(lat, 95)),
           "max": rnd(max(lat) if lat else None), "mean": rnd(statistics.fmean(lat) if lat else None),
           "reruns_per_s": round(len(lat) / wall, 2),
           "initial_p50": rnd(pct(tally.initial, 50)), "initial_max": rnd(max(tally.initial, default=None)),
           "actions": dict(tally.actions), "errors": dict(tally.errors), "error_examples": tally.examples,
           "error_count": sum(tally.errors.values()),
           "connected": info["connected"], "per_replica_sessions": info["per_replica"],
           "mb_received": round(tally.bytes / 2**20, 1), "cache_refs": tally.refs,
           "server_cpu_cores": round(info["server_cpu_s"] / wall, 2),
           "server_cpu_s_per_rerun": round(info["server_cpu_s"] / max(1, info["runs"]), 3),
           "nginx_cpu_cores": round(info["proxy_cpu_s"] / wall, 3),
           "client_cpu_cores": round(info["client_cpu_s"] / wall, 2),
           "page_loads_took_s": round(info["loading_s"], 1),
           "rss_connected_mb": round(info["rss_connected_mb"], 1),
           "rss_peak_mb": rnd(info["rss_peak_mb"])}
    if rss_base is not None:
        out["rss_before_mb"] = round(rss_base, 1)
        out["per_session_mb"] = round((info["rss_connected_mb"] - rss_base) / max(1, info["connected"]), 2)
    return out


def pooled(*infos: dict) -> dict:
    """run_viewers' figures of several windows of one tally, as one (times and CPU added up)."""
    added = ("wall_s", "loading_s", "server_cpu_s", "proxy_cpu_s", "client_cpu_s", "runs")
    out = dict(infos[-1])
    out.update({k: sum(i[k] or 0 for i in infos) for k in added})
    out["connected"] = max(i["connected"] for i in infos)
    out["rss_peak_mb"] = max((i["rss_peak_mb"] for i in infos if i["rss_peak_mb"]), default=None)
    return out


def ratio(p95: float | None, single_p95: float | None) -> float | None:
    return round(p95 / single_p95, 2) if p95 and single_p95 else None


def judge(phase: dict, first_p95: float | None) -> dict:
    """The phase's ratio and verdict against its own baseline (a session alone just before and
    after it, bench/load.py bracketed_phase) if it has one, else the run's first single session;
    with its own, the ratio against the first is kept beside it."""
    own = phase.get("baseline")
    phase["ratio_p95"] = r = ratio(phase["p95"], own["p95"] if own else first_p95)
    phase["holds"] = bool(r is not None and r <= GOAL and phase["error_count"] == 0)
    if own:
        phase["ratio_to_first_single"] = ratio(phase["p95"], first_p95)
    return phase


def fault_summary(tally: Tally, n: int, killed: int, restart_s: float | None) -> dict:
    back = tally.back
    return {"sessions": n, "killed_replica": killed, "on_killed_replica": tally.dropped,
            "came_back_with_view": len(back), "lost_view": tally.lost_view[:5],
            "back_p50_s": rnd(pct(back, 50)), "back_max_s": rnd(max(back, default=None)),
            "restarted_healthy_after_s": rnd(restart_s), "errors": dict(tally.errors),
            "error_examples": tally.examples[:5],
            "pass": bool(tally.dropped and len(back) == tally.dropped
                         and max(back) <= BACK_WITHIN_S)}


def loaded_phases(r: dict) -> list[dict]:
    """Every phase under load: those of the goal, then the unpinned comparison (if run)."""
    return r["phases"] + ([r["unpinned"]] if r.get("unpinned") else [])


def table(r: dict) -> str:
    phases = loaded_phases(r)
    heads = ["single"] + [f"{p['sessions']} on {p['replicas']}r" + (" unpinned" if p.get("pinned") is False
                                                                    else "") for p in phases]
    cols = [r["single"]] + phases
    rows = [
        ("reruns measured", [c["reruns"] for c in cols]),
        ("reruns / s", [c["reruns_per_s"] for c in cols]),
        ("rerun latency p50", [fmt(c["p50"]) for c in cols]),
        ("rerun latency p95", [fmt(c["p95"]) for c in cols]),
        ("p95 / single p95", ["1"] + [c["ratio_p95"] for c in phases]),
        ("  single p95 compared with", ["—"] + [
            f"{fmt(c['baseline']['p95'])} around" if c.get("baseline") else "first" for c in phases]),
        ("errors", [c["error_count"] for c in cols]),
        ("sessions per replica", [c["per_replica_sessions"] for c in cols]),
        ("memory per session (MB)", ["—"] + [c.get("per_session_mb", "—") for c in phases]),
        ("replicas' RSS connected (MB)", [c["rss_connected_mb"] for c in cols]),
        ("replicas' CPU (cores)", [c["server_cpu_cores"] for c in cols]),
        ("server CPU s per run", [c["server_cpu_s_per_rerun"] for c in cols]),
        ("nginx CPU (cores)", [c["nginx_cpu_cores"] for c in cols]),
        ("load generator CPU (cores)", [c["client_cpu_cores"] for c in cols]),
        ("host probe, CPU ms (less = faster)", [c.get("host_probe_ms") or "—" for c in cols]),
        ("page loads p50 / max", [f"{fmt(c['initial_p50'])} / {fmt(c['initial_max'])}" for c in cols]),
        ("goal holds", ["—"] + ["PASS" if c["holds"] else "FAIL" for c in phases]),
    ]
    width = max(len(a) for a, _ in rows) + 2
    w = max(12, max(len(str(v)) for _, vals in rows for v in vals) + 2)
    out = [f"{'':<{width}}" + "".join(f"{h:>{w}}" for h in heads)]
    out += [f"{a:<{width}}" + "".join(f"{str(v):>{w}}" for v in vals) for a, vals in rows]
    out.append("")
    out.append("single p95 compared with: 'first', the run's first single session; 'around', one "
               "session alone just before and just after that phase, on the same replicas")
    out.extend(goal_lines(r))
    out.append(f"largest count that holds on 2 replicas (of those tried): {r['largest_holding']}")
    if r.get("replica_cpus"):
        out.append("replicas pinned to CPUs: " + ", ".join(
            f"replica {i}: {cpus}" for i, cpus in enumerate(r["replica_cpus"]))
            + ("; 'unpinned': the same load with the OS placing them" if r.get("unpinned") else ""))
    for p in phases:
        for example in p["error_examples"][:3]:
            out.append(f"  {p['sessions']} on {p['replicas']}r e.g. {example}")
    f = r.get("fault")
    if f:
        out.append(f"fault: {f['sessions']} sessions on 2 replicas, replica {f['killed_replica']} killed "
                   f"(SIGKILL): {f['on_killed_replica']} sessions were on it, "
                   f"{f['came_back_with_view']} came back with their view, p50 {fmt(f['back_p50_s'])}, "
                   f"max {fmt(f['back_max_s'])} after the kill (goal: all within {BACK_WITHIN_S:g} s): "
                   f"{'PASS' if f['pass'] else 'FAIL'}; supervisor had it healthy again after "
                   f"{fmt(f['restarted_healthy_after_s'])}")
        for lost in f["lost_view"]:
            out.append(f"  lost: {lost}")
    out.append(f"machine: {r['cpus']} CPUs, load average {r['loadavg_start']:.2f} at start, "
               f"{r['loadavg_end']:.2f} at end; run took {r['run_s']:.0f} s")
    out.append(f"overall: {'PASS' if r['pass'] else 'FAIL'}")
    return "\n".join(out)


def goal_lines(r: dict) -> list[str]:
    goal = r["goal"]
    around = goal.get("ratio_to_first_single") is not None
    base = "one session alone just before and after it" if around else "the single session"
    lines = [f"goal: {goal['sessions']} sessions on {goal['replicas']} replicas, 0 errors, p95 <= "
             f"{GOAL:g} x the p95 of {base} ({fmt(goal.get('baseline_p95', r['single']['p95']))}): "
             f"ratio {goal['ratio_p95']}: {'PASS' if goal['pass'] else 'FAIL'}"]
    if around:
        lines.append(f"  against the run's first single session ({fmt(r['single']['p95'])}, host "
                     f"probe {r['single'].get('host_probe_ms') or '—'} ms): ratio "
                     f"{goal['ratio_to_first_single']}")
    return lines + host_note(*goal.get("host_probe_ms") or (None, None))


def host_note(single_ms: float | None, load_ms: float | None) -> list[str]:
    """The host's speed in the goal's two phases, and a warning when it differed."""
    if not single_ms or not load_ms:
        return []
    line = f"host probe: {single_ms:g} ms in the single phase, {load_ms:g} ms under load"
    if max(single_ms, load_ms) / min(single_ms, load_ms) > HOST_DIFFERS:
        faster = "single phase" if single_ms < load_ms else "load phase"
        line += (f": the host ran faster in the {faster}, so the ratio does not compare like with "
                 "like (run again)")
    return [line]
