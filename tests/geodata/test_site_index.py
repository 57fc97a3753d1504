"""The numpy index must answer exactly as the pandas query functions do."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geodata import Filter, apply, load_layers
from geodata.paths import SEEDS_DIR
from geodata.query import CHOICE_FIELDS, facet_counts, matches
from geodata.site_index import SiteIndex

LAYERS = load_layers(SEEDS_DIR)
INDEX = SiteIndex.build(LAYERS.sites, LAYERS.plans, LAYERS.vocab)
V = LAYERS.vocab
FIELDS = CHOICE_FIELDS


def _terms(name):
    known = list(INDEX.columns[name].terms)
    return st.lists(st.sampled_from(known + ["no-such-term"]), max_size=3, unique=True).map(tuple)


filters = st.builds(
    Filter, **{name: _terms(name) for name in FIELDS},
    year=st.none() | st.integers(2010, 2040),
    q=st.sampled_from(["", "hospital", "雄安", "  park ", "zzz", "xiong an", "Cell therapy",
                       "stem-cell", "theraphy", "中医药"]))


@settings(max_examples=150, deadline=None, derandomize=True)
@given(filters)
def test_same_sites_counts_and_order_as_pandas(flt):
    expected = matches(flt, LAYERS.sites, LAYERS.plans, V).to_numpy()
    assert np.array_equal(INDEX.mask(flt), expected)
    assert INDEX.count(flt) == int(expected.sum())
    assert list(INDEX.ids[INDEX.positions(flt)]) == list(apply(flt, LAYERS.sites, LAYERS.plans, V)["id"])
    for name in FIELDS:
        assert INDEX.facet_counts(flt, name) == facet_counts(flt, LAYERS.sites, name, LAYERS.plans, V)
    assert INDEX.facets(flt, FIELDS) == {n: facet_counts(flt, LAYERS.sites, n, LAYERS.plans, V) for n in FIELDS}


def test_fixture_data(data):
    layers = load_layers(data)
    index = SiteIndex.build(layers.sites, layers.plans)
    assert list(index.ids[index.positions(Filter(region=("hebei",)))]) == [
        "beidaihe-resort", "xiongan-hospital"]
    assert index.facet_counts(Filter(region=("hebei",)), "region") == {"beijing": 1, "hebei": 2}


def test_arrays_are_read_only():
    with pytest.raises(ValueError):
        INDEX.columns["focus"].member[0, 0] = True
    with pytest.raises(ValueError):
        INDEX.ids[0] = "x"


def test_a_filter_asked_again_gets_the_same_answer_and_a_mask_of_its_own():
    flt = Filter(region=("beijing",), focus=("tcm",))
    first = INDEX.mask(flt)
    first[:] = True  # the caller's array: changing it changes nothing kept by the index
    assert INDEX.mask(flt).tolist() == matches(flt, LAYERS.sites, LAYERS.plans).tolist()
    assert INDEX.count(flt) == len(apply(flt, LAYERS.sites, LAYERS.plans))
