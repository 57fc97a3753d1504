import json

import geopandas as gpd
import pytest

from geodata import Filter, apply, load_layers
from geodata import export


@pytest.fixture
def layers(data):
    return load_layers(data)


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_round_trip_keeps_ids_and_geometry(layers, tmp_path, fmt):
    sites = apply(Filter(region=("hebei",)), layers.sites, layers.plans)
    out = tmp_path / f"sites.{fmt}"
    export.write(sites, out, fmt)
    if fmt == "csv":
        back = gpd.read_file(out, X_POSSIBLE_NAMES="lon", Y_POSSIBLE_NAMES="lat")
    else:
        back = gpd.read_file(out)
    assert list(back["id"]) == list(sites["id"])
    expected = sites.geometry.reset_index(drop=True)
    if fmt == "csv":  # a CSV holds points only: an area site has no lon/lat, its `area` names it
        area = (sites["precision"] == "area").to_numpy()
        assert back.geometry[area].isna().all() and list(back["area"][area]) == ["zone-a"]
        back, expected = back[~area], expected[~area]
    assert back.geometry.set_crs(None, allow_override=True).geom_equals_exact(
        expected.set_crs(None, allow_override=True), 1e-6).all()


def test_geojson_properties_and_lists(layers):
    doc = json.loads(export.geojson_text(layers.sites))
    feature = next(f for f in doc["features"] if f["properties"]["id"] == "haidian-lab")
    props = feature["properties"]
    for key in ("id", "name_en", "name_zh", "kind", "focus", "status", "plans", "region", "city",
                "county", "precision", "sources"):
        assert key in props
    assert props["focus"] == ["cell_gene_therapy", "biologics"]
    assert props["sources"] == ["doc-b:1-2"] and props["name_zh"] == "海淀细胞实验室"
    assert feature["geometry"] == {"type": "Point", "coordinates": [116.3, 39.96]}


def test_geojson_with_zones(layers):
    doc = json.loads(export.geojson_text(layers.sites, layers.zones))
    kinds = [f["geometry"]["type"] for f in doc["features"]]
    assert kinds.count("Point") == 2 and len(kinds) == 5  # the area site is its zone's polygon
    zone = next(f["properties"] for f in doc["features"] if f["properties"].get("layer") == "zone")
    assert (zone["approximation"], zone["approximation_zh"]) == (  # how it was drawn, in both
        "One county stands in for the zone", "以一个县代表该区")


def test_gpkg_with_zones_has_two_layers(layers, tmp_path):
    out = tmp_path / "all.gpkg"
    export.write(layers.sites, out, "gpkg", layers.zones)
    assert list(gpd.read_file(out, layer="zones")["id"]) == ["zone-a", "zone-b"]
    assert gpd.read_file(out, layer="sites").crs.to_epsg() == 4326


def test_csv_joins_lists(layers):
    text = export.csv_text(layers.sites)
    assert "cell_gene_therapy;biologics" in text
    assert text.splitlines()[0].endswith(",lon,lat")


def test_each_site_is_written_as_what_it_is(layers):
    """exact: its point; area: its area's polygon; city: the city's urban core (never a centroid)."""
    doc = json.loads(export.geojson_text(layers.sites))
    by_id = {f["properties"]["id"]: f for f in doc["features"]}
    assert by_id["haidian-lab"]["geometry"]["type"] == "Point"
    area = by_id["xiongan-hospital"]
    assert area["geometry"]["type"] == "Polygon"
    assert area["properties"]["precision"] == "area" and area["properties"]["area"] == "zone-a"
    assert area["properties"]["located_by"] == "doc-a:3 places it in the new area"
    assert area["properties"]["located_by_zh"] == "doc-a:3 将其置于新区内"  # both languages
    assert area["properties"]["inferred"] == ["status"]


def test_city_site_is_exported_at_the_urban_core(data):
    from tests.geodata.conftest import edit
    edit(data / "sites.csv", "Haidian District,exact,,\"Test Road 1, Haidian — a public page\",,116.30,39.96",
         ",city,,doc-b:1 names only the city,,,")
    layers = load_layers(data)
    doc = json.loads(export.geojson_text(layers.sites))
    lab = next(f for f in doc["features"] if f["properties"]["id"] == "haidian-lab")
    # Beijing's urban core in seeds/cities.csv (Amap's centre point, converted to WGS-84)
    assert lab["geometry"] == {"type": "Point", "coordinates": [116.40115, 39.90281]}
    assert lab["properties"]["precision"] == "city"
    row = next(r for r in export.csv_text(layers.sites).splitlines() if r.startswith("haidian-lab,"))
    assert row.endswith(",116.40115,39.90281")


def test_gpkg_keeps_polygons_and_points(layers, tmp_path):
    out = tmp_path / "sites.gpkg"
    export.write(layers.sites, out, "gpkg")
    back = gpd.read_file(out, layer="sites").set_index("id")
    assert back.geometry["xiongan-hospital"].geom_type == "Polygon"
    assert back.geometry["haidian-lab"].geom_type == "Point"
    assert back.loc["xiongan-hospital", "precision"] == "area"
    assert back.loc["haidian-lab", "located_by"].startswith("Test Road 1")
    assert back.loc["haidian-lab", "located_by_zh"] == "海淀区测试路1号——一个公开网页"
