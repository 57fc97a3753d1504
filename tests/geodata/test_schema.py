"""The filter fields are declared once, on Filter: the URL, the CLI, the sidebar and the index
follow them, and each names a column the sites schema has."""

from geodata.query import CHOICE_FIELDS, FIELD_COLUMN, LIST_FIELDS
from geodata.schema import SITES


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
