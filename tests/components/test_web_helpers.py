import json

from components.web_helpers import compact_json


def test_embedded_json_cannot_close_the_script():
    text = compact_json({"name": "</script><script>alert(1)</script>", "x": "\u2028"})
    assert "</script>" not in text and "\u2028" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script>"


def test_uploader_words_are_safe_css_strings():
    from components.uploader_words import css_string, uploader_css
    assert css_string('a"b\\c</style>') == '"a\\22 b\\5c c\\3c /style\\3e "'
    css = uploader_css("upload_file", "zh", 10, ["csv", "gpkg"])
    assert '"选择文件"' in css and "CSV、GPKG" in css and css.count("</style>") == 1
