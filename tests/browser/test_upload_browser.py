"""Uploading a file in the browser: its own layer, bad rows listed, the view kept."""

from bench.browser_driver import browser_page, click_site, map_frame, wait_for_sites

CSV = ("name,longitude,latitude,kind,focus\n"
       "My Daxing lab,116.34,39.73,research_institute,cell_gene_therapy\n"
       "Harbour office,117.70,39.02,enterprise,pharma_logistics\n"
       "Lost at sea,122.5,38.0,hospital,\n")


def test_upload_shows_its_own_layer_and_keeps_the_view(app_url, tmp_path):
    path = tmp_path / "my-sites.csv"
    path.write_text(CSV, encoding="utf-8")
    with browser_page() as page:
        page.goto(f"{app_url}/?region=beijing")
        frame = map_frame(page)
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
        click_site(page, frame, "upload-2", layer="upload")
        page.locator(".st-key-site_card h3").get_by_text("My Daxing lab").wait_for(timeout=30_000)
        page.screenshot(path=str(tmp_path / "upload.png"), full_page=True)
        assert page.dialogs == []
