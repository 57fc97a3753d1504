"""Streamlit pieces of the dashboard. Each has a pure builder (testable without a running app)
and a thin render function."""
