from components.url_state import Options, ViewState, parse, to_params
from geodata.query import Filter

OPTIONS = Options(
    lists={"region": frozenset({"beijing", "hebei"}), "city": frozenset({"Baoding"}),
           "county": frozenset({"Xiong County"}), "kind": frozenset({"hospital"}),
           "focus": frozenset({"tcm", "vaccines"}), "status": frozenset({"planned"}),
           "plan": frozenset({"plan-a"})},
    sites=frozenset({"site-1"}), basemaps=("osm", "positron", "none"), years=frozenset({2023, 2024}),
    badge_places=frozenset({"zone-a", "city:Beijing"}))


def test_round_trip_of_a_full_view():
    view = ViewState(Filter(region=("hebei",), focus=("vaccines", "tcm"), year=2023, q="细胞"),
                     site="site-1", lang="zh", basemap="none", lat=39.1234, lon=116.5, zoom=9)
    params = to_params(view)
    assert params == {"region": ["hebei"], "focus": ["tcm", "vaccines"], "year": "2023", "q": "细胞",
                      "site": "site-1", "lang": "zh", "basemap": "none", "lat": "39.1234",
                      "lon": "116.5000", "zoom": "9"}
    back, dropped = parse({k: v if isinstance(v, list) else [v] for k, v in params.items()}, OPTIONS)
    assert dropped == []
    assert back.filter.focus == ("tcm", "vaccines") and back.site == "site-1" and back.zoom == 9


def test_defaults_make_an_empty_url():
    assert to_params(ViewState()) == {}
    assert parse({}, OPTIONS) == (ViewState(), [])


def test_each_bad_value_is_named_and_the_rest_applies():
    view, dropped = parse({"focus": ["tcm", "magic"], "year": ["1850"], "site": ["nope"],
                           "lang": ["fr"], "basemap": ["google"], "colour": ["red"],
                           "region": ["hebei"]}, OPTIONS)
    assert sorted(dropped) == sorted(["colour", "focus=magic", "year=1850", "site=nope", "lang=fr",
                                      "basemap=google"])
    assert view.filter == Filter(region=("hebei",), focus=("tcm",))
    assert (view.lang, view.basemap, view.site) == ("en", "osm", None)


def test_map_view_must_be_complete_and_in_range():
    view, dropped = parse({"lat": ["39.9"], "lon": ["116.4"], "zoom": ["8"]}, OPTIONS)
    assert (view.lat, view.lon, view.zoom) == (39.9, 116.4, 8) and dropped == []
    view, dropped = parse({"lat": ["39.9"], "lon": ["nan"], "zoom": ["8"]}, OPTIONS)
    assert not view.has_view and sorted(dropped) == ["lat", "lon=nan", "zoom"]
    _, dropped = parse({"lat": ["91"], "lon": ["116"], "zoom": ["30"]}, OPTIONS)
    assert "lat=91" in dropped and "zoom=30" in dropped


def test_repeated_scalars_and_empty_values():
    view, dropped = parse({"lang": ["zh", "en"], "q": [""], "focus": ["", "tcm", "tcm"]}, OPTIONS)
    assert view.lang == "zh" and dropped == ["lang=en"]
    assert view.filter.q == "" and view.filter.focus == ("tcm",)


def test_hostile_values_are_shortened_and_printable():
    _, dropped = parse({"q": ["x" * 5000], "<script>": ["1"]}, OPTIONS)
    assert all(len(d) <= 45 for d in dropped)
    _, dropped = parse({"q": ["a\x00b"]}, OPTIONS)
    assert dropped == ["q=a?b"]


ANALYSIS_OPTIONS = Options(
    lists=OPTIONS.lists, sites=frozenset({"site-1"}), basemaps=("osm",),
    places=frozenset({"beijing", "hebei-baoding", "xiongan-new-area", "beijing-haidian-district"}))


def test_analysis_round_trips_through_the_url():
    from components.url_state import Analysis
    analysis = Analysis(stats="county", split="focus", near="39.90870,116.39750", within=20.0,
                        compare=("xiongan-new-area", "beijing"), chain=True)
    params = to_params(ViewState(analysis=analysis))
    assert params == {"stats": "county", "split": "focus", "near": "39.90870,116.39750",
                      "within": "20", "compare": ["xiongan-new-area", "beijing"], "chain": "1"}
    back, dropped = parse({k: v if isinstance(v, list) else [v] for k, v in params.items()},
                          ANALYSIS_OPTIONS)
    assert dropped == [] and back.analysis == analysis


def test_bad_analysis_values_are_dropped_with_a_notice():
    view, dropped = parse({"stats": ["province"], "split": ["colour"], "near": ["nowhere"],
                           "within": ["-5"], "compare": ["beijing", "atlantis", "hebei-baoding",
                                                         "xiongan-new-area", "beijing-haidian-district"],
                           "chain": ["yes"]}, ANALYSIS_OPTIONS)
    assert sorted(dropped) == sorted(["stats=province", "split=colour", "near=nowhere", "within=-5",
                                      "compare=atlantis", "compare=beijing-haidian-district",
                                      "chain=yes"])
    assert view.analysis.compare == ("beijing", "hebei-baoding", "xiongan-new-area")
    assert view.analysis.stats is None and view.analysis.near is None


def test_near_takes_a_site_or_a_point_in_reach():
    view, dropped = parse({"near": ["site-1"], "within": ["2.5"]}, ANALYSIS_OPTIONS)
    assert (view.analysis.near, view.analysis.within, dropped) == ("site-1", 2.5, [])
    view, dropped = parse({"near": ["0,0"]}, ANALYSIS_OPTIONS)
    assert view.analysis.near is None and dropped == ["near=0,0"]


def test_presentation_mode_is_part_of_the_link():
    view, dropped = parse({"present": ["1"], "site": ["site-1"]}, OPTIONS)
    assert view.present and dropped == []
    assert to_params(view) == {"site": "site-1", "present": "1"}
    assert not parse({"present": ["0"]}, OPTIONS)[0].present
    view, dropped = parse({"present": ["yes"]}, OPTIONS)
    assert not view.present and dropped == ["present=yes"]


def test_an_area_opened_from_its_badge_rides_in_the_url():
    view = ViewState(area="city:Beijing")
    assert to_params(view) == {"area": "city:Beijing"}
    assert parse({"area": ["city:Beijing"]}, OPTIONS) == (view, [])
    back, dropped = parse({"area": ["atlantis"]}, OPTIONS)
    assert back.area is None and dropped == ["area=atlantis"]
