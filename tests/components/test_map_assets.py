from components.map_assets import OWN_ASSETS, SITE_SCRIPTS, install_static_assets, site_scripts_js


def test_the_sites_layer_scripts_are_installed_as_one_file_in_order(tmp_path):
    installed = install_static_assets(tmp_path / "vendor")
    [(_, url)] = site_scripts_js()
    bundle = (installed / "jjj" / url.rsplit("/", 1)[1]).read_bytes()
    _, paths = SITE_SCRIPTS
    at = [bundle.index(path.read_bytes()) for path in paths]
    assert at == sorted(at) and at[0] == 0  # markercluster first, then ours in their order
    assert {path.name for path in paths} >= {"leaflet.markercluster.js", "place_badges.js",
                                             "badge_layout.js", "site_view.js"}
    assert all(path.parent in (OWN_ASSETS, paths[0].parent) for path in paths)
