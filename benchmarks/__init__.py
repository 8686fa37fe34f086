"""How fast the planner is, for one person and for many: the benchmark behind issue 9.

Run ``python -m benchmarks.run`` (``--help`` lists the parts). It prints a table and writes
JSON to benchmarks/results/. It is not a test: tests never assert on wall time.
"""
