"""Rerun time of the map and sites pages with a 50,000-site upload in the session (issue #14 M5).

    python -m bench.upload_rerun [REPO ...]     (default: this checkout)

Each REPO (e.g. a worktree of an older commit) is timed in its own process, side by side: the
upload is read once (as the uploader's callback does), then the page reruns N times with a
changed search text (a rerun the upload itself does not cause). Prints the median rerun time.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROWS = 50_000
RERUNS = 5


def _child(repo: Path) -> dict:
    sys.path.insert(0, str(repo))
    os.chdir(repo)
    from streamlit.testing.v1 import AppTest

    from geodata import load_layers
    from geodata.upload import read_upload

    layers = load_layers()
    lines = ["name,lon,lat,kind,focus"]
    for i in range(ROWS):  # spread over Beijing, every row with an unknown kind and focus
        lines.append(f"Site {i},{116.0 + (i % 500) / 1000:.4f},{39.7 + (i // 500) / 400:.4f},castle,magic")
    data = ("\n".join(lines) + "\n").encode()
    started = time.perf_counter()
    result = read_upload("big.csv", data, layers.vocab, layers.boundaries)
    read_s = time.perf_counter() - started
    out = {}
    for page in ("app_pages/map.py", "app_pages/sites.py"):
        at = AppTest.from_file(str(repo / "app.py"), default_timeout=300)
        state = {"name": "big.csv", "result": result}
        if hasattr(result, "encoding"):  # the reader of issue #14 keeps its options with the upload
            from geodata.upload import Options
            state.update(options=Options(), token="bench")
        at.session_state["upload"] = state
        at.run()
        if "rest_pending" in at.session_state and at.session_state["rest_pending"]:  # page_frame.REST_PENDING
            at.run()  # a first visit's first run draws the map only; the browser's map asks for the rest
        if page != "app_pages/map.py":
            at.switch_page(page).run()
        times = []
        for i in range(RERUNS):
            at.text_input(key="filter_q").input(f"site {i}" if i % 2 else "").run()  # rerun
            started = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - started)
        out[page] = statistics.median(times)
    return {"read_s": read_s, **out}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        print(json.dumps(_child(Path(argv[1]))))
        return 0
    repos = [Path(a).resolve() for a in argv] or [Path(__file__).resolve().parents[1]]
    print(f"{'checkout':<40} {'read':>8} {'map rerun':>10} {'sites rerun':>12}   ({ROWS:,} uploaded sites)")
    for repo in repos:
        done = subprocess.run([sys.executable, "-m", "bench.upload_rerun", "--child", str(repo)],
                              capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1],
                              check=False)
        if done.returncode:
            print(f"{str(repo)[-40:]:<40} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{str(repo)[-40:]:<40} {r['read_s']:>7.2f}s {r['app_pages/map.py'] * 1000:>8.0f}ms "
              f"{r['app_pages/sites.py'] * 1000:>10.0f}ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
