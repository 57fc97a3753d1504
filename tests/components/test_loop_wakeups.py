"""A run's hand-overs reach the event loop in batches, in order, and none is missed: on a
recording loop (exactly how many wake-ups), on a real asyncio loop fed from threads (every message
sent, in order), and on a real Streamlit server (the contract with Streamlit's private API:
installed, every element arrives, in order)."""

import asyncio
import logging
import random
import threading
from pathlib import Path
from types import SimpleNamespace

from bench.browser_driver import running_script
from bench.load_protocol import Session
from components.loop_wakeups import CallBatch, CoalescedWakeup, coalesce_loop_wakeups

SCRIPT = Path(__file__).parent / "scripts" / "tuned_server.py"


class RecordingLoop:
    def __init__(self):
        self.scheduled = []

    def call_soon_threadsafe(self, callback):
        self.scheduled.append(callback)


def test_messages_queued_while_a_wakeup_is_pending_schedule_no_other():
    loop = RecordingLoop()
    objs = SimpleNamespace(eventloop=loop, need_send_data=asyncio.Event())
    wake = CoalescedWakeup(objs)
    for _ in range(40):  # one rerun's elements
        wake()
    assert len(loop.scheduled) == 1 and not objs.need_send_data.is_set()
    loop.scheduled.pop()()  # the loop runs it: the flush that follows sends all 40
    assert objs.need_send_data.is_set()
    objs.need_send_data.clear()  # the loop clears it, then flushes
    wake()  # a message after that wake-up needs a wake-up of its own
    assert len(loop.scheduled) == 1


class FailingLoop(RecordingLoop):
    def __init__(self):
        super().__init__()
        self.errors = []

    def call_exception_handler(self, context):
        self.errors.append(str(context["exception"]))


def test_a_session_s_callbacks_run_in_order_from_one_drain_even_when_one_fails():
    loop, ran = FailingLoop(), []
    batch = CallBatch(loop)
    for i in range(5):
        batch.add(lambda i=i: ran.append(i) if i != 2 else 1 / 0)
    assert len(loop.scheduled) == 1  # five hand-overs, one wake-up
    loop.scheduled.pop()()
    assert ran == [0, 1, 3, 4] and loop.errors == ["division by zero"]
    batch.add(lambda: ran.append(5))  # after the drain: a drain of its own
    assert len(loop.scheduled) == 1
    loop.scheduled.pop()()
    assert ran == [0, 1, 3, 4, 5]


def test_a_hand_over_to_a_closed_loop_is_dropped_as_streamlit_drops_it():
    loop = asyncio.new_event_loop()
    loop.close()
    batch = CallBatch(loop)
    batch.add(lambda: None)  # no RuntimeError at shutdown
    batch.add(lambda: None)


def test_hand_overs_from_threads_all_run_in_each_thread_s_order():
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    batch, ran, all_in = CallBatch(loop), [], threading.Event()

    def script_thread(name):
        for i in range(2000):
            batch.add(lambda i=i: ran.append((name, i)))

    producers = [threading.Thread(target=script_thread, args=(n,)) for n in range(3)]
    for p in producers:
        p.start()
    for p in producers:
        p.join(60)
    batch.add(all_in.set)
    assert all_in.wait(30)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    assert len(ran) == 6000
    for n in range(3):
        assert [i for name, i in ran if name == n] == list(range(2000))


def test_on_a_real_loop_fed_by_threads_every_message_is_sent():
    """The runtime's loop as Streamlit runs it: clear the event, flush, pause, wait for it."""
    queue, sent, lock = [], [], threading.Lock()
    loop = asyncio.new_event_loop()
    objs = SimpleNamespace(eventloop=loop, need_send_data=None)
    ready, stop = threading.Event(), threading.Event()

    async def runtime_loop():
        objs.need_send_data = asyncio.Event()
        ready.set()
        while not stop.is_set():
            await asyncio.wait_for(objs.need_send_data.wait(), 30)
            objs.need_send_data.clear()
            with lock:
                sent.extend(queue)
                queue.clear()
            await asyncio.sleep(0.001)

    thread = threading.Thread(target=loop.run_until_complete, args=(runtime_loop(),), daemon=True)
    thread.start()
    assert ready.wait(10)
    wake = CoalescedWakeup(objs)

    def script_thread(name):
        rng = random.Random(name)
        for i in range(2000):
            with lock:
                queue.append((name, i))
            wake()
            if rng.random() < 0.01:
                threading.Event().wait(rng.random() / 500)  # a run's pauses

    producers = [threading.Thread(target=script_thread, args=(n,)) for n in range(3)]
    for p in producers:
        p.start()
    for p in producers:
        p.join(60)
    done = threading.Event()
    for _ in range(1000):  # the last message's wake-up reaches the loop
        with lock:
            if len(sent) == 6000:
                done.set()
                break
        done.wait(0.01)
    stop.set()
    loop.call_soon_threadsafe(objs.need_send_data.set)
    thread.join(10)
    assert len(sent) == 6000 and not queue
    for n in range(3):
        assert [i for name, i in sent if name == n] == list(range(2000))


def test_without_a_server_there_is_nothing_to_install():
    assert coalesce_loop_wakeups() is False  # bare mode (AppTest, scripts): no runtime loop


def _page_under_apptest():
    import streamlit as st

    from components.loop_wakeups import coalesce_loop_wakeups

    st.markdown(f"installed: {coalesce_loop_wakeups()}")


def test_under_apptest_it_stands_aside_without_a_warning(caplog):
    """AppTest's stand-in runtime is no server loop, not another Streamlit: nothing is logged."""
    from streamlit.testing.v1 import AppTest

    with caplog.at_level(logging.WARNING, logger="components.loop_wakeups"):
        at = AppTest.from_function(_page_under_apptest).run()
        at.run()
    assert [m.value for m in at.markdown] == ["installed: False"]
    assert not [r for r in caplog.records if r.name == "components.loop_wakeups"]


def test_a_real_streamlit_server_takes_it_and_sends_every_element_in_order():
    async def visit(url):
        session = Session(url)
        await session.connect()
        try:
            return [await session.rerun() for _ in range(5)]
        finally:
            await session.close()

    with running_script(SCRIPT) as url:
        runs = asyncio.run(visit(url))
    for run in runs:
        assert run.status == "ok" and not run.exceptions
        assert run.markdown[0] == "installed: True"
        assert run.markdown[4:] == [f"line {i}" for i in range(300)]
