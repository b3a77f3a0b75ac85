"""Subcommands of `seed` (each module registers its commands on ``seed.cli.options.app`` when imported)."""
