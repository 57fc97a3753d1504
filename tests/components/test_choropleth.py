"""The choropleth's classes and the overlay's script, tested as data."""

import numpy as np
import pandas as pd

from components.choropleth import (NODATA, PALETTE, SITES_GROUP, ZERO, choropleth_payload, classify,
                                   with_overlay)
from components.site_layer import rendered_site_group


def test_zero_and_unknown_are_classes_of_their_own():
    counts = np.array([0, 0, 1, 2, 5, 40, 300])
    known = np.array([True, False, True, True, True, True, True])
    classes, ranges = classify(counts, known)
    assert classes[0] == ZERO and classes[1] == NODATA
    assert (classes[2:] >= 0).all() and list(classes[2:]) == sorted(classes[2:])
    assert ranges[0][0] == 1 and ranges[-1][1] == 300 and len(ranges) <= len(PALETTE)
    for count, cls in zip(counts[2:], classes[2:]):  # every count lies in its class' range
        low, high = ranges[cls]
        assert low <= count <= high


def test_one_distinct_count_is_one_class():
    classes, ranges = classify(np.array([3, 3, 0]), np.array([True, True, True]))
    assert list(classes) == [0, 0, ZERO] and ranges == [(3, 3)]


def test_payload_names_units_in_the_chosen_language_and_legends_both_kinds_of_empty():
    table = pd.DataFrame({"id": ["a", "b", "c"], "name_en": ["A<b>", "B", "C"], "name_zh": ["甲", "乙", "丙"],
                          "count": [4, 0, 0], "known": [True, True, False]})
    payload = choropleth_payload(table, "u.json", "zh", "各区县站点数", "无", "未知")
    assert payload["units"]["a"] == [0, 4, "甲"] and payload["units"]["c"][0] == NODATA
    labels = [label for label, _ in payload["legend"]]
    assert labels[-2:] == ["0 · 无", "未知"]


def test_overlay_joins_the_swapped_sites_layer():
    layer = rendered_site_group([{"n": 0}], "Sites")
    assert f"var {SITES_GROUP} = " in layer.script  # streamlit-folium's name, pinned version
    assert with_overlay(layer, None, None) is layer
    ring = {"lat": 39.9, "lon": 116.4, "m": 5000.0, "label": "x"}
    script = with_overlay(layer, ring, None).script
    assert script.startswith(layer.script) and '"m":5000.0' in script and f".addTo({SITES_GROUP})" not in script.split(layer.script)[0]
