"""bench/load.py's command line: out-of-range durations are refused before anything starts."""

import pytest

from bench import load


@pytest.mark.parametrize("argv", [["--bracket-seconds", "0"], ["--baseline-seconds", "601"],
                                  ["--seconds", "0"], ["--sessions", "0,100"]])
def test_out_of_range_figures_are_refused_with_a_message(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        load.main(argv)
    assert exit_info.value.code == 2
    assert "must be" in capsys.readouterr().err
