"""Our split of st_folium sends the component what st_folium itself would (the contract we pin)."""

import pytest
import streamlit_folium as sf

from components import folium_component
from components.site_layer import layer_options, rendered_site_group, shared_payload, site_group
from components.base_map import build_base_map
from geodata import load_layers
from geodata.boundaries import display_boundaries
from tests.app.conftest import FIXTURE


@pytest.fixture
def captured(monkeypatch):
    calls = []
    monkeypatch.setattr(sf, "_component_func", lambda **kwargs: calls.append(kwargs) or None)
    return calls


def parts():
    layers = load_layers(FIXTURE)
    base = build_base_map(layers, display_boundaries(layers.boundaries), "osm", "en")
    payload = shared_payload("x.json", [0, 2], layer_options(layers.vocab, "en", None, False))
    return base, site_group(payload, "Sites")


RETURNED = {"last_object_clicked_count": 0, "last_object_clicked_tooltip": None}


def on_change():
    pass


# Where we send something else than st_folium on purpose: our initial values (so the first report
# costs no second run), and our callback as is (st_folium wraps it to copy the value into
# st.session_state[key]; we read the value the component returns).
INTENDED = {"default": RETURNED, "on_change": on_change}


def test_every_argument_as_st_folium_sends_it(captured):
    base, group = parts()
    sf.st_folium(base, key="map", height=500, use_container_width=True, returned_objects=list(RETURNED),
                 feature_group_to_add=group, zoom=9, center=(39.5, 116.5), on_change=on_change)
    base, group = parts()
    rendered = folium_component.render_base(base)
    folium_component.show(rendered, group, height=500, returned=RETURNED, zoom=9, center=(39.5, 116.5),
                          on_change=on_change)
    theirs, ours = captured
    assert sorted(ours) == sorted(theirs) and len(theirs) == 19  # every argument, none missing
    for name in theirs:  # the links as ordered lists: scripts load in this order
        expected = INTENDED.get(name, theirs[name])
        assert ours[name] == expected, name
    assert callable(theirs["on_change"]) and theirs["default"].keys() == RETURNED.keys()


def test_the_component_is_the_pinned_version():
    from importlib.metadata import version
    from pathlib import Path

    pinned = [line for line in (Path(__file__).parents[2] / "pyproject.toml").read_text().splitlines()
              if "streamlit-folium" in line]
    assert pinned == [f'    "streamlit-folium=={version("streamlit-folium")}",']


@pytest.mark.parametrize("names", [["Plain"], ["__jjj_payload_1__ </script>", "x"], []])
def test_filled_skeleton_equals_folium_rendering(names):
    """rendered_site_group fills payloads into a skeleton rendered once; it must match a full render,
    even when a payload's text looks like a placeholder."""
    payloads = [{"n": 1, "data": {"en": [n]}} for n in names]
    fast = rendered_site_group(payloads, "Sites")
    slow = folium_component.render_layer(site_group(payloads, "Sites"))
    assert fast == slow


def test_every_process_renders_the_same_base_map():
    """Replicas render the same script and key (a session that moves keeps its map)."""
    layers = load_layers(FIXTURE)
    boundaries = display_boundaries(layers.boundaries)
    first, second = (folium_component.render_base(build_base_map(layers, boundaries, "osm", "en"))
                     for _ in range(2))
    assert first.script == second.script and first.key == second.key
    assert first.header == second.header and first.html == second.html
