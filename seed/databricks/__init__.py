"""Databricks: the target from the environment, connection settings, errors explained."""
