"""The map tested as data (folium's to_dict and the rendered page), as geopandas tests explore()."""

import json

import pytest

from components.map_assets import install_static_assets
from components.site_map import build_base_map
from geodata import load_layers
from geodata.boundaries import display_boundaries
from tests.app.conftest import FIXTURE

CDN_HOSTS = ("cdn.jsdelivr", "unpkg.com", "cdnjs.cloudflare", "code.jquery", "bootstrapcdn", "d3js.org")


@pytest.fixture(scope="module")
def layers():
    return load_layers(FIXTURE)


@pytest.fixture(scope="module")
def shown(layers):
    return display_boundaries(layers.boundaries)


def test_base_map_layers(layers, shown):
    m = build_base_map(layers, shown, "osm", "en")
    names = [c["name"] for c in m.to_dict()["children"].values()]
    assert names.count("GeoJson") == 2 and "TileLayer" in names and "LayerControl" in names
    html = m.get_root().render()
    assert "Administrative boundaries" in html and "Plan zones" in html
    assert "OpenStreetMap" in html  # tile attribution
    assert "Amap" in html  # boundary data attribution


def test_no_tiles_still_draws_boundaries(layers, shown):
    m = build_base_map(layers, shown, "none", "en")
    names = [c["name"] for c in m.to_dict()["children"].values()]
    assert "TileLayer" not in names and names.count("GeoJson") == 2


def test_assets_are_local(layers, shown, tmp_path):
    html = build_base_map(layers, shown, "osm", "en").get_root().render()
    assert not any(host in html for host in CDN_HOSTS)
    assert "../../app/static/vendor/leaflet-1.9.3/leaflet.js" in html
    installed = install_static_assets(tmp_path)
    assert (installed / "leaflet-1.9.3" / "leaflet.js").stat().st_size > 100_000
    assert (installed / "markercluster-1.4.1" / "leaflet.markercluster.js").exists()


def test_zone_and_legend_labels_are_escaped(layers, shown):
    zones = layers.zones.assign(name_en=["<b onmouseover=alert(1)>x</b>", "ok"])
    hostile = type(layers)(**{**layers.__dict__, "zones": zones})
    html = build_base_map(hostile, shown, "osm", "en").get_root().render()
    assert "<b onmouseover" not in html
    assert "\\u0026lt;b onmouseover=alert(1)\\u0026gt;" in html  # &lt;...&gt; inside the GeoJSON


def test_chinese_labels(layers, shown):
    html = build_base_map(layers, shown, "osm", "zh").get_root().render()
    for text in ("行政边界", "站点类型", "测试新区"):  # folium writes non-ASCII as \u escapes
        assert text in html or json.dumps(text)[1:-1] in html


def test_amap_shifts_zones_and_boundaries_to_gcj02(layers, shown):
    from geodata.gcj02 import wgs84_to_gcj02

    def first_zone_vertex(basemap):
        geojson = [c for c in build_base_map(layers, shown, basemap, "en")._children.values()
                   if type(c).__name__ == "GeoJson"][1].data
        return geojson["features"][0]["geometry"]["coordinates"][0][0]

    wgs, gcj = first_zone_vertex("osm"), first_zone_vertex("amap")
    expected = wgs84_to_gcj02(wgs[0], wgs[1])
    assert gcj == pytest.approx(list(expected), abs=1e-9) and gcj != wgs
