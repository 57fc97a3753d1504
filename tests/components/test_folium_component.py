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


def test_same_arguments_as_st_folium(captured):
    base, group = parts()
    sf.st_folium(base, key="map", height=500, use_container_width=True,
                 returned_objects=["last_object_clicked_count", "last_object_clicked_tooltip"],
                 feature_group_to_add=group)
    base, group = parts()
    rendered = folium_component.render_base(base)
    folium_component.show(rendered, group, height=500,
                          returned={"last_object_clicked_count": 0, "last_object_clicked_tooltip": None})
    theirs, ours = captured
    for name in ("script", "html", "header", "height", "width", "returned_objects", "feature_group",
                 "zoom", "center"):
        assert ours[name] == theirs[name], name
    assert set(ours["js_links"]) == set(theirs["js_links"])
    assert set(ours["css_links"]) == set(theirs["css_links"])
    assert ours["default"] == {"last_object_clicked_count": 0, "last_object_clicked_tooltip": None}


def test_the_rendered_base_is_reusable(captured):
    base, group = parts()
    rendered = folium_component.render_base(base)
    for _ in range(2):
        folium_component.show(rendered, group, height=500, returned={})
    assert captured[0]["feature_group"] == captured[1]["feature_group"]
    assert captured[0]["key"] == captured[1]["key"] == rendered.key


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
