"""Destinations of a run, one module each (local transaction, Databricks statements, SQL
script), the settings and results they share, and the stream of rows every one of them writes."""
