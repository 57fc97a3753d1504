"""Runs take turns; a run that waits too long goes ahead without taking the turn; an exception
frees it. Asserted on order and on the turn's state, never on how long anything took."""

import threading

from components import run_queue
from components.run_queue import one_run_at_a_time


def test_a_second_run_starts_only_after_the_first_ends():
    order, first_in, release = [], threading.Event(), threading.Event()

    def first():
        with one_run_at_a_time():
            order.append("first in")
            first_in.set()
            release.wait(30)
            order.append("first out")

    def second():
        with one_run_at_a_time(max_wait_s=60):
            order.append("second in")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    threads[0].start()
    assert first_in.wait(30)
    threads[1].start()
    threads[1].join(0.5)  # room for a broken turn to let it in early
    release.set()
    for thread in threads:
        thread.join(60)
    assert order == ["first in", "first out", "second in"]
    assert not run_queue._TURN.locked()


def test_a_run_that_waits_too_long_goes_ahead_without_taking_the_turn():
    ran = []
    with one_run_at_a_time():
        with one_run_at_a_time(max_wait_s=0.01):  # the turn is taken: wait, then go anyway
            ran.append(True)
        assert ran == [True]
        assert run_queue._TURN.locked()  # going ahead did not free the holder's turn
    assert not run_queue._TURN.locked()


def test_an_exception_frees_the_turn():
    try:
        with one_run_at_a_time():
            raise RuntimeError("st.stop() and reruns end runs with exceptions")
    except RuntimeError:
        pass
    assert not run_queue._TURN.locked()
