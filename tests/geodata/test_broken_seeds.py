"""`python -m geodata validate` on broken copies of the real seeds/: each problem by file:line:field."""

import csv
import shutil
import subprocess
import sys

import pytest

from geodata.paths import SEEDS_DIR


def rewrite(path, change):
    """Apply `change(rows)` to a CSV's rows (a list of dicts) and write it back."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = list(reader.fieldnames), list(reader)
    header, rows = change(header, rows)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def set_cell(name, index, field, value):
    def change(header, rows):
        rows[index][field] = value
        return header, rows
    return name, change


def drop_column(name, field):
    def change(header, rows):
        return [h for h in header if h != field], [{k: v for k, v in r.items() if k != field} for r in rows]
    return name, change


def set_cells(name, index, **values):
    def change(header, rows):
        rows[index].update(values)
        return header, rows
    return name, change


def duplicate_first_id(name):
    def change(header, rows):
        rows[3]["id"] = rows[0]["id"]
        return header, rows
    return name, change


CASES = {
    "missing column": (drop_column("sites.csv", "status"), "sites.csv:1: status: required column is missing"),
    "duplicate id": (duplicate_first_id("sites.csv"), "sites.csv:5: id: duplicate id 'xiongan-new-area'"),
    "point in the sea": (set_cells("sites.csv", 0, precision="exact", area="", same_place_as="",
                                   lon="120.6", lat="38.9638"),
                         "sites.csv:2: lon: (120.6, 38.9638) lies outside Beijing, Tianjin and Hebei"),
    "made-up point on an area site": (
        set_cells("sites.csv", 0, precision="area", area="hebei-baoding", region="hebei",
                  city="Baoding", county="", lon="115.5", lat="38.9"),
        "sites.csv:2: lon: must be empty: an area site has no point of its own"),
    "source without a line": (set_cell("sites.csv", 0, "sources", "002_844d0e3e127a499d"),
                              "sites.csv:2: sources: '002_844d0e3e127a499d' is not DOC:LINE"),
    "source past the document's end": (
        set_cell("targets.csv", 0, "sources", "002_844d0e3e127a499d:500"),
        "targets.csv:2: sources: '002_844d0e3e127a499d:500': 002_844d0e3e127a499d has only 112 lines"),
    "dangling reference": (set_cell("sites.csv", 1, "plans", "no-such-plan"),
                           "sites.csv:3: plans: unknown plan 'no-such-plan'"),
    "bad vocabulary term": (set_cell("sites.csv", 2, "kind", "spaceport"),
                            "sites.csv:4: kind: 'spaceport' is not a known kind"),
    "malformed number": (set_cell("targets.csv", 0, "value", "15 minutes"),
                         "targets.csv:2: value: '15 minutes' is not a number"),
    "invalid polygon": (set_cell("zones.csv", 1, "geometry",
                                 "wkt:POLYGON((119.4 39.7,119.6 39.9,119.6 39.7,119.4 39.9,119.4 39.7))"),
                        "zones.csv:3: geometry: invalid polygon: Self-intersection"),
}


@pytest.fixture
def seeds_copy(tmp_path):
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, target)
    return target


def validate(directory):
    return subprocess.run([sys.executable, "-m", "geodata", "validate", str(directory)],
                          capture_output=True, text=True, check=False)


def test_the_curated_seeds_are_valid():
    done = validate(SEEDS_DIR)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok: 5 documents, ")


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_break_is_reported_by_file_line_and_field(seeds_copy, case):
    (name, change), expected = CASES[case]
    rewrite(seeds_copy / name, change)
    done = validate(seeds_copy)
    assert done.returncode == 1
    assert any(line.startswith(expected) for line in done.stderr.splitlines()), done.stderr


def test_a_file_that_is_not_utf8(seeds_copy):
    path = seeds_copy / "plans.csv"
    path.write_bytes(path.read_bytes().replace("雄安".encode(), "雄安".encode("gb18030"), 1))
    done = validate(seeds_copy)
    assert done.returncode == 1
    assert "plans.csv:" in done.stderr and ": -: not UTF-8 text (byte 0x" in done.stderr


# --- M2/L8: broken boundary and vocabulary files: file:line: field: message, never a traceback ---

def edit_feature(path, index, change):
    """Apply `change(feature)` to feature `index` of the one-feature-per-line boundaries file."""
    import json
    lines = path.read_text(encoding="utf-8").split("\n")
    feature = json.loads(lines[index + 1].rstrip(","))
    change(feature)
    lines[index + 1] = json.dumps(feature, ensure_ascii=False) + ("," if lines[index + 1].endswith(",") else "")
    path.write_text("\n".join(lines), encoding="utf-8")


def bowtie(feature):
    feature["geometry"] = {"type": "Polygon", "coordinates": [[[116.0, 39.0], [117.0, 40.0], [117.0, 39.0],
                                                               [116.0, 40.0], [116.0, 39.0]]]}


BROKEN_FILES = {
    "self-intersecting boundary": ("boundaries.geojson", lambda p: edit_feature(p, 20, bowtie),
                                   "boundaries.geojson:22: geometry: invalid polygon: Self-intersection"),
    "boundary without geometry": ("boundaries.geojson",
                                  lambda p: edit_feature(p, 5, lambda f: f.update(geometry=None)),
                                  "boundaries.geojson:7: geometry: missing or empty"),
    "boundary without level (L8)": ("boundaries.geojson",
                                    lambda p: edit_feature(p, 30, lambda f: f["properties"].pop("level")),
                                    "boundaries.geojson:32: level: missing is not a level"),
    "category as a list": ("vocab.yaml", lambda p: p.write_text(
        p.read_text(encoding="utf-8").replace("status:\n", "status:\n  - planned\n  - built\nunused_status:\n", 1),
        encoding="utf-8"), "vocab.yaml:{status}: status: must map each term's key to its labels"),
    "term as a string": ("vocab.yaml", lambda p: p.write_text(
        p.read_text(encoding="utf-8").replace("  planned:             {", "  planned: Planned\n  old: {", 1),
        encoding="utf-8"), "vocab.yaml:{planned}: status.planned: must be a mapping with en, zh and color"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_FILES))
def test_broken_reference_files_are_reported_by_line(seeds_copy, case):
    name, change, expected = BROKEN_FILES[case]
    path = seeds_copy / name
    original = path.read_text(encoding="utf-8").split("\n")
    change(path)
    if "{" in expected:  # the line the broken key is on, in the file as written
        key = expected.split("{")[1].split("}")[0]
        expected = expected.format(**{key: next(i for i, line in enumerate(original, 1)
                                                if line.strip().startswith(f"{key}:"))})
    done = validate(seeds_copy)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert any(line.startswith(expected) for line in done.stderr.splitlines()), done.stderr


# --- M3: sane ranges --------------------------------------------------------------------------

RANGES = {
    "year far in the future": (set_cell("plans.csv", 0, "year_end", "999999999999"),
                               "plans.csv:2: year_end: 999999999999 is not a year from 1900 to 2100"),
    "year far in the past": (set_cell("plans.csv", 0, "year_start", "-5000000"),
                             "plans.csv:2: year_start: -5000000 is not a year from 1900 to 2100"),
    "absurd figure": (set_cell("targets.csv", 0, "value", "1e300"),
                      "targets.csv:2: value: 1e+300 is out of range"),
}


@pytest.mark.parametrize("case", sorted(RANGES))
def test_values_out_of_range_are_reported(seeds_copy, case):
    (name, change), expected = RANGES[case]
    rewrite(seeds_copy / name, change)
    done = validate(seeds_copy)
    assert done.returncode == 1
    assert any(line.startswith(expected) for line in done.stderr.splitlines()), done.stderr
