"""`python -m geodata import` (the app's upload reader) and safe exports from the command line."""

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys

import geopandas as gpd
import pytest
from shapely.geometry import Point

from geodata.__main__ import main
from geodata.gcj02 import wgs84_to_bd09

TIANANMEN = (116.39135, 39.907357)


def test_import_writes_sites_and_lists_problems_by_spreadsheet_row(data, tmp_path, capsys):
    source = tmp_path / "mine.csv"
    source.write_bytes("名称,经度,纬度,类型\n诊所,116.40,39.90,医院\n海上,122.5,38.0,\n怪,116.41,39.91,城堡\n"
                       .encode("gbk"))
    out = tmp_path / "out.geojson"
    assert main(["import", str(source), str(out), "--data-dir", str(data)]) == 1  # a row left out
    captured = capsys.readouterr()
    assert captured.err.splitlines()[:2] == [
        "row 3: lon: (122.5, 38.0) lies outside Beijing, Tianjin and Hebei",
        "row 4: kind: '城堡' is not a known kind (one of: " + captured.err.split("(one of: ")[1].split(")")[0]
        + "); the site is kept as unknown"]
    assert captured.out.strip() == (f"wrote 2 sites to {out} (geojson) (read as GBK/GB18030); "
                                    "1 row left out")
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["id"] for f in features] == ["upload-2", "upload-4"]


def test_import_with_baidu_coordinates_exits_0(data, tmp_path, capsys):
    lon, lat = wgs84_to_bd09(*TIANANMEN)
    source = tmp_path / "baidu.csv"
    source.write_text(f"name,lng,lat\nGate,{lon:.6f},{lat:.6f}\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["import", str(source), str(out), "--crs", "bd09", "--data-dir", str(data)]) == 0
    assert "wrote 1 site to" in capsys.readouterr().out  # one site, not "1 sites"
    lon, lat = map(float, out.read_text(encoding="utf-8").splitlines()[1].split(",")[-2:])
    assert abs(lon - TIANANMEN[0]) < 2e-5 and abs(lat - TIANANMEN[1]) < 2e-5


def test_import_of_a_geopackage_layer(data, tmp_path, capsys):
    source = tmp_path / "two.gpkg"
    for name in ("clinics", "labs"):
        gpd.GeoDataFrame({"name": [name]}, geometry=[Point(116.3, 39.96)], crs=4326).to_file(
            source, layer=name, driver="GPKG")
    out = tmp_path / "out.geojson"
    assert main(["import", str(source), str(out), "--data-dir", str(data)]) == 2
    assert "choose one with --layer NAME" in capsys.readouterr().err
    assert main(["import", str(source), str(out), "--layer", "labs", "--data-dir", str(data)]) == 0


def test_import_of_an_unusable_file_exits_2(data, tmp_path, capsys):
    source = tmp_path / "x.csv"
    source.write_bytes(b"\x89PNG\x00\x00\x00\x00")
    assert main(["import", str(source), str(tmp_path / "o.geojson"), "--data-dir", str(data)]) == 2
    assert capsys.readouterr().err.startswith(f"{source}: the file is binary")


# --- exports ----------------------------------------------------------------------------------

FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(1+1)*cmd|' /C calc'!A0", "+cmd|' /C calc'!A0",
            "-2+3", "\t=1+1", "\r=1+1"]


def test_csv_export_neutralises_formulas_geojson_keeps_text(data, tmp_path):
    from geodata import export, load_layers
    sites = load_layers(data).sites.copy()
    names = (FORMULAS * 3)[: len(sites)]
    sites["name_en"] = names
    sites["note"] = ["=1+2"] * len(sites)
    text = export.csv_text(sites)
    import csv as csvlib
    import io
    rows = list(csvlib.DictReader(io.StringIO(text)))
    assert [r["name_en"] for r in rows] == ["'" + n for n in names]
    assert {r["note"] for r in rows} == {"'=1+2"}
    assert all(not r["lon"].startswith("'") for r in rows)  # numbers stay numbers
    features = json.loads(export.geojson_text(sites))["features"]
    assert [f["properties"]["name_en"] for f in features] == names  # as written


def test_unknown_filter_value_exits_2_naming_it(data, tmp_path, capsys):
    out = tmp_path / "x.geojson"
    assert main(["export", str(out), "--data-dir", str(data), "--region", "mars"]) == 2
    err = capsys.readouterr().err
    assert "--region: 'mars' is not a known region (one of: beijing, hebei, tianjin)" in err
    assert not out.exists()


def test_year_out_of_range_is_refused(data, tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["export", str(tmp_path / "x.geojson"), "--data-dir", str(data), "--year", "999999999"])
    assert exited.value.code == 2
    assert "999999999 is not a year from 1900 to 2100" in capsys.readouterr().err


def test_missing_folder_is_a_clear_error(data, tmp_path, capsys):
    out = tmp_path / "no" / "such" / "x.csv"
    assert main(["export", str(out), "--data-dir", str(data)]) == 2
    assert capsys.readouterr().err.strip() == f"cannot write {out}: the folder {out.parent} does not exist"


def test_geopackage_export_replaces_the_file(data, tmp_path):
    out = tmp_path / "x.gpkg"
    assert main(["export", str(out), "--data-dir", str(data), "--zones"]) == 0
    assert main(["export", str(out), "--data-dir", str(data), "--region", "hebei"]) == 0
    tables = {r[0] for r in sqlite3.connect(out).execute("SELECT table_name FROM gpkg_contents")}
    assert tables == {"sites"}  # no stale "zones" layer from the first export
    assert len(gpd.read_file(out, layer="sites")) == 2


@pytest.mark.parametrize("fmt", ["geojson", "csv", "gpkg"])
def test_a_full_disk_leaves_the_previous_file_and_no_traceback(data, tmp_path, fmt):
    out = tmp_path / f"x.{fmt}"
    assert main(["export", str(out), "--data-dir", str(data)]) == 0
    before = out.read_bytes()

    def small_disk():  # writes beyond 300 bytes fail with EFBIG, as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (300, 300))

    done = subprocess.run([sys.executable, "-m", "geodata", "export", str(out), "--data-dir", str(data)],
                          capture_output=True, text=True, preexec_fn=small_disk, check=False,
                          env={**os.environ, "PYTHONPATH": os.getcwd(), "PYTHONDONTWRITEBYTECODE": "1"})
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith(f"cannot write {out}:") and "previous file is unchanged" in done.stderr
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".x")] == []  # no temporary file left
