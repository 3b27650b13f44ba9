"""Triage layer: red-flag rules and the probability of serious causes → one of four levels."""
