"""The map tested as data (folium's to_dict, the rendered page, the published files), as
geopandas tests explore()."""

import json

import pytest

from components.map_assets import install_static_assets
from components.site_data_file import publish
from components.base_map import build_base_map
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


@pytest.fixture
def published(tmp_path):
    """A publish function writing to a temporary folder, remembering what it wrote by prefix."""
    files = {}

    def write(data, prefix="sites"):
        url, path = publish(data, tmp_path, prefix)
        files[prefix] = json.loads(path.read_text(encoding="utf-8"))
        return url, path

    write.files = files
    return write


def children(m):
    return [c["name"] for c in m.to_dict()["children"].values()]


def test_base_map_layers(layers, shown, published):
    m = build_base_map(layers, shown, "osm", "en", publish=published)
    assert children(m).count("PublishedGeoJson") == 2
    assert "TileLayer" in children(m) and "LayerControl" in children(m)
    html = m.get_root().render()
    assert "Administrative boundaries" in html and "Plan zones" in html  # in the layer control
    assert "OpenStreetMap" in html and "Amap" in html  # tile and boundary attribution
    assert len(published.files["boundaries"]["features"]) == len(shown)
    assert [f["properties"]["id"] for f in published.files["zones"]["features"]] == ["zone-a", "zone-b"]
    assert len(html) < 60_000  # polygons travel as files, not in the script


def test_no_tiles_still_draws_boundaries(layers, shown, published):
    m = build_base_map(layers, shown, "none", "en", publish=published)
    assert "TileLayer" not in children(m) and children(m).count("PublishedGeoJson") == 2


def test_assets_are_local(layers, shown, published, tmp_path):
    html = build_base_map(layers, shown, "osm", "en", publish=published).get_root().render()
    assert not any(host in html for host in CDN_HOSTS)
    assert "../../app/static/vendor/leaflet-1.9.3/leaflet.js" in html
    assert "../../app/static/data/zones-" in html
    installed = install_static_assets(tmp_path / "vendor")
    assert (installed / "leaflet-1.9.3" / "leaflet.js").stat().st_size > 100_000
    assert (installed / "markercluster-1.4.1" / "leaflet.markercluster.js").exists()


def test_zone_labels_are_data_never_page_text(layers, shown, published):
    """(tests/browser/test_escaping_browser.py shows them escaped in the zone's tooltip)"""
    zones = layers.zones.assign(name_en=["<b onmouseover=alert(1)>x</b>", "ok"])
    hostile = type(layers)(**{**layers.__dict__, "zones": zones})
    html = build_base_map(hostile, shown, "osm", "en", publish=published).get_root().render()
    assert "onmouseover" not in html  # never in the page itself ...
    assert published.files["zones"]["features"][0]["properties"]["name_en"].startswith("<b")


def test_chinese_labels(layers, shown, published):
    html = build_base_map(layers, shown, "osm", "zh", publish=published).get_root().render()
    for text in ("行政边界", "站点类型"):  # folium writes non-ASCII as \\u escapes
        assert text in html or json.dumps(text)[1:-1] in html
    assert '"lang":"zh"' in html


def test_amap_shifts_zones_and_boundaries_to_gcj02(layers, shown, published):
    from geodata.gcj02 import wgs84_to_gcj02

    def first_vertices(basemap):
        build_base_map(layers, shown, basemap, "en", publish=published)
        return [published.files[k]["features"][0]["geometry"]["coordinates"][0][0]
                for k in ("zones", "boundaries")]

    for wgs, gcj in zip(first_vertices("osm"), first_vertices("amap")):
        while isinstance(wgs[0], list):  # multipolygons nest one level deeper
            wgs, gcj = wgs[0], gcj[0]
        assert gcj == pytest.approx(list(wgs84_to_gcj02(wgs[0], wgs[1])), abs=2e-4) and gcj != wgs
