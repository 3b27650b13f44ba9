"""Command-line adapter: the only place that prints, reads settings and sets exit codes."""
