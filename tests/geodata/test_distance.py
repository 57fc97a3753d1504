import pytest

from geodata import load_layers
from geodata.distance import km_to_central_beijing, nearest_sites


def test_distance_to_central_beijing():
    assert km_to_central_beijing(116.3975, 39.9087) == pytest.approx(0, abs=1e-6)
    # Shijiazhuang's centre is about 265 km from Tiananmen.
    assert km_to_central_beijing(114.5149, 38.0428) == pytest.approx(265, abs=10)


def test_nearest_sites_excludes_itself_and_sorts(data):
    sites = load_layers(data).sites
    near = nearest_sites("xiongan-hospital", sites, count=2)
    assert list(near["id"]) == ["haidian-lab", "beidaihe-resort"]
    # An area site is measured from a point inside its area (here the Xiong County stand-in).
    assert near["km"].is_monotonic_increasing and near["km"].iloc[0] == pytest.approx(102, abs=3)


def test_nearest_of_unknown_site_is_empty(data):
    assert nearest_sites("nope", load_layers(data).sites).empty
