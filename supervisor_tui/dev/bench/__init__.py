"""Benchmark tooling: `make bench` generates databases and times the commands."""
