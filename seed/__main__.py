"""`python -m seed` works as the `seed` command does."""

from seed.cli.app import main

main()
