"""Sinks: the World as JSON or as a terminal report."""
