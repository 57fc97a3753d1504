"""Server-side figures of the real app, in-process with streamlit's AppTest (no browser).

    python bench/server_metrics.py DATA_DIR [--repeat 3]

Prints one JSON object: rerun_s (median server time of a full rerun after a filter change),
payload_bytes (the st_folium component's args for the unfiltered map, as sent to the browser)
and site_layer_bytes (the part of them that is the sites layer). run.py starts this as a
subprocess so each data set gets a fresh process (clean caches, bounded by a timeout).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILTER_KEY = "filter_region"
FILTER_VALUE = ["hebei"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(json.dumps(measure(Path(args.data_dir), args.repeat)))
    return 0


def measure(data_dir: Path, repeat: int = 3) -> dict:
    os.environ["JJJ_DATA_DIR"] = str(data_dir)
    from streamlit.testing.v1 import AppTest  # after the env var: the app reads it on import

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    start = time.monotonic()
    at.run()  # warms the data caches
    if "rest_pending" in at.session_state and at.session_state["rest_pending"]:  # page_frame.REST_PENDING
        at.run()  # a first visit's first run draws the map only; the browser's map asks for the rest
    first_run_s = time.monotonic() - start
    _raise_on_exception(at)
    total, sites = payload_sizes(at)
    return {"rerun_s": filter_rerun_s(at, repeat), "payload_bytes": total,
            "site_layer_bytes": sites, "first_run_s": round(first_run_s, 3)}


def filter_rerun_s(at, repeat: int) -> float:
    """Median time of the rerun that applies a filter; the filter is cleared (untimed) in between."""
    times = []
    for _ in range(repeat):
        at.multiselect(key=FILTER_KEY).set_value(FILTER_VALUE)
        start = time.monotonic()
        at.run()
        times.append(time.monotonic() - start)
        _raise_on_exception(at)
        at.multiselect(key=FILTER_KEY).set_value([]).run()
    return round(statistics.median(times), 3)


def payload_sizes(at) -> tuple[int, int]:
    """(bytes of the component's JSON args, bytes of its sites layer script) as UTF-8."""
    [component] = [c for c in at.get("component_instance")
                   if "streamlit_folium" in c.proto.component_name]
    raw = component.proto.json_args
    layer = json.loads(raw).get("feature_group") or ""
    return len(raw.encode("utf-8")), len(layer.encode("utf-8"))


def _raise_on_exception(at) -> None:
    if at.exception:
        raise RuntimeError(f"the app raised: {at.exception[0].message}")


if __name__ == "__main__":
    sys.exit(main())
