"""Benchmarks of the law checker, each measured against a baseline in the same run.

``python -m benchmarks [--quick]`` regenerates ``docs/performance.md`` and
``docs/performance-scaling.png``; see :mod:`benchmarks.run`.  The
measurements themselves live in :mod:`benchmarks.bench_checking`.
"""
