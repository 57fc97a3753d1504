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
    ran, holding, release = [], threading.Event(), threading.Event()

    def holder():
        with one_run_at_a_time():
            holding.set()
            release.wait(30)

    thread = threading.Thread(target=holder)
    thread.start()
    assert holding.wait(30)
    with one_run_at_a_time(max_wait_s=0.01):  # the turn is taken: wait, then go anyway
        ran.append(True)
    assert ran == [True]
    assert run_queue._TURN.locked()  # going ahead did not free the holder's turn
    release.set()
    thread.join(30)
    assert not run_queue._TURN.locked()


def test_a_section_inside_a_run_goes_in_on_the_runs_turn(monkeypatch):
    """A fragment called during its page's full run must not wait for the turn its run holds."""
    waits = []

    class CountingLock:
        def __init__(self):
            self.lock = threading.Lock()

        def acquire(self, timeout):
            waits.append(timeout)
            return self.lock.acquire(timeout=timeout)

        def release(self):
            self.lock.release()

        def locked(self):
            return self.lock.locked()

    monkeypatch.setattr(run_queue, "_TURN", CountingLock())
    ran = []
    with one_run_at_a_time():
        with one_run_at_a_time(max_wait_s=30):
            ran.append("section")
        assert run_queue._TURN.locked()  # the section's end did not free the run's turn
    assert ran == ["section"] and waits == [run_queue.MAX_WAIT_S]  # one turn taken: the run's
    assert not run_queue._TURN.locked()
    with one_run_at_a_time(max_wait_s=5):  # a fragment's own rerun takes a turn of its own
        pass
    assert waits == [run_queue.MAX_WAIT_S, 5]


def test_an_exception_frees_the_turn():
    try:
        with one_run_at_a_time():
            raise RuntimeError("st.stop() and reruns end runs with exceptions")
    except RuntimeError:
        pass
    assert not run_queue._TURN.locked()
