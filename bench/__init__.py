"""twitchcheck's benchmark on the project's vignettes (``make bench`` → ``bench/out/``).

Run from the repository root as modules (``python -m bench.accuracy``) so that ``tests`` and
``bench`` are importable; ``tests/bench/test_regression.py`` runs the fast part in ``make test``.
"""
