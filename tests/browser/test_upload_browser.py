"""Uploading a file in the browser: its own layer, bad rows listed, the view kept."""

from pathlib import Path

from bench.browser_driver import browser_page, click_site, map_frame, open_map, wait_for_sites

CSV = ("name,longitude,latitude,kind,focus\n"
       "My Daxing lab,116.34,39.73,research_institute,cell_gene_therapy\n"
       "Harbour office,117.70,39.02,enterprise,pharma_logistics\n"
       "Lost at sea,122.5,38.0,hospital,\n")


def test_upload_shows_its_own_layer_and_keeps_the_view(app_url, tmp_path):
    path = tmp_path / "my-sites.csv"
    path.write_text(CSV, encoding="utf-8")
    with browser_page() as page:
        frame = open_map(page, f"{app_url}/?region=beijing")
        curated = wait_for_sites(frame)
        page.get_by_text("Add your own sites").click()
        page.locator("input[type=file]").set_input_files(str(path))
        page.get_by_text("my-sites.csv: 2 sites shown as their own layer.").wait_for(timeout=30_000)
        page.get_by_text("row 4: lon: (122.5, 38.0) lies outside Beijing, Tianjin and Hebei").wait_for()
        ids = wait_for_sites(frame, layer="upload")
        assert ids == ["upload-2"]  # the region filter applies to your sites too (upload-3 is Tianjin)
        assert sorted(wait_for_sites(frame)) == sorted(curated)  # curated layer untouched
        assert "region=beijing" in page.url
        assert frame.locator(".jjj-upload-legend").inner_text().strip() == "Your sites (1)"
        # the keyboard's list of the map's sites holds your sites too, in a group of their own
        frame.locator(".jjj-list button[data-layer='upload']").wait_for(state="attached", timeout=30_000)
        listed = frame.evaluate("() => Array.from(document.querySelectorAll('.jjj-list button'))"
                                ".map(b => b.dataset.layer + ':' + b.dataset.id)")
        assert sorted(listed) == sorted([f"site:{i}" for i in curated] + ["upload:upload-2"])
        groups = frame.evaluate("() => Array.from(document.querySelectorAll('.jjj-list .jjj-group'))"
                                ".map(g => g.textContent)")
        assert groups[-1] == "Your sites (1)", groups
        click_site(page, frame, "upload-2", layer="upload")
        page.locator(".st-key-site_card h3").get_by_text("My Daxing lab").wait_for(timeout=30_000)
        page.screenshot(path=str(tmp_path / "upload.png"), full_page=True)
        assert page.dialogs == []


def test_downloads_are_built_on_click_and_neutralise_formulas(app_url, tmp_path):
    """M4/M5: the Sites page's CSV is built when asked for, with formulas made inert."""
    import csv
    import io

    path = tmp_path / "formulas.csv"
    path.write_text('name,lon,lat\n"=HYPERLINK(""http://evil"",""x"")",116.30,39.96\n@SUM(1+1),116.31,39.96\n',
                    encoding="utf-8")
    with browser_page() as page:
        page.goto(f"{app_url}/")
        map_frame(page)
        page.get_by_text("Add your own sites").click()
        page.locator("input[type=file]").set_input_files(str(path))
        page.get_by_text("formulas.csv: 2 sites shown as their own layer.").wait_for(timeout=30_000)
        page.get_by_role("link", name="Sites · 站点").click()
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name="Download CSV").click()
        rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
        assert len(rows) > 2  # curated and uploaded sites
        assert sorted(r["name_en"] for r in rows if "(" in r["name_en"] and "1+1" in r["name_en"]
                      or "HYPERLINK" in r["name_en"]) == ["'=HYPERLINK(\"http://evil\",\"x\")", "'@SUM(1+1)"]
