"""Open the running dashboard in headless Chromium and save a screenshot (a developer's look).

    python scripts/screenshot.py "http://127.0.0.1:8501/?focus=tcm" out.png [--click SITE_ID]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.browser_driver import browser_page, click_site, map_frame, wait_for_sites  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("out", type=Path)
    parser.add_argument("--click", help="site id to click before the screenshot")
    parser.add_argument("--width", type=int, default=1400)
    args = parser.parse_args()
    with browser_page(width=args.width) as page:
        page.goto(args.url)
        frame = map_frame(page)
        ids = wait_for_sites(frame)
        print(f"{len(ids)} sites drawn")
        if args.click:
            click_site(page, frame, args.click)
            page.get_by_text("Sources").or_(page.get_by_text("来源")).first.wait_for(timeout=20000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(args.out), full_page=True)
        print("url:", page.url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
