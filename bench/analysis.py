"""Analysis reruns at scale (issue 12): a real server, driven over its websocket as a browser is.

    python bench/analysis.py [--sites 50000] [--repeat 7] [--json]

Generates a synthetic data set (bench/generate.py), starts the app on it (`streamlit run`) and
opens three sessions the way a browser tab does (bench/load_protocol.py): the map page plain, the
map page with the county choropleth and a `near` ring, and the Analysis page with a `near` point
and two places compared. Then it times each change from the message sent to the run's end (what
a person waits for, less drawing), median over --repeat interleaved rounds, each changing a
setting and changing it back (both timed): a plain filter change on the map page and on the
Analysis page (the baselines), the map's choropleth level, and on the Analysis page the
statistics split, the `near` radius and the comparison. A change inside a section that reruns on
its own (st.fragment: statistics, comparison) is sent as the browser sends it, as that fragment's
rerun. Prints each figure's ratio to the plain filter rerun of its page and of the map page (the
issue asks for at most 1.5x), with the machine's load.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.browser_driver import running_app  # noqa: E402
from bench.generate import generate  # noqa: E402
from bench.load_protocol import ProtocolError, Session  # noqa: E402

GOAL = 1.5
MAP_READY = '{"last_object_clicked_count":0,"last_object_clicked_tooltip":null}'
NEAR = "near=39.9087,116.3975"
TWO = ["Beijing · city", "Shijiazhuang · city"]
OTHER_TWO = ["Beijing · city", "Baoding · city"]


async def open_session(url: str, page: str = "", query: str = "") -> Session:
    """A tab opened on `url/page?query`: its first run (and the map's ready report)."""
    print(f"opening /{page}?{query}", file=sys.stderr, flush=True)
    session = Session(url, timeout=600, page=page)
    session.query_string = query
    await session.connect()
    await checked(session)
    for component in session.components():  # once drawn, the map reports its (empty) clicks
        session.set_json(component, MAP_READY)
        await checked(session)
    session.timeout = 120  # the first run loaded the data set; a rerun takes far less
    return session


async def checked(session: Session, fragment: str = "") -> float:
    run = await session.rerun(fragment)
    if run.exceptions or run.status not in ("ok", "fragment_ok"):
        raise ProtocolError(f"the run failed ({run.status}): {run.exceptions[:1]}")
    return run.latency


def option(session: Session, key: str, starts: str) -> str:
    return next(o for o in session.widget(key).options if o.startswith(starts))


def region(name: str | None):
    def step(session: Session) -> str:
        session.set_strings("filter_region", [option(session, "filter_region", name)] if name else [])
        return ""  # the filters are outside every fragment: the whole page reruns
    return step


def widget(kind: str, key: str, value):
    def step(session: Session) -> str:
        getattr(session, f"set_{kind}")(key, value)
        return session.widget(key).fragment  # the browser reruns only the widget's fragment
    return step


def map_level(label: str):
    def step(session: Session) -> str:
        session.set_strings("map_stats_choice", [option(session, "map_stats_choice", label)])
        return session.widget("map_stats_choice").fragment
    return step


async def interleaved(cases: list, repeat: int) -> tuple[dict, dict]:
    """Median latency per case: (name, session, change, undo); one untimed round first (a
    level's outline file, a cache: first use is not a rerun's cost). Also: whether each case ran
    as a fragment."""
    times: dict[str, list[float]] = {name: [] for name, *_ in cases}
    scope: dict[str, str] = {}
    for round_ in range(repeat + 1):
        print(f"round {round_} of {repeat}{' (untimed)' if not round_ else ''}", file=sys.stderr, flush=True)
        for name, session, change, undo in cases:
            for step in (change, undo):
                print(f"  {name}", file=sys.stderr, flush=True)
                fragment = step(session)
                elapsed = await checked(session, fragment)
                scope[name] = "section" if fragment else "page"
                if round_:
                    times[name].append(elapsed)
    return {name: statistics.median(values) for name, values in times.items()}, scope


async def measure(url: str, repeat: int) -> tuple[dict, dict]:
    plain = await open_session(url)
    coloured = await open_session(url, query=f"stats=county&{NEAR}")
    analysis = await open_session(url, "analysis",
                                  f"{NEAR}&compare=beijing&compare=hebei-shijiazhuang")
    try:
        return await interleaved([
            ("map: filter", plain, region("Hebei"), region(None)),
            ("map: filter, choropleth and ring on", coloured, region("Hebei"), region(None)),
            ("map: choropleth city <-> county", coloured, map_level("City"), map_level("County")),
            ("analysis: filter", analysis, region("Hebei"), region(None)),
            ("analysis: statistics split", analysis, widget("string", "stats_split", "Industry focus"),
             widget("string", "stats_split", "— none —")),
            ("analysis: near radius", analysis, widget("number", "near_km", 30.0),
             widget("number", "near_km", 15.0)),
            ("analysis: comparison", analysis, widget("strings", "compare_pick", OTHER_TWO),
             widget("strings", "compare_pick", TWO)),
        ], repeat)
    finally:
        for session in (plain, coloured, analysis):
            await session.close()


def table(figures: dict, scope: dict, sites: int, load: str) -> str:
    base_map = figures["map: filter"]
    base_page = figures["analysis: filter"]
    lines = [f"Rerun at {sites:,} sites (median, message sent -> run finished), load average {load}",
             f"{'rerun':40s} {'reruns':>8s} {'seconds':>8s} {'÷ map filter':>13s} {'÷ page filter':>14s}"]
    for name, seconds in figures.items():
        page = base_page if name.startswith("analysis") else base_map
        lines.append(f"{name:40s} {scope[name]:>8s} {seconds:8.3f} {seconds / base_map:13.2f} "
                     f"{seconds / page:14.2f}")
    checks = [n for n in figures if n not in ("map: filter", "analysis: filter")]
    worst = max(figures[n] / (base_page if n.startswith("analysis") else base_map) for n in checks)
    lines.append(f"goal: each analysis change <= {GOAL}x the plain filter rerun of its page: "
                 f"{'PASS' if worst <= GOAL else 'FAIL'} (worst {worst:.2f}x)")
    return "\n".join(lines)


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="jjj-analysis-"))
    try:
        generate(args.sites, workdir / "data")
        before = load_average()
        with running_app(workdir / "data", timeout=300) as url:
            figures, scope = asyncio.run(measure(url, args.repeat))
        load = f"{before} before, {load_average()} after"
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(table(figures, scope, args.sites, load))
    if args.json:
        print(json.dumps({k: round(v, 4) for k, v in figures.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
