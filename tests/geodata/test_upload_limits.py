"""The GeoPackage/Excel child process: its limits hold, whatever the file asks for."""

import io
import resource

import geopandas as gpd
import openpyxl
import pytest
from shapely.geometry import Point

from geodata.upload import limits
from geodata.upload.common import Unusable


def small_gpkg(tmp_path) -> bytes:
    path = tmp_path / "a.gpkg"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(116.3, 39.96)], crs=4326).to_file(path, driver="GPKG")
    return path.read_bytes()


def test_the_child_answers_with_plain_data(tmp_path):
    answer = limits.read_limited("gpkg", small_gpkg(tmp_path))
    assert answer["layer"] == "a" and answer["columns"] == ["name"] and answer["crs"] == "EPSG:4326"
    [[wkb, values]] = answer["records"]
    assert values == ["a"] and isinstance(wkb, str)


def test_memory_limit_stops_the_child(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MEMORY_BYTES", 16 * 1024 * 1024)  # too little for any Python
    with pytest.raises(Unusable) as caught:
        limits.read_limited("gpkg", small_gpkg(tmp_path))
    assert caught.value.message.key == "too_costly"


def test_wall_clock_limit_stops_the_child(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "WALL_SECONDS", 0.001)
    with pytest.raises(Unusable) as caught:
        limits.read_limited("gpkg", small_gpkg(tmp_path))
    assert caught.value.message.key == "too_costly"


def test_cpu_limit_is_set_in_the_child(tmp_path, monkeypatch):
    """The child reports the limits it runs under (its `limits` kind is a self-report)."""
    answer = limits.read_limited("limits", b"-")
    assert answer["cpu"] == [limits.CPU_SECONDS, limits.CPU_SECONDS + 1]
    assert answer["memory"] == [limits.MEMORY_BYTES, limits.MEMORY_BYTES]
    assert resource.getrlimit(resource.RLIMIT_CPU)[0] != limits.CPU_SECONDS  # not the parent's


def test_xlsx_in_the_child():
    book = openpyxl.Workbook()
    book.active.append(["名称", "经度"])
    book.active.append(["甲", 116.3])
    buffer = io.BytesIO()
    book.save(buffer)
    answer = limits.read_limited("xlsx", buffer.getvalue())
    assert answer["rows"] == [[1, ["名称", "经度"]], [2, ["甲", "116.3"]]]
