"""Seeds the Hold Busters schema with realistic, internally consistent synthetic AP data."""

__version__ = "0.1.0"
