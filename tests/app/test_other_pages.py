"""Sites, Plans & targets and Sources pages, on the fixture data, as a user reads them."""


from tests.app.conftest import map_payload, texts


def open_page(make_app, page, **params):
    at = make_app(**params).run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception
    return at


def test_sites_table_and_downloads_follow_the_filter(make_app):
    at = open_page(make_app, "sites", region="hebei")
    [table] = at.dataframe
    assert list(table.value["id"]) == ["beidaihe-resort", "xiongan-hospital"]
    assert "Tourism and wellness project" in table.value.to_string()
    downloads = [b.label for b in at.get("download_button")]
    assert downloads == ["Download CSV", "Download GeoJSON", "Download brief"]  # the brief: sidebar
    assert "1 of 3" not in texts(at) and "2 of 3 sites match" in texts(at)


def test_sites_page_empty_state(make_app):
    at = open_page(make_app, "sites", q="no such thing")
    assert "No sites match" in texts(at) and not at.dataframe


def test_sites_page_in_chinese(make_app):
    at = open_page(make_app, "sites", lang="zh")
    assert "海淀细胞实验室" in at.dataframe[0].value.to_string()
    assert "已运营" in at.dataframe[0].value.to_string()
    plans = at.dataframe[0].value["规划"].tolist()  # the plans by their Chinese names, not ids
    assert "Haidian Cell Lab" in at.dataframe[0].value["英文名称"].tolist()  # a header in Chinese
    assert "规划乙" in plans and not any("plan-" in p for p in plans)


def test_targets_page_lists_each_plan_with_sources(make_app):
    at = open_page(make_app, "targets")
    shown = texts(at)
    assert "Plan A" in shown and "Plan B" in shown and "doc-a" in shown
    tables = [d.value.to_string() for d in at.dataframe]
    assert any("Signed projects" in t and "at least 20" in t for t in tables)


def test_targets_page_shows_plan_and_figure_notes_in_the_readers_language(make_app):
    zh = open_page(make_app, "targets", lang="zh")
    tables = " ".join(d.value.to_string() for d in zh.dataframe)
    assert "用我们的话写的规划说明" in texts(zh) and "签约即计入" in tables
    assert "A plan note in our words" not in texts(zh) and "Counted when signed" not in tables
    en = open_page(make_app, "targets")
    assert "A plan note in our words" in texts(en)
    assert "Counted when signed" in " ".join(d.value.to_string() for d in en.dataframe)


def test_targets_page_follows_plan_filter(make_app):
    at = open_page(make_app, "targets", plan="plan-b")
    shown = texts(at)
    assert "Plan B" in shown and "Plan A" not in shown


def test_targets_page_empty_state(make_app):
    at = open_page(make_app, "targets", q="no such thing")
    assert "No figures" in texts(at)


def test_sources_page_counts_what_each_document_gave(make_app):
    at = open_page(make_app, "sources")
    shown = texts(at)
    assert "Test plan document" in shown and "Second document" in shown
    metrics = {(m.label, m.value) for m in at.metric}
    assert ("sites", "2") in metrics and ("figures", "1") in metrics


def test_sources_page_in_chinese_words_each_documents_language(make_app):
    at = open_page(make_app, "sources", lang="zh")
    lines = [x.value for x in at.text]
    assert "测试发布方 · 2023-04-30 · 中文" in lines and "其他发布方 · 2022 · 英文 · 机器翻译，仅作事实参考" in lines


def test_filters_survive_a_page_switch(make_app):
    at = make_app(region="beijing").run()
    at.switch_page("app_pages/sites.py").run()
    assert list(at.dataframe[0].value["id"]) == ["haidian-lab"]
    assert at.query_params["region"] in ("beijing", ["beijing"])  # written back to the URL


def test_a_site_named_by_a_source_opens_on_the_map(make_app):
    at = open_page(make_app, "sources")
    [button] = [b for b in at.button if b.key == "src_doc-a_beidaihe-resort"]
    button.click().run()
    assert not at.exception
    assert "Beidaihe Wellness Resort" in [s.value for s in at.subheader]  # the map page's card
    payload = map_payload(at)
    assert payload["selected"] == "beidaihe-resort" and payload["focus"] > 0  # brought into view


def test_nearest_sites_open_on_the_map(make_app):
    at = make_app(site="haidian-lab").run()
    near = [b for b in at.button if b.key and b.key.startswith("near_open_")]
    assert near and "km" in near[0].label
    target = near[0].key.removeprefix("near_open_")
    near[0].click().run()
    assert map_payload(at)["selected"] == target and map_payload(at)["focus"] > 0

