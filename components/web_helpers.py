"""Helpers shared by the Python that writes web content and the map's JavaScript.

No folium here: a file writer or an element can use them without loading the map stack.
"""

from __future__ import annotations

import json


def compact_json(value) -> str:
    """JSON safe to embed in a <script> block."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
