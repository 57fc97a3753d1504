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
    assert back.geometry.geom_equals_exact(sites.geometry.reset_index(drop=True), 1e-6).all()


def test_geojson_properties_and_lists(layers):
    doc = json.loads(export.geojson_text(layers.sites))
    feature = next(f for f in doc["features"] if f["properties"]["id"] == "haidian-lab")
    props = feature["properties"]
    for key in ("id", "name_en", "name_zh", "kind", "focus", "status", "plans", "region", "city",
                "county", "precision", "sources"):
        assert key in props
    assert props["focus"] == ["cell_gene_therapy", "biologics"]
    assert props["sources"] == ["doc-b"] and props["name_zh"] == "海淀细胞实验室"
    assert feature["geometry"] == {"type": "Point", "coordinates": [116.3, 39.96]}


def test_geojson_with_zones(layers):
    doc = json.loads(export.geojson_text(layers.sites, layers.zones))
    kinds = [f["geometry"]["type"] for f in doc["features"]]
    assert kinds.count("Point") == 3 and len(kinds) == 5


def test_gpkg_with_zones_has_two_layers(layers, tmp_path):
    out = tmp_path / "all.gpkg"
    export.write(layers.sites, out, "gpkg", layers.zones)
    assert list(gpd.read_file(out, layer="zones")["id"]) == ["zone-a", "zone-b"]
    assert gpd.read_file(out, layer="sites").crs.to_epsg() == 4326


def test_csv_joins_lists(layers):
    text = export.csv_text(layers.sites)
    assert "cell_gene_therapy;biologics" in text
    assert text.splitlines()[0].endswith(",lon,lat")
