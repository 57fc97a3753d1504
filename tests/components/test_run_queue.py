import threading
import time

from components.run_queue import one_run_at_a_time


def test_runs_take_turns():
    inside, overlaps = [], []

    def run():
        with one_run_at_a_time():
            inside.append(1)
            overlaps.append(len(inside))
            time.sleep(0.02)
            inside.pop()

    threads = [threading.Thread(target=run) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlaps == [1] * 5


def test_a_run_that_waits_too_long_goes_ahead():
    with one_run_at_a_time():
        started = time.monotonic()
        with one_run_at_a_time(max_wait_s=0.05):  # the turn is taken: wait, then go anyway
            waited = time.monotonic() - started
    assert 0.04 < waited < 1
    with one_run_at_a_time(max_wait_s=0.05):  # and the turn is free again
        pass


def test_an_exception_frees_the_turn():
    try:
        with one_run_at_a_time():
            raise RuntimeError("st.stop() and reruns end runs with exceptions")
    except RuntimeError:
        pass
    started = time.monotonic()
    with one_run_at_a_time(max_wait_s=1):
        assert time.monotonic() - started < 0.5
