"""Engines that generate a run somewhere other than this process: Spark."""
