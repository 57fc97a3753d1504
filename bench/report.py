"""The benchmark's printed table, the issue's targets with PASS/FAIL, and the JSON result."""

from __future__ import annotations

import json
import statistics

PAYLOAD_LIMIT_BYTES = 500_000  # "0.5 MB", read strictly as 10^6 bytes
JSON_KEYS = ("time_to_sites_s", "vs_blank", "rerun_s", "payload_bytes", "pan_zoom_reruns", "filter_roundtrip_s")


def result_json(sizes: dict[int, dict], naive: dict[int, dict], machine: str) -> str:
    """The one-line JSON object of the issue: per size its five figures, naive times, machine."""
    return json.dumps({
        "blank_page_s": blank_page_s(sizes),
        "sizes": {str(n): {k: r.get(k) for k in JSON_KEYS} for n, r in sizes.items()},
        "naive": {str(n): {"time_to_sites_s": r.get("time_to_sites_s")} for n, r in naive.items()},
        "machine": machine,
    }, ensure_ascii=False)


def blank_page_s(sizes: dict[int, dict]) -> float | None:
    """Median of every blank-page load of the run (each size's are interleaved with its loads)."""
    runs = [v for r in sizes.values() for v in r.get("blank_runs", []) if v is not None]
    return round(statistics.median(runs), 3) if runs else None


def table(sizes: dict[int, dict], naive: dict[int, dict]) -> str:
    head = ("N", "sites s (runs)", "blank s", "÷ blank", "cold s", "rerun s", "payload", "sites layer", "map files", "ws/load",
            "ws/filter", "load reruns", "pan/zoom reruns", "filter s (runs)", "click->card")
    rows = [head]
    for n, r in sizes.items():
        rows.append((f"{n:,}", _runs(r.get("time_to_sites_s"), r.get("time_to_sites_runs")),
                     _num(r.get("blank_s")), _num(r.get("vs_blank")),
                     _num(r.get("cold_time_to_sites_s")), _num(r.get("rerun_s"), 3),
                     _mb(r.get("payload_bytes")), _mb(r.get("site_layer_bytes")),
                     _mb(r.get("map_file_bytes_load")),
                     _mb(r.get("ws_bytes_load")), _mb(r.get("ws_bytes_filter")),
                     _int(r.get("load_reruns")), _pan(r),
                     _runs(r.get("filter_roundtrip_s"), r.get("filter_roundtrip_runs")),
                     "ok" if r.get("click_ok") else f"FAIL ({r.get('click_detail', 'not run')})"))
    lines = _aligned(rows)
    if naive:
        lines.append("")
        naive_rows = [("naive N", "sites s", "ours s", "naive/ours")]
        for n, r in naive.items():
            ours = sizes.get(n, {}).get("time_to_sites_s")
            naive_rows.append((f"{n:,}", _naive_time(r), _num(ours), _ratio_text(r, ours)))
        lines += _aligned(naive_rows)
    errors = [f"  {n:,}: {e}" for n, r in sizes.items() for e in r.get("errors", [])]
    errors += [f"  naive {n:,}: {e}" for n, r in naive.items() for e in r.get("errors", [])]
    if errors:
        lines += ["", "errors and notes:", *errors]
    return "\n".join(lines)


def targets(sizes: dict[int, dict], naive: dict[int, dict]) -> list[tuple[str, bool | None, str]]:
    """(target, passed (None: not measured), figures) for each target of the issue."""
    return [
        _blank_target(sizes, 100, 1.5),
        _blank_target(sizes, 50000, 1.8),
        _ratio_target("time-to-sites 10k/100 <= 1.25", sizes, "time_to_sites_s", 10000, 100, 1.25),
        _ratio_target("time-to-sites 50k/100 <= 1.6", sizes, "time_to_sites_s", 50000, 100, 1.6),
        _naive_target(naive.get(10000), sizes.get(10000)),
        _payload_target(sizes.get(10000)),
        _reruns_target(sizes),
        _ratio_target("filter round trip 10k/100 <= 1.5", sizes, "filter_roundtrip_s", 10000, 100, 1.5),
        _click_target(sizes),
    ]


def targets_text(results: list[tuple[str, bool | None, str]]) -> str:
    word = {True: "PASS", False: "FAIL", None: "n/a "}
    return "\n".join(f"{word[ok]}  {name}  ({figures})" for name, ok, figures in results)


def _blank_target(sizes, n, limit):
    """Time to sites at n over the blank page's time, loaded alternately in the same run."""
    name = f"time-to-sites / blank page at {n:,} <= {limit}"
    if n not in sizes:
        return name, None, "size not run"
    r = sizes[n]
    if r.get("vs_blank") is None:
        return name, False, "not measured"
    return name, r["vs_blank"] <= limit, f"{r['time_to_sites_s']:.2f} / {r['blank_s']:.2f} = {r['vs_blank']:.2f}"


def _ratio_target(name, sizes, key, top_n, bottom_n, limit):
    """n/a when a size was not run; FAIL when it ran but the figure could not be measured."""
    if top_n not in sizes or bottom_n not in sizes:
        return name, None, "size not run"
    top, bottom = sizes[top_n].get(key), sizes[bottom_n].get(key)
    if top is None or bottom is None:
        return name, False, f"{_num(top)} / {_num(bottom)}: not measured (see errors)"
    ratio = top / bottom
    return name, ratio <= limit, f"{top:.2f} / {bottom:.2f} = {ratio:.2f}"


def _naive_target(naive10k, ours10k):
    name = "naive/ours time-to-sites at 10k >= 8"
    if naive10k is None or ours10k is None:
        return name, None, "size not run"
    naive_s, ours = naive10k.get("time_to_sites_s"), ours10k.get("time_to_sites_s")
    if naive_s is None or ours is None:
        return name, False, f"naive {_naive_time(naive10k)}, ours {_num(ours)}: not measured"
    ratio = naive_s / ours
    capped = " (naive hit the cap: a lower bound)" if naive10k.get("capped") else ""
    return name, ratio >= 8, f"{naive_s:.2f} / {ours:.2f} = {ratio:.2f}{capped}"


def _payload_target(r10k):
    name = "map payload at 10k <= 0.5 MB"
    if r10k is None:
        return name, None, "size not run"
    payload = r10k.get("payload_bytes")
    if payload is None:
        return name, False, "not measured"
    file_bytes = r10k.get("map_file_bytes_load") or 0
    extra = (f"; plus {file_bytes:,} bytes of map data files fetched by a fresh page, cacheable"
             if file_bytes else "")
    return name, payload <= PAYLOAD_LIMIT_BYTES, f"{payload:,} bytes of component args{extra}"


def _reruns_target(sizes):
    """The map reports its view when a pan or zoom ends (the server writes the URL and link):
    at most one rerun per gesture end (bytes sent back are shown: such a run re-renders no map)."""
    rows = {n: (r.get("pan_zoom_reruns"), r.get("pan_zoom_gestures"), r.get("pan_zoom_bytes"))
            for n, r in sizes.items()}
    figures = ", ".join(f"{n:,}: {'n/a' if c is None else f'{c} for {g} gestures, {b or 0:,} B back'}"
                        for n, (c, g, b) in rows.items())
    passed = all(c is not None and g and c <= g for c, g, _ in rows.values()) if rows else None
    return "pan/zoom: at most 1 rerun per gesture end at every size", passed, figures


def _click_target(sizes):
    oks = {n: bool(r.get("click_ok")) for n, r in sizes.items()}
    figures = ", ".join(f"{n:,}: {'ok' if ok else 'FAIL'}" for n, ok in oks.items())
    return "click opens the card, site in the URL, at every size", all(oks.values()) if oks else None, figures


def _ratio_text(naive_r: dict, ours) -> str:
    naive_s = naive_r.get("time_to_sites_s")
    if naive_s is None or ours is None:
        return "n/a"
    return f"{'>=' if naive_r.get('capped') else ''}{naive_s / ours:.1f}x"


def _naive_time(r: dict) -> str:
    if r.get("time_to_sites_s") is None:
        return "n/a"
    return f"{'>=' if r.get('capped') else ''}{r['time_to_sites_s']:.2f}"


def _pan(r: dict) -> str:
    if r.get("pan_zoom_reruns") is None:
        return "n/a"
    return (f"{r['pan_zoom_reruns']}/{r.get('pan_zoom_gestures', '?')} gestures "
            f"({r.get('pan_zoom_moves', '?')} moves, {r.get('pan_zoom_bytes', 0):,} B back)")


def _runs(median, runs) -> str:
    if median is None:
        return "n/a"
    shown = ", ".join("n/a" if x is None else f"{x:.2f}" for x in runs or [])
    return f"{median:.2f} ({shown})"


def _int(value) -> str:
    return "n/a" if value is None else str(value)


def _num(value, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _mb(value) -> str:
    return "n/a" if value is None else f"{value / 1e6:.3f} MB"


def _aligned(rows) -> list[str]:
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
