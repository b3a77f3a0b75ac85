"""Subcommands of `seed` (each module registers its commands on ``seed.app.app`` when imported)."""
