import pytest

from geodata import Filter, apply, load_layers
from geodata.query import facet_counts, plans_active_in


@pytest.fixture
def layers(data):
    return load_layers(data)


def ids(flt, layers):
    return list(apply(flt, layers.sites, layers.plans)["id"])


def test_empty_filter_keeps_everything_in_id_order(layers):
    assert ids(Filter(), layers) == ["beidaihe-resort", "haidian-lab", "xiongan-hospital"]


def test_values_within_a_field_are_alternatives(layers):
    assert ids(Filter(region=("beijing", "hebei")), layers) == ids(Filter(), layers)
    assert ids(Filter(kind=("hospital", "research_institute")), layers) == ["haidian-lab", "xiongan-hospital"]


def test_fields_combine(layers):
    assert ids(Filter(region=("hebei",), focus=("elderly_care",)), layers) == ["beidaihe-resort"]
    assert ids(Filter(region=("beijing",), focus=("elderly_care",)), layers) == []


def test_list_fields_match_any_member(layers):
    assert ids(Filter(focus=("biologics",)), layers) == ["haidian-lab"]
    assert ids(Filter(plan=("plan-a",)), layers) == ["beidaihe-resort", "xiongan-hospital"]


def test_city_county_and_status(layers):
    assert ids(Filter(city=("Baoding",)), layers) == ["xiongan-hospital"]
    assert ids(Filter(county=("Haidian District",)), layers) == ["haidian-lab"]
    assert ids(Filter(status=("under_construction",)), layers) == ["beidaihe-resort"]


def test_year_keeps_sites_of_plans_running_then(layers):
    assert plans_active_in(2019, layers.plans) == ("plan-b",)
    assert ids(Filter(year=2019), layers) == ["haidian-lab"]
    assert ids(Filter(year=2030), layers) == ["beidaihe-resort", "xiongan-hospital"]
    assert ids(Filter(year=1990), layers) == []


@pytest.mark.parametrize("q, expected", [
    ("cell", ["haidian-lab"]),
    ("CELL", ["haidian-lab"]),
    ("康养", ["beidaihe-resort"]),
    ("our words", ["xiongan-hospital"]),
    ("雄县", ["xiongan-hospital"]),  # the county's Chinese name
    ("  ", ["beidaihe-resort", "haidian-lab", "xiongan-hospital"]),
    ("(unmatched[", []),  # a literal search, never a regex
])
def test_text_search_over_names_places_and_notes(layers, q, expected):
    assert ids(Filter(q=q), layers) == expected


def test_apply_never_modifies_the_input(layers):
    before = layers.sites.copy()
    apply(Filter(region=("hebei",), q="x"), layers.sites, layers.plans)
    assert layers.sites.equals(before)


def test_facet_counts_ignore_their_own_field(layers):
    flt = Filter(region=("beijing",), focus=("health_tourism",))
    assert facet_counts(flt, layers.sites, "region", layers.plans) == {"hebei": 1}
    assert facet_counts(flt, layers.sites, "focus", layers.plans) == {"cell_gene_therapy": 1, "biologics": 1}


def test_filter_helpers():
    flt = Filter(kind=("hospital",), q="x")
    assert flt.active() == ["kind", "q"]
    assert flt.without("kind") == Filter(q="x")
    assert Filter().is_empty()
