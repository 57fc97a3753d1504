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
