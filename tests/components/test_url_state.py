from components.url_state import Options, ViewState, parse, to_params
from geodata.query import Filter

OPTIONS = Options(
    lists={"region": frozenset({"beijing", "hebei"}), "city": frozenset({"Baoding"}),
           "county": frozenset({"Xiong County"}), "kind": frozenset({"hospital"}),
           "focus": frozenset({"tcm", "vaccines"}), "status": frozenset({"planned"}),
           "plan": frozenset({"plan-a"})},
    sites=frozenset({"site-1"}), basemaps=("osm", "positron", "none"), years=frozenset({2023, 2024}))


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
