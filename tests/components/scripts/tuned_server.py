"""A page of many elements on a server tuned as app.py tunes it (test_loop_wakeups, test_no_nagle):
it reports what it installed, then what its own TCP sockets hold."""

import socket

import streamlit as st

from components.loop_wakeups import coalesce_loop_wakeups
from components.no_nagle import once_per_process, tcp_sockets

once_per_process()
st.markdown(f"installed: {coalesce_loop_wakeups()}")
held = []
for sock in tcp_sockets():
    with sock:  # a second handle: closed here, the socket itself stays open
        held.append((sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN),
                     sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)))
st.markdown(f"listening without nodelay: {sum(1 for listening, on in held if listening and not on)}")
st.markdown(f"connected without nodelay: {sum(1 for listening, on in held if not listening and not on)}")
st.markdown(f"listening: {sum(1 for listening, _ in held if listening)}")
for i in range(300):
    st.markdown(f"line {i}")
