"""Hostile strings in the data show as text in tooltips, the card and the legend; nothing runs."""

import csv
import shutil

import pytest

from bench.browser_driver import browser_page, click_badge, click_site, map_frame, open_map, running_app
from tests.geodata.conftest import FIXTURE

PAYLOADS = {
    "xiongan-hospital": ("<img src=x onerror=alert(1)>", "<script>alert(2)</script>"),
    "haidian-lab": ('"><svg onload=alert(3)>', "[click me](javascript:alert(4))"),
    # L6: entities show exactly as written, never decoded
    "beidaihe-resort": ("javascript:alert(5) AT&amp;T", "<iframe src=javascript:alert(6)> &lt;b&gt; &#60;"),
}
ZONE = ("<b onmouseover=alert(7)>Zone</b>", "<img src=y onerror=alert(8)>")  # zone-a's name, role


@pytest.fixture(scope="module")
def hostile_url(chromium, tmp_path_factory):
    data = tmp_path_factory.mktemp("hostile")
    shutil.copytree(FIXTURE, data, dirs_exist_ok=True)
    path = data / "sites.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in rows:
        row["name_en"], row["note"] = PAYLOADS[row["id"]]
        row["name_zh"] = row["name_en"] + " 中文"
        row["note_zh"] = row["note"] + " 中文"  # a note needs its Chinese twin (validate)
    _write(path, rows)
    zones = list(csv.DictReader((data / "zones.csv").open(encoding="utf-8")))
    zones[0]["name_en"], zones[0]["role_en"] = ZONE
    _write(data / "zones.csv", zones)
    with running_app(data) as url:
        yield url


@pytest.mark.parametrize("site_id", sorted(PAYLOADS))
def test_payloads_show_literally_and_never_run(hostile_url, site_id, tmp_path):
    name, note = PAYLOADS[site_id]
    with browser_page() as page:
        frame = open_map(page, f"{hostile_url}/?site={site_id}")
        if site_id == "xiongan-hospital":  # an area site: its name is listed under its badge
            click_badge(page, frame, "zone-a")
            button = page.locator(f".st-key-area_site_{site_id} button")
            assert name in button.inner_text(timeout=30_000)  # shown as text (after its icon)
            button.click()
        else:
            click_site(page, frame, site_id)  # hovering opens the tooltip, clicking selects
            tooltip = frame.locator(".leaflet-tooltip")
            tooltip.first.wait_for(timeout=20_000)
            assert name in tooltip.first.inner_text()
        card = page.locator(".st-key-site_card")
        card.wait_for(timeout=30_000)
        assert card.locator("h3").inner_text() == name
        assert note in card.inner_text()
        page.wait_for_timeout(1500)  # give any injected handler its chance to fire
        page.screenshot(path=str(tmp_path / f"{site_id}.png"), full_page=True)
        assert page.dialogs == []
        assert page.locator("a[href^='javascript']").count() == 0
        assert frame.locator("img[src='x'], svg[onload], iframe, script:text('alert')").count() == 0


def test_zone_labels_show_literally_and_never_run(hostile_url):
    """The zone tooltip (jjj.esc in the published polygons' layer) shows the data as text."""
    with browser_page() as page:
        page.goto(hostile_url)
        frame = map_frame(page)
        frame.wait_for_function("() => window.jjjGeoLoaded === 2", timeout=30_000)
        tooltip = frame.evaluate("""() => {
          var found = null;
          window.map.eachLayer(function (l) {
            if (!found && l.feature && l.feature.properties.id === "zone-a") { found = l; }
          });
          found.openTooltip(found.getBounds().getCenter());  // as hovering the zone does
          var el = found.getTooltip().getElement();
          return [el.textContent, el.querySelectorAll("*").length];
        }""")
        assert ZONE[0] in tooltip[0] and ZONE[1] in tooltip[0]
        assert tooltip[1] == 2  # our <b> and <br>, nothing the data brought
        page.wait_for_timeout(1000)
        assert page.dialogs == []


def _write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
