"""One declaration per concept: the columns are the records' fields (schema, layers, exports and the
upload frame follow them) and the filter fields are Filter's (the URL, the CLI, the sidebar and the
index follow them, each naming a column the sites schema has)."""

import csv
from dataclasses import dataclass, fields

from geodata import export, records
from geodata.layers import SITE_COLUMNS, load_layers
from geodata.load import load_file
from geodata.paths import data_file
from geodata.query import CHOICE_FIELDS, FIELD_COLUMN, LIST_FIELDS
from geodata.schema import ALL, SITES, file_schema
from geodata.vocab import load_vocabulary


def test_every_record_field_but_line_is_a_column_in_order():
    for schema in ALL:
        assert schema.names == tuple(f.name for f in fields(schema.record) if f.name != "line")


def test_a_column_added_to_the_record_is_read_checked_and_kept(data):
    @dataclass(frozen=True, kw_only=True)
    class WiderSite(records.Site):
        stage: str = records.optional(vocab="status", default="")

    path = data / "sites.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0]["stage"], rows[1]["stage"] = "planned", "nonsense"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), restval="")
        writer.writeheader()
        writer.writerows(rows)
    problems = []
    sites = load_file(path, file_schema("sites.csv", WiderSite),
                      load_vocabulary(data_file(data, "vocab.yaml")), problems)
    assert [s.stage for s in sites][:3] == ["planned", "nonsense", ""]
    assert [(p.line, p.field) for p in problems] == [(3, "stage")]
    assert "not a known status" in problems[0].message


def test_layers_and_exports_carry_every_column(data):
    layers = load_layers(data)
    assert list(layers.sites.columns) == [*SITE_COLUMNS, "geometry"]
    assert SITE_COLUMNS[:len(SITES.names)] == SITES.names
    exported = export.sites_for_export(layers.sites)
    assert list(exported.columns) == [n for n in SITES.names if n not in ("lon", "lat")] + ["geometry"]
    assert export.csv_text(layers.sites).splitlines()[0].split(",")[-2:] == ["lon", "lat"]


def test_filter_fields_name_site_columns():
    assert CHOICE_FIELDS == ("region", "city", "county", "kind", "focus", "status", "plan")
    assert FIELD_COLUMN["plan"] == "plans" and all(FIELD_COLUMN[n] in SITES.names for n in CHOICE_FIELDS)
    assert LIST_FIELDS == ("focus", "plan")


def test_the_cli_and_the_url_take_every_filter_field():
    from components.url_state import LIST_PARAMS
    from geodata.__main__ import _parser

    assert LIST_PARAMS == CHOICE_FIELDS
    args = _parser().parse_args(["export", "out.csv", *[f"--{n}=x" for n in CHOICE_FIELDS]])
    assert all(getattr(args, n) == ["x"] for n in CHOICE_FIELDS)
