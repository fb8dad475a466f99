"""Benchmarks, run on demand with `make bench` (or `python -m bench NAME`); they print figures.

Each module here defines `run() -> None`. They use the database named by DATABASE_URL (the
figures that matter are PostgreSQL's) in a scratch database created for the run.
"""
