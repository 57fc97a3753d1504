"""`near` against a direct great-circle computation (pyproj's geodesic on the WGS-84 ellipsoid)."""

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod

from geodata.near import PointIndex, km_to_shape, parse_km, parse_point

GEOD = Geod(ellps="WGS84")


def sites(n=400, seed=1) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    lon, lat = rng.uniform(114.5, 118.5, n), rng.uniform(38.0, 41.0, n)
    precision = np.where(rng.random(n) < 0.7, "exact", np.where(rng.random(n) < 0.5, "area", "city"))
    area = shapely.box(116.0, 39.5, 116.2, 39.7)
    geometry = [area if p == "area" else shapely.Point(x, y) for p, x, y in zip(precision, lon, lat)]
    frame = pd.DataFrame({"id": [f"s{i:04d}" for i in range(n)], "lon": lon, "lat": lat,
                          "precision": precision})
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def test_within_matches_the_ellipsoid_distance():
    frame = sites()
    points = PointIndex.build(frame)
    centre = points.centre("39.9087,116.3975")
    for km in (5, 25, 80, 200):
        mask, distance = points.within(centre, km)
        _, _, metres = GEOD.inv(np.full(len(frame), 116.3975), np.full(len(frame), 39.9087),
                                frame["lon"], frame["lat"])
        truth = metres / 1000
        exact = (frame["precision"] == "exact").to_numpy()
        # the sphere and the ellipsoid differ by under 0.5%: compare away from the edge
        clear = np.abs(truth - km) > 0.005 * km
        assert np.array_equal(mask[clear], (exact & (truth <= km))[clear])
        assert np.allclose(distance[exact], truth[exact], rtol=0.005)
        assert not mask[~exact].any()  # area and city sites are never at a distance


def test_a_site_centre_excludes_itself_and_needs_a_point():
    frame = sites()
    points = PointIndex.build(frame)
    exact_id = frame.loc[frame["precision"] == "exact", "id"].iloc[0]
    centre = points.centre(exact_id)
    assert centre.site == exact_id
    mask, distance = points.within(centre, 50)
    assert not mask[frame["id"] == exact_id].any()
    area_id = frame.loc[frame["precision"] == "area", "id"].iloc[0]
    assert points.centre(area_id) is None


def test_area_sites_are_reported_when_their_area_reaches_the_radius():
    frame = sites()
    points = PointIndex.build(frame)
    inside = points.centre("39.6,116.1")  # inside the box
    far = points.centre("39.6,117.5")  # ~115 km east of it
    is_area = (frame["precision"] == "area").to_numpy()
    assert np.array_equal(points.areas_reaching(inside, 1), is_area)
    assert not points.areas_reaching(far, 100).any()
    assert np.array_equal(points.areas_reaching(far, 120), is_area)
    edge = points.area_edge_km(far)  # the area's nearest edge, for ordering: a site has none
    _, _, metres = GEOD.inv(117.5, 39.6, 116.2, 39.6)
    assert np.allclose(edge[is_area], metres / 1000, rtol=0.005) and np.isnan(edge[~is_area]).all()
    assert np.isnan(points.area_edge_km(far, ~is_area)).all()  # only the sites asked about


def test_distance_to_a_polygon():
    box = shapely.box(116.0, 39.5, 116.2, 39.7)
    _, _, metres = GEOD.inv(116.3, 39.6, 116.2, 39.6)
    assert abs(km_to_shape(39.6, 116.3, box) - metres / 1000) < 0.005 * metres / 1000
    assert km_to_shape(39.6, 116.1, box) == 0


def test_parsing():
    assert parse_point("39.9, 116.4") == (39.9, 116.4)
    assert parse_point("116.4,39.9") is None and parse_point("x") is None
    assert parse_km("15") == 15 and parse_km("0") is None and parse_km("nan") is None
