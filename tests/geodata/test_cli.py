import json
import subprocess
import sys

from geodata.__main__ import main
from tests.geodata.conftest import edit


def test_validate_ok(data, capsys):
    assert main(["validate", str(data)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: 2 documents, 2 plans, 3 sites, 2 zones, 2 targets, ")


def test_validate_lists_every_problem_and_exits_1(data, capsys):
    edit(data / "sites.csv", "116.30,39.96", "x,39.96")
    edit(data / "sites.csv", "beidaihe-resort,", "haidian-lab,")
    assert main(["validate", str(data)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == ["sites.csv:3: lon: 'x' is not a number",
                   "sites.csv:4: id: duplicate id 'haidian-lab' (first on line 3)",
                   "2 problem(s) found"]


def test_export_filters(data, tmp_path):
    out = tmp_path / "x.geojson"
    assert main(["export", str(out), "--data-dir", str(data), "--region", "hebei",
                 "--focus", "elderly_care", "--focus", "health_services"]) == 0
    ids = [f["properties"]["id"] for f in json.loads(out.read_text())["features"]]
    assert ids == ["beidaihe-resort", "xiongan-hospital"]


def test_module_runs_from_the_shell_with_env_data_dir(data, tmp_path):
    env = {"JJJ_DATA_DIR": str(data), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "geodata", "validate"], env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "3 sites" in done.stdout


def test_stats_by_county_with_split_as_csv(capsys):
    import csv
    import io
    from geodata.__main__ import main
    assert main(["stats", "--by", "city", "--split", "focus", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and set(rows[0]) == {"id", "name_en", "name_zh", "focus", "count"}
    assert all(int(r["count"]) > 0 for r in rows)


def test_stats_follows_the_filters_and_search(capsys):
    from geodata.__main__ import main
    assert main(["stats", "--by", "region", "--region", "beijing", "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "id,name_en,name_zh,count" and len(out) == 2 and out[1].startswith("beijing,")


def test_export_near_rejects_a_point_out_of_reach(tmp_path, capsys):
    from geodata.__main__ import main
    assert main(["export", str(tmp_path / "x.csv"), "--near", "0,0"]) == 2
    assert "--near" in capsys.readouterr().err


def test_export_near_a_site_is_the_apps_set(tmp_path, capsys):
    import csv
    from geodata import load_layers
    from geodata.near import PointIndex
    from geodata.paths import SEEDS_DIR
    from geodata.__main__ import main
    sites = load_layers(SEEDS_DIR).sites
    points = PointIndex.build(sites)
    centre_id = str(sites.loc[sites["precision"] == "exact", "id"].iloc[0])
    mask, _ = points.within(points.centre(centre_id), 20)
    expected = set(sites["id"][mask]) | {centre_id}
    out = tmp_path / "near.csv"
    assert main(["export", str(out), "--near", centre_id, "--within", "20"]) == 0
    with out.open(encoding="utf-8") as f:
        assert {row["id"] for row in csv.DictReader(f)} == expected
