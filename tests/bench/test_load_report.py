"""bench/load.py's report: the goal line carries the host's speed in its two phases."""

from bench.load_report import host_note


def test_like_speeds_are_reported_without_a_warning():
    assert host_note(20.0, 22.0) == ["host probe: 20 ms in the single phase, 22 ms under load"]


def test_a_slower_host_under_load_is_called_out():
    (line,) = host_note(14.0, 24.5)
    assert line.startswith("host probe: 14 ms in the single phase, 24.5 ms under load: ")
    assert "faster in the single phase" in line and "run again" in line


def test_a_slower_host_in_the_single_phase_is_called_out_too():
    (line,) = host_note(30.0, 15.0)
    assert "faster in the load phase" in line


def test_no_line_without_readings():
    assert host_note(None, 20.0) == [] and host_note(20.0, None) == []
