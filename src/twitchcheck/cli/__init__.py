"""Command-line adapter. The only place that prints, reads settings and maps errors to exit codes."""
