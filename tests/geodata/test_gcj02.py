import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Geod

from geodata.gcj02 import gcj02_to_wgs84, in_mainland_china, shift_frame, shift_geometry, wgs84_to_gcj02

GEOD = Geod(ellps="WGS84")

# Published (WGS-84 lon, lat) -> (GCJ-02 lon, lat) pairs; the sources write lat before lon, we don't.
REFERENCE = [
    # googollee/eviltransform, go/transform_test.go (same vectors in python/test.py, javascript/test.js)
    pytest.param((121.5272106, 31.1774276), (121.531541859215, 31.17530398364597), id="shanghai"),
    pytest.param((113.912316, 22.543847), (113.9171764808363, 22.540796131694766), id="shenzhen"),
    pytest.param((116.377817, 39.911954), (116.38404722455657, 39.91334545536069), id="beijing"),
    # hujiulong/gcoord, test/unit/crs/WGS84.spec.ts ("WGS84 to GCJ02")
    pytest.param((123.0, 45.0), (123.00607541, 45.00197815), id="gcoord-123-45"),
    # Amap's own converter (Web Service API, coordinate/convert, coordsys=gps): the documented example,
    # 116.481499,39.990475 -> 116.487585177952,39.991754014757 (lbs.amap.com/api/webservice/guide/api/convert)
    pytest.param((116.481499, 39.990475), (116.487585177952, 39.991754014757), id="amap-api-doc"),
    # hujiulong/gcoord, test/fixtures/china-cities.json (made with another service: all its pairs sit
    # ~0.65 m from the formula; gcoord itself only checks 4 decimals): Hebei and far-off cities.
    pytest.param((114.498916, 37.0700925), (114.5048503, 37.0705911), id="xingtai"),
    pytest.param((114.533216, 36.6255626), (114.5389684, 36.6256603), id="handan"),
    pytest.param((116.8330366, 38.3039089), (116.8388422, 38.3044822), id="cangzhou"),
    pytest.param((92.0499619, 31.4784436), (92.0512438, 31.4762063), id="nagqu"),
    pytest.param((123.4253306, 41.8032629), (123.4314787, 41.8057023), id="shenyang"),
]

INSIDE = {
    "Beijing": (116.40, 39.90),
    "Shanghai": (121.47, 31.23),
    "Shenzhen": (114.06, 22.54),
    "Zhuhai": (113.58, 22.27),
    "Urumqi": (87.62, 43.83),
    "Lhasa": (91.13, 29.65),
    "Harbin": (126.63, 45.75),
    "Sanya": (109.51, 18.25),
    "Xiamen": (118.09, 24.48),
    "Tianjin": (117.20, 39.13),
    "Shijiazhuang": (114.51, 38.04),
}
OUTSIDE = {
    "Hong Kong": (114.17, 22.30),
    "Macau": (113.54, 22.19),
    "Taipei": (121.56, 25.04),
    "Seoul": (126.98, 37.57),
    "Pyongyang": (125.75, 39.03),
    "Ulaanbaatar": (106.92, 47.92),
    "Hanoi": (105.85, 21.03),
    "Tokyo": (139.69, 35.69),
    "Hong Kong airport": (113.92, 22.31),
    "London": (-0.13, 51.51),
}


def metres(a, b) -> np.ndarray:
    return np.asarray(GEOD.inv(a[0], a[1], b[0], b[1])[2])


def jjj_grid(n: int = 40):
    """A regular grid over Beijing, Tianjin and Hebei (lon 113.4-119.9, lat 36.0-42.7), on land.

    The middle of the Bohai Sea is outside the outline (never shifted), and within the shift (~500 m)
    of the outline a round trip may not hold: points less than ~2 km inside are dropped.
    """
    lon, lat = np.meshgrid(np.linspace(113.4, 119.9, n), np.linspace(36.0, 42.7, n))
    lon, lat = lon.ravel(), lat.ravel()
    steps = [(0, 0), (0.02, 0), (-0.02, 0), (0, 0.02), (0, -0.02)]
    inside = np.logical_and.reduce([in_mainland_china(lon + dx, lat + dy) for dx, dy in steps])
    assert inside.mean() > 0.9
    return lon[inside], lat[inside]


@pytest.mark.parametrize(("wgs", "gcj"), REFERENCE)
def test_forward_matches_published_pairs(wgs, gcj):
    assert metres(wgs84_to_gcj02(*wgs), gcj) < 1.0


@pytest.mark.parametrize(("wgs", "gcj"), REFERENCE)
def test_inverse_matches_published_pairs(wgs, gcj):
    assert metres(gcj02_to_wgs84(*gcj), wgs) < 1.0


def test_scalars_give_floats_and_lists_give_arrays():
    lon, lat = wgs84_to_gcj02(116.4, 39.9)
    assert isinstance(lon, float) and isinstance(lat, float)
    lons, lats = gcj02_to_wgs84([116.4, 114.17], [39.9, 22.30])
    assert isinstance(lons, np.ndarray) and lons.shape == (2,)


def test_round_trip_over_jing_jin_ji_within_a_metre():
    gcj = jjj_grid()
    wgs = gcj02_to_wgs84(*gcj)
    again = wgs84_to_gcj02(*wgs)
    assert metres(again, gcj).max() < 1.0
    # The iteration converges (< 1e-7 deg), unlike the one-step inverse, and really moved the points.
    assert np.abs(np.subtract(again, gcj)).max() < 1e-7
    shift = metres(wgs, gcj)
    assert shift.min() > 200 and shift.max() < 900


def test_wgs_round_trip_is_exact_inside():
    wgs = jjj_grid()
    back = gcj02_to_wgs84(*wgs84_to_gcj02(*wgs))
    assert np.abs(np.subtract(back, wgs)).max() < 1e-8


@pytest.mark.parametrize("name", sorted(INSIDE))
def test_inside_mainland(name):
    assert in_mainland_china(*INSIDE[name]) is True


@pytest.mark.parametrize("name", sorted(OUTSIDE))
def test_outside_mainland_and_left_untouched(name):
    lon, lat = OUTSIDE[name]
    assert in_mainland_china(lon, lat) is False
    assert wgs84_to_gcj02(lon, lat) == (lon, lat)
    assert gcj02_to_wgs84(lon, lat) == (lon, lat)


def test_in_mainland_is_vectorised():
    names = [*INSIDE, *OUTSIDE]
    lon, lat = np.array([(INSIDE | OUTSIDE)[n] for n in names]).T
    assert in_mainland_china(lon, lat).tolist() == [n in INSIDE for n in names]


def test_fifty_thousand_points():
    rng = np.random.default_rng(2024)
    # China and its neighbours, so both branches are exercised.
    lon, lat = rng.uniform(70, 140, 50_000), rng.uniform(15, 55, 50_000)
    inside = in_mainland_china(lon, lat)
    assert inside.shape == (50_000,) and 0.2 < inside.mean() < 0.8
    glon, glat = wgs84_to_gcj02(lon, lat)
    assert glon.shape == glat.shape == (50_000,)
    assert np.all(glon[~inside] == lon[~inside]) and np.all(glat[~inside] == lat[~inside])
    assert metres((glon[inside], glat[inside]), (lon[inside], lat[inside])).min() > 1
    wlon, wlat = gcj02_to_wgs84(glon, glat)
    # The inverse decides by the GCJ-02 point: only within the shift (~500 m) of the outline can
    # it disagree with the forward decision, and there the round trip is not expected to hold.
    both = inside & in_mainland_china(glon, glat)
    assert both.sum() > 0.99 * inside.sum()
    assert np.abs(wlon - lon)[both].max() < 1e-8 and np.abs(wlat - lat)[both].max() < 1e-8


def test_nan_passes_through():
    lon, lat = wgs84_to_gcj02(np.array([np.nan, 116.4]), np.array([np.nan, 39.9]))
    assert np.isnan(lon[0]) and np.isnan(lat[0]) and not np.isnan(lon[1])
    lon, lat = gcj02_to_wgs84(np.array([np.nan, 116.4]), np.array([np.nan, 39.9]))
    assert np.isnan(lon[0]) and not np.isnan(lon[1])


def test_shift_polygon_moves_every_vertex_and_stays_valid():
    # A ring around Beijing with a hole, and a concave notch that a bad shift could make self-touch.
    shell = [(115.5, 39.5), (117.5, 39.5), (117.5, 40.5), (116.55, 40.5), (116.5, 40.0),
             (116.45, 40.5), (115.5, 40.5)]
    hole = [(116.0, 39.7), (116.2, 39.7), (116.2, 39.9), (116.0, 39.9)]
    polygon = shapely.Polygon(shell, [hole])
    moved = shift_geometry(polygon)
    assert moved.is_valid and moved.geom_type == "Polygon"
    before, after = shapely.get_coordinates(polygon), shapely.get_coordinates(moved)
    assert before.shape == after.shape
    shift = metres(after.T, before.T)
    assert shift.min() > 200 and shift.max() < 900
    back = shift_geometry(moved, to="wgs84")
    assert metres(shapely.get_coordinates(back).T, before.T).max() < 1.0


def test_shift_multipolygon_and_points():
    multi = shapely.MultiPolygon([shapely.box(116, 39, 117, 40), shapely.box(121, 25, 121.5, 25.2)])
    moved = shift_geometry(multi)
    assert moved.is_valid and moved.geom_type == "MultiPolygon"
    beijing, taipei = shapely.get_parts(moved)
    assert not beijing.equals(shapely.box(116, 39, 117, 40))
    assert taipei.equals(shapely.box(121, 25, 121.5, 25.2))  # outside: untouched
    points = shift_geometry(np.array([shapely.Point(116.4, 39.9), shapely.Point(114.17, 22.30)]))
    assert metres((points[0].x, points[0].y), (116.4, 39.9)) > 200
    assert points[1].equals(shapely.Point(114.17, 22.30))


def test_shift_geometry_rejects_unknown_target():
    with pytest.raises(ValueError, match="to must be"):
        shift_geometry(shapely.Point(116.4, 39.9), to="bd09")


def test_shift_frame_returns_a_shifted_copy_and_leaves_the_input_alone():
    frame = gpd.GeoDataFrame(
        {"name": ["beijing", "hong-kong"]},
        geometry=[shapely.Point(116.4, 39.9), shapely.box(114.1, 22.25, 114.2, 22.35)],
        crs="EPSG:4326",
    )
    before = frame.copy()
    out = shift_frame(frame)
    assert frame.geometry.geom_equals_exact(before.geometry, tolerance=0).all()
    assert frame["name"].tolist() == before["name"].tolist()
    assert out is not frame and out.crs == frame.crs and out["name"].tolist() == ["beijing", "hong-kong"]
    assert metres((out.geometry[0].x, out.geometry[0].y), (116.4, 39.9)) > 200
    assert out.geometry[1].equals(frame.geometry[1])
    back = shift_frame(out, to="wgs84")
    assert metres((back.geometry[0].x, back.geometry[0].y), (116.4, 39.9)) < 1.0


def test_shift_frame_rejects_projected_frames():
    frame = gpd.GeoDataFrame(geometry=[shapely.Point(0, 0)], crs="EPSG:3857")
    with pytest.raises(ValueError, match="EPSG:4326"):
        shift_frame(frame)
