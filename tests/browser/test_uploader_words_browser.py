"""The file uploader speaks the page's language: Streamlit's own English words ("Upload",
"10MB per file", "Drag and drop a file here") are replaced by ours, in 中文 and in English."""

import pytest

from bench.browser_driver import browser_page, map_frame
from components.i18n import t
from tests.browser.view_steps import shot

ZONE = ".st-key-upload_file [data-testid='stFileUploaderDropzone']"
ENGLISH = ("Upload", "per file", "Drag and drop")


def shown_text(page, selector: str) -> str:
    """What a person reads in the element: its text plus the words put in by style rules."""
    return page.locator(selector).first.evaluate("""(root) => {
        var parts = [root.innerText];
        root.querySelectorAll('*').forEach(function (e) {
          var style = getComputedStyle(e), after = getComputedStyle(e, '::after');
          if (style.display === 'none' || style.visibility === 'hidden' && after.visibility !== 'visible') return;
          if (after.content && after.content !== 'none' && after.content !== 'normal') parts.push(JSON.parse(after.content));
        });
        return parts.join(' ');
    }""")


@pytest.mark.parametrize("lang,width", [("zh", 1400), ("zh", 390), ("en", 1280)])
def test_the_uploader_speaks_the_page_language(app_url, lang, width, tmp_path):
    with browser_page(width, 900) as page:
        page.goto(f"{app_url}/?lang={lang}")
        map_frame(page)
        page.locator(".st-key-upload_open_button button").click()
        page.locator(ZONE).wait_for(timeout=30_000)
        text = shown_text(page, ZONE)
        assert t("uploader_button", lang) in text
        assert t("uploader_limits", lang, mb=10, types="").split("·")[0].strip() in text
        visible = page.locator(ZONE).inner_text()
        assert not any(word in visible for word in ENGLISH), visible
        # a file dragged over the page: the drop hint, in the page's language
        page.locator(ZONE).evaluate("""(zone) => {
            var data = new DataTransfer();
            data.items.add(new File(['name,lon,lat'], 'sites.csv', {type: 'text/csv'}));
            zone.dispatchEvent(new DragEvent('dragenter', {dataTransfer: data, bubbles: true}));
        }""")
        page.locator(f"{ZONE} > div:not([data-testid]) span").wait_for(state="attached", timeout=10_000)
        text = shown_text(page, ZONE)
        assert t("uploader_drop", lang) in text and "Drag and drop" not in text, text
        page.locator(ZONE).scroll_into_view_if_needed()
        shot(page, f"uploader-dragging-{width}-{lang}", tmp_path)


@pytest.mark.parametrize("width", [1400, 390])
def test_a_chosen_file_shows_its_chip_without_the_drop_hint(app_url, width, tmp_path):
    path = tmp_path / "站点.csv"
    path.write_bytes("名称,经度,纬度\n通州诊所,116.656,39.909\n".encode("utf-8"))
    with browser_page(width, 900) as page:
        page.goto(f"{app_url}/?lang=zh")
        map_frame(page)
        page.locator(".st-key-upload_open_button button").click()
        page.locator(ZONE).wait_for(timeout=30_000)
        page.locator("input[type=file]").set_input_files(str(path))
        page.locator(f"{ZONE} [data-testid='stFileChipName']").wait_for(timeout=30_000)
        text = shown_text(page, ZONE)
        assert "站点.csv" in text
        assert t("uploader_drop", "zh") not in text, text  # no hint written over the file's chip
        page.locator(ZONE).scroll_into_view_if_needed()
        shot(page, f"uploader-file-chosen-{width}", tmp_path)
