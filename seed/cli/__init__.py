"""The `seed` command line: one module per command, the options they share, rendering and
progress. Commands are registered explicitly in ``seed.cli.app``."""


def main() -> None:
    """The `seed` console script.

    This module stays light on purpose: a worker process spawned to generate invoices re-runs
    the console script, as multiprocessing does with any main script, and so imports this
    module. Importing the command line there (Typer, Rich, every command) would cost each worker
    about 0.3 s of CPU that it never uses.
    """
    from seed.cli.app import main as run

    run()
