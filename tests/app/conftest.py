import html
import itertools
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.page_frame import REST_PENDING
from geodata import load_layers
from geodata.upload import Options, read_upload

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "geodata" / "fixture"


@pytest.fixture
def make_app(monkeypatch):
    """An AppTest of the whole app (navigation included) on the small fixture data set."""

    def make(data_dir: Path = FIXTURE, /, **params) -> AppTest:  # any URL key fits in **params
        monkeypatch.setenv("JJJ_DATA_DIR", str(data_dir))
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        return as_opened_in_a_browser(at)

    return make


def as_opened_in_a_browser(at: AppTest) -> AppTest:
    """`at` whose runs go on as a browser's page does: a first visit's first run of the map draws
    the title and the map only (components/page_frame.sites_first); the browser's map then
    reports the view it fitted to the sites, and that run draws the rest of the page. AppTest
    runs no map, so a run that left the rest pending is followed by that next run."""
    run = at.run

    def run_on(*args, **kwargs):
        result = run(*args, **kwargs)
        if at.session_state[REST_PENDING] if REST_PENDING in at.session_state else False:
            result = run(*args, **kwargs)
        return result

    at.run = run_on
    return at


def map_args(at: AppTest) -> dict:
    [component] = [c for c in at.get("component_instance")
                   if "streamlit_folium" in c.proto.component_name]
    return json.loads(component.proto.json_args)


def map_payloads(at: AppTest) -> list[dict]:
    """Each site layer's message as the browser receives it (curated sites first)."""
    script = map_args(at)["feature_group"]
    return [json.loads(m) for m in re.findall(r"var d = (\{.*?\});\n", script)]


def map_payload(at: AppTest) -> dict:
    return map_payloads(at)[0]


def drawn_columns(payload: dict) -> dict:
    """The columns of the sites a layer draws, as the browser resolves them (file + rows)."""
    if "data" in payload:
        return payload["data"]
    name = payload["src"].rsplit("/", 1)[1]
    columns = json.loads((ROOT / "static" / "data" / name).read_text(encoding="utf-8"))
    rows = (range(payload["n"]) if payload["rows"] is None  # every row of the file
            else list(itertools.accumulate(payload["rows"])))
    places = columns.pop("places", None)  # one entry per place (badges), not per site
    drawn = {key: [values[i] for i in rows] for key, values in columns.items()}
    return drawn if places is None else {**drawn, "places": places}


def map_site_ids(at: AppTest) -> list[str]:
    return drawn_columns(map_payload(at))["id"]


def texts(at: AppTest) -> str:
    """Everything the page shows as text, to assert on what a user reads."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.text]
    parts += [i.value for i in at.info] + [w.value for w in at.warning] + [e.value for e in at.error]
    parts += [s.value for s in at.success]
    parts += [s.value for s in at.subheader] + [c.value for c in at.code]
    text = re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts))  # as rendered: no md escapes
    return text + "\n" + "\n".join(html_text(h.proto.body) for h in at.get("html"))


def html_text(body: str) -> str:
    """What an st.html block shows: its text, without tags or style rules."""
    body = re.sub(r"<style>.*?</style>", "", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "\n", body))


CSV = ("name,经度,纬度,kind,focus\n"
       "My clinic,116.40,39.90,hospital,中医药\n"
       "In the sea,121.0,38.5,hospital,tcm\n"
       "Mystery,116.20,39.80,castle,\n").encode()


def with_upload(at, data: bytes = CSV, name: str = "mine.csv", **options):
    layers = load_layers(FIXTURE)
    result = read_upload(name, data, layers.vocab, layers.boundaries, Options(**options))
    at.session_state["upload"] = {"name": name, "result": result, "options": Options(**options),
                                  "token": "test"}
    return at
