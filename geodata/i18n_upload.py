"""Interface strings of the user's own sites (the uploader, its report and templates), English and
Chinese; geodata.i18n merges them into its one table."""

STRINGS: dict[str, tuple[str, str]] = {
    "upload_title": ("Add your own sites", "添加您自己的站点"),
    "upload_help": ("A CSV or Excel file with a name and either longitude/latitude columns or a county "
                    "or city (kind, focus, status and note optional), or a GeoJSON or GeoPackage of "
                    "points; at most {mb} MB. Your file stays in this browser session only: shared "
                    "links do not carry it, and the server forgets it when you close the page.",
                    "CSV 或 Excel 文件需含名称，以及经度/纬度列或区县、城市列（类型、产业方向、状态、"
                    "说明可选），或点要素的 GeoJSON / GeoPackage 文件；不超过 {mb} MB。文件仅在本次"
                    "浏览会话中使用，分享链接不会带上它，关闭页面后服务器即不再保留。"),
    "upload_lost": ("Sites uploaded from a file were on this map, but this session no longer has them: "
                    "the server that held the file was restarted, or the page was opened anew (an upload "
                    "lives only in its browser session). Upload the file again under “Add your own "
                    "sites” on the Map page.",
                    "此地图曾显示从文件上传的站点，但本次会话已不再保留它们：保存该文件的服务器已重启，"
                    "或页面被重新打开（上传的文件只保存在其浏览会话中）。请在“地图”页的“添加您自己的"
                    "站点”中重新上传该文件。"),
    "upload_lost_dismiss": ("Continue without them", "不再提示"),
    "uploader_button": ("Choose a file", "选择文件"),
    "uploader_limits": ("or drag it here · up to {mb} MB · {types}", "或将文件拖放到此处 · 每个文件不超过 {mb} MB · {types}"),
    "uploader_drop": ("Drop the file here", "将文件拖放到此处"),
    "upload_label": ("CSV, Excel, GeoJSON or GeoPackage", "CSV、Excel、GeoJSON 或 GeoPackage 文件"),
    "upload_crs": ("Coordinates are in", "坐标系"),
    "upload_crs_wgs84": ("WGS-84 (GPS, international maps)", "WGS-84（GPS、国际地图）"),
    "upload_crs_gcj02": ("GCJ-02 (Amap, Tencent)", "GCJ-02（高德、腾讯）"),
    "upload_crs_bd09": ("BD-09 (Baidu)", "BD-09（百度）"),
    "upload_layer": ("Layer to show", "要显示的图层"),
    "upload_layer_choose": ("Choose a layer", "请选择图层"),
    "upload_ok": ("{name}: {sites} shown as their own layer.", "{name}：{sites}已作为单独图层显示。"),
    "upload_encoding": ("Read as {encoding} text.", "按 {encoding} 编码读取。"),
    "upload_converted": ("Coordinates converted from {crs} to WGS-84.", "坐标已从 {crs} 转换为 WGS-84。"),
    "upload_error": ("{name} cannot be used: {error}", "无法使用 {name}：{error}"),
    "upload_left_out": ("{rows} left out.", "{rows}被略去。"),
    "upload_changed": ("{rows} shown with a value dropped or replaced.", "{rows}已显示，但有值被略去或替换。"),
    "upload_notes": ("Notes on your file:", "关于该文件的说明："),
    "upload_more_problems": ("The first {shown} of {total} problems are shown; download the whole list.",
                             "仅显示前 {shown} 条问题（共 {total} 条）；完整列表请下载。"),
    "upload_problems_download": ("Download the list of problems", "下载问题列表"),
    "upload_templates": ("Templates with the columns this reader understands:",
                         "模板（含可识别的列）："),
    "upload_template_zh": ("{fmt} template (中文)", "{fmt} 模板（中文）"),
    "upload_template_en": ("{fmt} template (English)", "{fmt} 模板（英文）"),
    "layer_uploads": ("Your sites", "您的站点"),
    "uploads_count": ("+ {n} of your own sites", "另有 {n} 个您上传的站点"),
}
