import streamlit as st; st.markdown("Blank page")  # noqa: E702 - Streamlit's floor: a one-line app
