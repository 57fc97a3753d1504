"""Analysis reruns at scale (issue 12), in-process with streamlit's AppTest, side by side.

    python bench/analysis.py [--sites 50000] [--repeat 5] [--json]

Generates a synthetic data set (bench/generate.py), then times the server's rerun (median over
--repeat interleaved rounds, each changing a setting and changing it back) for: a plain filter change on the map page and on the Analysis page (the baselines),
a change of the statistics split, of the `near` radius and of the comparison (Analysis page), and
of the map's choropleth (map page). Prints a table with each figure's ratio to the plain filter
rerun of its page and to the map page's (the issue asks for at most 1.5x).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

GOAL = 1.5


def _run(at) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"the app raised: {at.exception[0].message}")
    return elapsed


def interleaved(cases: list, repeat: int) -> dict:
    """Median rerun time per case: (name, app, change, undo). Each round runs every case once,
    changing a setting and changing it back (both reruns timed: one way often shrinks what is
    shown), so a busy machine's slow moments fall on all cases alike. One untimed round first:
    first-use work (a level's outline file, a cache) is not a rerun's cost."""
    times: dict[str, list[float]] = {name: [] for name, *_ in cases}
    for round_ in range(repeat + 1):
        for name, at, change, undo in cases:
            for step in (change, undo):
                step(at)
                elapsed = _run(at)
                if round_:
                    times[name].append(elapsed)
    return {name: statistics.median(values) for name, values in times.items()}


def _choice(at):
    return next(w for w in at.get("button_group") if w.key == "map_stats_choice")


def measure(data_dir: Path, repeat: int) -> dict:
    os.environ["JJJ_DATA_DIR"] = str(data_dir)
    from streamlit.testing.v1 import AppTest  # after the env var: the app reads it on import

    def app(page: str = "", **params):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.query_params.update(params)
        at.run()  # the first one loads the data set and builds every index once
        if page:
            at.switch_page(page).run()
        return at

    def region(value):
        return lambda at: at.multiselect(key="filter_region").set_value(value)

    def widget(kind, key, value):
        return lambda at: getattr(at, kind)(key=key).set_value(value)

    plain = app()
    coloured = app(stats="county", near="39.9087,116.3975")
    analysis = app("app_pages/analysis.py", near="39.9087,116.3975",
                   compare=["beijing", "hebei-shijiazhuang"])
    return interleaved([
        ("map: filter", plain, region(["hebei"]), region([])),
        ("map: filter, choropleth and ring on", coloured, region(["hebei"]), region([])),
        ("map: choropleth city <-> county", coloured, lambda a: _choice(a).set_value("city"),
         lambda a: _choice(a).set_value("county")),
        ("analysis: filter", analysis, region(["hebei"]), region([])),
        ("analysis: statistics split", analysis, widget("selectbox", "stats_split", "focus"),
         widget("selectbox", "stats_split", "")),
        ("analysis: near radius", analysis, widget("number_input", "near_km", 30.0),
         widget("number_input", "near_km", 15.0)),
        ("analysis: comparison", analysis,
         widget("multiselect", "compare_pick", ["beijing", "hebei-baoding"]),
         widget("multiselect", "compare_pick", ["beijing", "hebei-shijiazhuang"])),
    ], repeat)


def table(figures: dict, sites: int) -> str:
    base_map = figures["map: filter"]
    base_page = figures["analysis: filter"]
    lines = [f"Server rerun at {sites:,} sites (median), and its ratio to a plain filter rerun",
             f"{'rerun':40s} {'seconds':>8s} {'÷ map filter':>13s} {'÷ page filter':>14s}"]
    for name, seconds in figures.items():
        page = base_page if name.startswith("analysis") else base_map
        lines.append(f"{name:40s} {seconds:8.3f} {seconds / base_map:13.2f} {seconds / page:14.2f}")
    checks = [n for n in figures if n not in ("map: filter", "analysis: filter")]
    worst = max(figures[n] / (base_page if n.startswith("analysis") else base_map) for n in checks)
    lines.append(f"goal: each analysis change <= {GOAL}x the plain filter rerun of its page: "
                 f"{'PASS' if worst <= GOAL else 'FAIL'} (worst {worst:.2f}x)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="jjj-analysis-"))
    try:
        generate(args.sites, workdir / "data")
        figures = measure(workdir / "data", args.repeat)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(table(figures, args.sites))
    if args.json:
        print(json.dumps({k: round(v, 4) for k, v in figures.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
