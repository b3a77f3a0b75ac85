"""The `seed` command line: one module per command, the options they share, rendering and
progress. Commands are registered explicitly in ``seed.cli.app``."""
