"""The host-speed probe beside bench/load.py's phases: it reports, it is windowed, it stops."""

import time

from bench.host_speed import HostSpeed


def test_the_probe_reports_its_cpu_time_within_a_window_and_stops_with_the_block():
    start = time.monotonic()
    with HostSpeed() as host:
        deadline = time.monotonic() + 20
        while not host.readings and time.monotonic() < deadline:
            time.sleep(0.05)
        end = time.monotonic()
        process = host._process
    assert host.readings, "no reading within 20 s"
    at, ms = host.readings[0]
    assert start <= at <= end  # the probe's clock is ours (system-wide monotonic)
    assert 0 < ms < 5000
    assert host.median_ms((start, end)) == round(ms, 1)
    assert host.median_ms((end + 1, end + 2)) is None  # no reading in that window
    assert process.poll() is not None  # the probe ended with the block


def test_the_median_is_taken_over_the_window_only():
    host = HostSpeed()
    host.readings = [(1.0, 10.0), (2.0, 30.0), (3.0, 20.0), (9.0, 99.0)]
    assert host.median_ms((0.5, 3.5)) == 20.0
    assert host.median_ms((8.0, 10.0)) == 99.0
    assert host.median_ms((0.5, 1.5), (8.0, 10.0)) == 54.5  # two windows, pooled
