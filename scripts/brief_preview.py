"""A developer's look at a printed brief: the brief of a filter as HTML, printed to A4 PDF by headless
Chromium, and its first page as PNG (pdftoppm, Debian's poppler-utils).

    python scripts/brief_preview.py OUT_DIR [--lang en|zh] [export filters, e.g. --region hebei]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.browser_driver import browser_page  # noqa: E402
from geodata.__main__ import main as geodata_cli  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--lang", default="en", choices=("en", "zh"))
    args, filters = parser.parse_known_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    html = args.out_dir / f"brief-{args.lang}.html"
    if geodata_cli(["export", str(html), "--format", "brief", "--lang", args.lang, *filters]):
        return 1
    pdf = html.with_suffix(".pdf")
    with browser_page(900, 1200) as page:
        page.goto(html.resolve().as_uri())
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", "-f", "1", "-l", "1", str(pdf),
                    str(pdf.with_name(f"brief-{args.lang}-page1"))], check=True)
    print(f"wrote {html}, {pdf} and {pdf.with_name(f'brief-{args.lang}-page1.png')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
