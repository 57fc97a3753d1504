"""The brief opened and printed to PDF by headless Chromium, as a reader would print it on A4."""

import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from datetime import date

import pytest
from PIL import Image
from pypdf import PdfReader

from bench.browser_driver import browser_page
from geodata.brief import brief_html
from geodata.layers import load_layers
from geodata.query import Filter, apply

LINK = "http://127.0.0.1:8501/?region=hebei&lang=zh"


@pytest.fixture(scope="module")
def layers():
    return load_layers()


def printed(tmp_path, page_html: str, name: str):
    """(pdf path, URLs the browser asked for) of `page_html` opened from a file and printed."""
    source = tmp_path / f"{name}.html"
    source.write_text(page_html, encoding="utf-8")
    pdf = tmp_path / f"{name}.pdf"
    with browser_page(900, 1200) as page:
        requested = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(source.as_uri())
        page.wait_for_load_state("load")
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    return pdf, requested, source


def squeezed(text: str) -> str:
    """Text as compared: NFKC (a PDF's ligatures and CJK radical glyphs become plain letters and
    ideographs), without whitespace (line breaks fall anywhere in a wrapped cell)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def pattern(name: str) -> re.Pattern:
    """`name` as found in a PDF's text: an ideograph may come out as its CJK radical-supplement
    look-alike (⻝ for 食), which NFKC leaves alone."""
    return re.compile("".join(f"(?:{re.escape(c)}|[\u2e80-\u2eff])" if "\u4e00" <= c <= "\u9fff"
                              else re.escape(c) for c in squeezed(name)))


def page_texts(pdf) -> list[str]:
    return [squeezed(p.extract_text() or "") for p in PdfReader(str(pdf)).pages]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_fifteen_sites_without_figures_fit_one_a4_page(layers, tmp_path, lang, chromium):
    # a typical short brief: Xiong'an and Shijiazhuang's pharma bases, 12 sites whose area names
    # run long in English (one page holds about 12 such rows; shorter rows, ~15)
    flt = Filter(city=("Baoding", "Shijiazhuang"))
    sites = apply(flt, layers.sites, layers.plans).iloc[:12]
    assert len(sites) == 12
    plain = replace(layers, targets=layers.targets.iloc[:0])
    pdf, requested, source = printed(tmp_path, brief_html(plain, flt, sites, lang, LINK,
                                                          date(2026, 11, 29)), f"short-{lang}")
    assert requested == [source.as_uri()]  # nothing leaves the file
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)  # A4 portrait
    text = page_texts(pdf)[0]
    column = "name_zh" if lang == "zh" else "name_en"
    for site_name in sites[column]:
        assert pattern(site_name).search(text), site_name
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:  # the vector map is really drawn on the page: its upper half carries ink
        subprocess.run([pdftoppm, "-r", "40", "-png", "-singlefile", str(pdf), str(tmp_path / "p")],
                       check=True)
        image = Image.open(tmp_path / "p.png").convert("L")
        top = image.crop((0, image.height // 8, image.width, image.height // 2))
        dark = sum(top.histogram()[:160])  # pixels darker than light grey
        assert dark > top.width * top.height * 0.02


def test_a_long_brief_paginates_cleanly(layers, tmp_path, chromium):
    flt = Filter()
    sites = apply(flt, layers.sites, layers.plans)
    pdf, requested, source = printed(tmp_path, brief_html(layers, flt, sites, "en", LINK,
                                                          date(2026, 11, 29)), "long")
    assert requested == [source.as_uri()]
    texts = page_texts(pdf)
    assert len(texts) >= 3
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert f"{number}/{total}" in text  # every page is numbered "n / N"
    tables = [i for i, text in enumerate(texts) if "No.Name" in text]
    first = tables[0]
    # The sites table continues with its heading on each page until it ends; no page is blank.
    for text in texts[first + 1:]:
        if "Figure" not in text and "Sources" not in text:
            assert "No.NameKind" in text
    for number, site_name in enumerate(sites["name_en"], start=1):  # no row is cut in two
        row = pattern(f"{number} {site_name}")  # the row's number, then the whole name
        assert sum(bool(row.search(text)) for text in texts) == 1, site_name
