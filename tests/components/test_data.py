"""The Catalog: one dataset's layers, index and derived values, handed to the components (none of
which reaches for the data itself); values living in published files are made again when a file
has gone."""

import gc
from dataclasses import replace
from pathlib import Path

import pytest

from components.analysis_data import near_result, shown_positions
from components import data
from components.data import Catalog
from components.filters import option_labels, options_for
from components.url_state import ViewState
from geodata import Filter, data_dir, load_layers
from geodata.site_index import SiteIndex

FIXTURE = Path(__file__).parents[1] / "geodata" / "fixture"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    layers = load_layers(FIXTURE)
    return Catalog(layers, SiteIndex.build(layers.sites, layers.plans, layers.vocab))


def test_a_derived_value_is_made_once(catalog):
    calls = []
    assert catalog.derived("answer", lambda: calls.append(1) or 42) == 42
    assert catalog.derived("answer", lambda: calls.append(1) or 43) == 42 and calls == [1]


def test_a_view_dependent_value_is_kept_for_the_most_recent_views(catalog):
    calls = []
    make = lambda key: lambda: calls.append(key) or f"value of {key}"  # noqa: E731
    assert catalog.recent("kind", "a", make("a"), keep=2) == "value of a"
    assert catalog.recent("kind", "a", make("a"), keep=2) == "value of a" and calls == ["a"]
    catalog.recent("kind", "b", make("b"), keep=2)
    catalog.recent("kind", "a", make("a"), keep=2)  # used again: "b" is now the oldest
    catalog.recent("kind", "c", make("c"), keep=2)  # one too many: "b" goes
    assert catalog.recent("kind", "a", make("a"), keep=2) == "value of a"
    assert catalog.recent("kind", "b", make("b"), keep=2) == "value of b"
    assert calls == ["a", "b", "c", "b"]
    assert catalog.recent("other kind", "a", make("x"), keep=2) == "value of x"  # kinds apart


def _publisher(directory: Path):
    """(files made so far, a `make` for with_files that writes the next file-N.json)."""
    made = []

    def make():
        path = directory / f"file-{len(made)}.json"
        path.write_text("{}")
        made.append(path)
        return path.name, (path,)

    return made, make


def test_a_value_whose_file_has_gone_is_made_again(catalog, tmp_path, monkeypatch):
    monkeypatch.setattr(data, "FILES_CHECKED_EVERY_S", 0)
    made, make = _publisher(tmp_path)
    assert catalog.with_files("published", make) == "file-0.json"
    assert catalog.with_files("published", make) == "file-0.json" and len(made) == 1
    made[0].unlink()
    assert catalog.with_files("published", make) == "file-1.json" and made[1].exists()


def test_components_work_from_the_catalog_they_are_given(catalog):
    """The fixture's catalog, handed in: nothing here reads the app's own data directory."""
    options = options_for(catalog, ["osm"])
    assert options.sites == frozenset(catalog.layers.sites["id"])
    assert ("beijing", "Beijing") in option_labels(catalog.layers, "region", "en")
    view = ViewState(filter=Filter(region=("beijing",)))
    assert list(catalog.index.ids[shown_positions(catalog, view)]) == ["haidian-lab"]
    near = near_result(catalog, replace(view, analysis=replace(view.analysis, near="haidian-lab",
                                                                within=500.0)))
    assert near is not None and near.label == "Haidian Cell Lab"
    assert list(near.mask) == [True, False, False]  # the other site with a point; not itself


def test_published_files_are_looked_at_once_per_interval_not_on_every_rerun(catalog, tmp_path,
                                                                             monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(data.time, "monotonic", lambda: clock[0])
    made, make = _publisher(tmp_path)
    assert catalog.with_files("checked", make) == "file-0.json"
    made[0].unlink()
    clock[0] += data.FILES_CHECKED_EVERY_S / 2
    assert catalog.with_files("checked", make) == "file-0.json"  # not looked at yet
    clock[0] += data.FILES_CHECKED_EVERY_S
    assert catalog.with_files("checked", make) == "file-1.json" and made[1].exists()


def test_once_the_dataset_is_loaded_the_collector_passes_less_often():
    """The server's reruns leave objects for the collector: its young generation is collected
    every GC_YOUNG new objects, not Python's 700 (and the dataset is out of its way, frozen)."""
    gc.set_threshold(700, 10, 10)
    data._cached_catalog.clear()
    frozen = gc.get_freeze_count()
    data._cached_catalog(str(data_dir()))
    assert gc.get_threshold() == (data.GC_YOUNG, 10, 10)
    assert gc.get_freeze_count() > frozen
