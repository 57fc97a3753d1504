import json

from components.web_helpers import compact_json


def test_embedded_json_cannot_close_the_script():
    text = compact_json({"name": "</script><script>alert(1)</script>", "x": "\u2028"})
    assert "</script>" not in text and "\u2028" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script>"
