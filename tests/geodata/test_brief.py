"""The brief as a reader gets it: names, map, figures, sources, link; nothing fetched from outside."""

import re
from dataclasses import replace
from datetime import date
from html import unescape
from html.parser import HTMLParser

import pytest
import shapely

from geodata.__main__ import main
from geodata.brief import brief_html, filter_words
from geodata.layers import load_layers
from geodata.query import Filter, apply
from tests.geodata.conftest import edit

LINK = "http://example.org:8501/?region=hebei&lang=zh"
DAY = date(2026, 11, 29)


class Resources(HTMLParser):
    """Every attribute or tag of the page that could make a browser fetch something."""

    FETCHING = {"script", "link", "img", "iframe", "object", "embed", "source", "video", "audio",
                "image", "use", "base", "meta"}

    def __init__(self):
        super().__init__()
        self.fetches, self.anchors, self.svgs = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.anchors.append(attrs.get("href"))
        if tag == "svg":
            self.svgs.append(attrs.get("class"))
        if tag in self.FETCHING and tag != "meta":
            self.fetches.append((tag, attrs))
        if tag == "meta" and "http-equiv" in attrs:
            self.fetches.append((tag, attrs))
        for name, value in attrs.items():
            if name in ("src", "srcset", "href", "xlink:href", "data", "poster", "background") \
                    and tag != "a" and value:
                self.fetches.append((tag, attrs))


def parsed(page: str) -> Resources:
    parser = Resources()
    parser.feed(page)
    return parser


@pytest.fixture
def layers(data):
    return load_layers(data)


def test_every_filtered_site_is_named_in_each_language(layers):
    flt = Filter(region=("hebei",))
    sites = apply(flt, layers.sites, layers.plans)
    assert len(sites) == 2
    for lang, column in (("en", "name_en"), ("zh", "name_zh")):
        page = unescape(brief_html(layers, flt, sites, lang, LINK, DAY))
        for site_name in sites[column]:
            assert site_name in page
        assert "Haidian" not in page  # filtered out: not on the brief
        assert f'lang="{"zh-CN" if lang == "zh" else "en"}"' in page


def test_map_is_inline_svg_and_nothing_is_fetched(layers):
    flt = Filter()
    page = brief_html(layers, flt, apply(flt, layers.sites, layers.plans), "en", LINK, DAY)
    found = parsed(page)
    assert "brief-map" in found.svgs and "qr" in found.svgs  # the map and the link's QR code
    assert found.fetches == []
    assert found.anchors == [LINK]
    assert "url(" not in page.replace("url(#hatch)", "") and "@import" not in page
    # The only addresses in the file: the view link and the SVG namespace (a name, never fetched).
    rest = page.replace(LINK.replace("&", "&amp;"), "").replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert not re.search(r"https?:|//[a-z0-9]", rest, re.I)


def test_filters_in_words(layers):
    vocab = layers.vocab
    flt = Filter(region=("hebei",), focus=("elderly_care", "health_services"), status=("planned",))
    words = filter_words(flt, layers, "en")
    assert words == " · ".join(["Hebei", f"{vocab.label('focus', 'elderly_care')} or "
                                f"{vocab.label('focus', 'health_services')}", "Planned"])
    assert filter_words(flt, layers, "zh").startswith("河北 · ")
    assert filter_words(Filter(), layers, "zh") == "全部站点"
    assert filter_words(Filter(year=2025, q="cell"), layers, "en") == \
        "plans running in 2025 · matching “cell”"


def test_sites_table_names_kind_status_precision_and_sources(layers):
    flt = Filter(region=("hebei",))
    sites = apply(flt, layers.sites, layers.plans)
    page = unescape(brief_html(layers, flt, sites, "en", LINK, DAY))
    row = page[page.index('id="site-xiongan-hospital"'):]
    row = row[: row.index("</tr>")]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert cells[0] == "2"  # numbered in id order, as on the map
    assert "Xiong'an Test Hospital" in cells[1] and "雄安测试医院" in cells[1]
    assert cells[2:5] == ["Hospital", layers.vocab.label("focus", "health_services"), "Planned"]
    assert cells[5] == "Xiong County, Baoding"
    assert cells[6] == "Somewhere in an area: Test New Area"  # what the position is, and where
    assert re.fullmatch(r"\[\d\]:3", cells[7])  # its document in the list, and the line


def test_figures_about_the_sites_and_their_sources(layers):
    flt = Filter(region=("hebei",))
    page = unescape(brief_html(layers, flt, apply(flt, layers.sites, layers.plans), "zh", LINK, DAY))
    assert "签约项目" in page  # the figure about zone-a, where the Xiong'an hospital lies
    assert "营业收入" not in page  # a figure of plan-b with no subject on the brief
    sources = page[page.index('<ol class="sources">'):]
    assert "doc-a" in sources and "2026-11-29" in page


def test_user_data_is_escaped(data):
    edit(data / "sites.csv", "Xiong'an Test Hospital", "<script>alert(1)</script> & Co")
    layers = load_layers(data)
    flt = Filter()
    page = brief_html(layers, flt, apply(flt, layers.sites, layers.plans), "en",
                      'http://x/?q="><script>', DAY)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page


def test_an_area_is_drawn_as_an_area_and_a_rough_point_as_a_badge(layers):
    """Never an invented point: only an exact site becomes a numbered dot."""
    sites = layers.sites.copy()
    area = shapely.box(116.0, 38.9, 116.2, 39.1)
    sites["precision"] = sites["precision"].astype(str)
    sites.loc[0, "geometry"] = area  # somewhere in this area
    sites.loc[1, "precision"] = "exact"  # the facility itself
    sites.loc[2, "precision"] = "city"  # only the city
    sites.loc[2, "geometry"] = shapely.Point(116.4074, 39.9042)  # shown at its urban core
    layers = replace(layers, sites=sites)
    page = brief_html(layers, Filter(), sites, "en", LINK, DAY)
    svg = page[page.index('class="brief-map"'):page.index("</svg>", page.index('class="brief-map"'))]
    assert svg.count('class="area"') == 1
    assert svg.count('class="dot"') == 1 and svg.count('class="badge"') == 2  # area + city
    dot = re.search(r'<g class="dot">.*?</g>', svg).group(0)
    assert ">2</text>" in dot  # the exact site's number


def test_empty_brief_says_so(layers):
    flt = Filter(q="nothing like this")
    page = brief_html(layers, flt, apply(flt, layers.sites, layers.plans), "en", LINK, DAY)
    assert "No sites match these filters." in page and 'class="brief-map"' in page


def test_cli_writes_a_brief_in_the_chosen_language(data, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("JJJ_BASE_URL", "https://map.example/")
    out = tmp_path / "brief.html"
    assert main(["export", str(out), "--format", "brief", "--data-dir", str(data), "--region", "hebei",
                 "--focus", "health_services", "--lang", "zh"]) == 0
    page = unescape(out.read_text(encoding="utf-8"))
    assert "雄安测试医院" in page and "北戴河康养项目" not in page
    assert parsed(out.read_text(encoding="utf-8")).anchors == \
        ["https://map.example/?region=hebei&focus=health_services&lang=zh"]
    assert "wrote a brief of 1 sites" in capsys.readouterr().out
    other = tmp_path / "given.html"  # a link copied from the app; the format from the suffix
    assert main(["export", str(other), "--data-dir", str(data), "--link", "http://a/?site=x"]) == 0
    assert parsed(other.read_text(encoding="utf-8")).anchors == ["http://a/?site=x"]
