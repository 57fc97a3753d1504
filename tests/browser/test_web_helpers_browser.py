"""The map's shared web helpers (components/assets/web_helpers.js), run in Chromium: escaped text
stays text, the language choice matches Python's, a file is downloaded once per page,
a published file as its gzip twin."""

import html
import json
from urllib.parse import quote

from bench.browser_driver import browser_page
from components.map_assets import OWN_ASSETS
from components.site_data_file import publish
from geodata.i18n import in_lang

SCRIPT = (OWN_ASSETS / "web_helpers.js").read_text(encoding="utf-8")
HOSTILE = ["<img src=x onerror=alert(1)>", '"><svg onload=alert(2)>', "a & b < c", "it's \"quoted\"",
           "<script>alert(3)</script>", "雄安 <b>新区</b>", "", "&amp; stays &amp;"]
ORIGIN = "http://jjj.test"


def test_escaped_text_stays_text_in_html_and_attributes(chromium):
    with browser_page() as page:
        page.set_content("<div id=out></div>")
        page.add_script_tag(content=SCRIPT)
        for text in HOSTILE:
            shown = page.evaluate("""(s) => {
              var out = document.getElementById("out");
              out.innerHTML = '<b title="' + jjj.esc(s) + '">' + jjj.esc(s) + "</b>";
              var b = out.firstChild;
              return [out.children.length, b.children.length, b.textContent, b.title];
            }""", text)
            assert shown == [1, 0, text, text]
            # the same characters as Python's html.escape (which writes ' as &#x27;)
            assert page.evaluate("(s) => jjj.esc(s)", text) == html.escape(text).replace("&#x27;", "&#39;")
        assert page.dialogs == []


def test_in_lang_matches_python(chromium):
    cases = [("Plan", "规划", "zh"), ("Plan", "", "zh"), ("Plan", "规划", "en"), ("", "规划", "en")]
    with browser_page() as page:
        page.set_content("<p></p>")
        page.add_script_tag(content=SCRIPT)
        for en, zh, lang in cases:
            assert page.evaluate("([en, zh, lang]) => jjj.inLang(en, zh, lang)", [en, zh, lang]) == \
                in_lang(en, zh, lang)


def test_a_scripts_style_is_added_once_and_applies(chromium):
    with browser_page() as page:
        page.set_content('<p class="x">text</p>')
        page.add_script_tag(content=SCRIPT)
        for _ in range(3):  # a layer's script runs again on every redraw
            page.evaluate("() => jjj.addStyle('x-css', '.x{color:rgb(1, 2, 3)}')")
        assert page.locator("style#x-css").count() == 1
        assert page.evaluate("() => getComputedStyle(document.querySelector('.x')).color") == "rgb(1, 2, 3)"


def test_the_file_named_in_its_url_is_fetched_at_once_and_only_once(chromium):
    data = {"id": ["a", "b"]}
    requests = []

    def serve(route):
        url = route.request.url
        requests.append(url)
        if url.endswith("/data.json"):
            return route.fulfill(body=json.dumps(data), content_type="application/json")
        if "/helpers.js" in url:
            return route.fulfill(body=SCRIPT, content_type="text/javascript")
        src = quote(f"{ORIGIN}/data.json", safe="")
        return route.fulfill(body=f'<script src="{ORIGIN}/helpers.js#{src}"></script>',
                             content_type="text/html")

    with browser_page() as page:
        page.route(f"{ORIGIN}/**", serve)
        page.goto(f"{ORIGIN}/map/")
        page.wait_for_function("() => window.jjj && jjj.fetched[%s]" % json.dumps(f"{ORIGIN}/data.json"))
        got = page.evaluate("""(src) => Promise.all([jjj.fetchOnce(src), jjj.fetchOnce(src)])
                                 .then(function (r) { return [r[0], r[0] === r[1]]; })""",
                            f"{ORIGIN}/data.json")
        assert got == [data, True]
    assert sum(u.endswith("/data.json") for u in requests) == 1


def _published_map(tmp_path, twin_served: bool, decoder: bool = True):
    """A page fetching a file published by components/site_data_file.publish from /app/static/data/;
    returns what fetchOnce gave and the files requested."""
    data = {"id": ["雄安", "<b>"], "lat": [39.0, 38.9]}
    _, path = publish(data, tmp_path)
    src = f"{ORIGIN}/app/static/data/{path.name}"
    requests = []

    def serve(route):
        url = route.request.url
        requests.append(url.rsplit("/", 1)[-1])
        if url.endswith(".json.gz"):
            if not twin_served:
                return route.fulfill(status=404, body="not found")
            return route.fulfill(body=path.with_name(path.name + ".gz").read_bytes(),
                                 content_type="application/gzip")
        if url.endswith(".json"):
            return route.fulfill(body=path.read_bytes(), content_type="application/json")
        gone = "" if decoder else "<script>delete window.DecompressionStream</script>"
        return route.fulfill(body=f"{gone}<script>{SCRIPT}</script>", content_type="text/html")

    with browser_page() as page:
        page.route(f"{ORIGIN}/**", serve)
        page.goto(f"{ORIGIN}/map/")
        got = page.evaluate("(src) => jjj.fetchOnce(src)", src)
    return data, got, [r for r in requests if r.startswith("sites-")]


def test_a_published_file_comes_as_its_gzip_twin(chromium, tmp_path):
    data, got, requested = _published_map(tmp_path, twin_served=True)
    assert got == data and len(requested) == 1 and requested[0].endswith(".json.gz")


def test_without_the_twin_or_a_decoder_the_plain_file_is_used(chromium, tmp_path):
    data, got, requested = _published_map(tmp_path, twin_served=False)
    assert got == data and [r.rsplit(".", 1)[-1] for r in requested] == ["gz", "json"]
    data, got, requested = _published_map(tmp_path, twin_served=True, decoder=False)
    assert got == data and len(requested) == 1 and requested[0].endswith(".json")
