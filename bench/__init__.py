"""Benchmarks and the headless-browser driver they share with the tests and scripts."""
