"""A run's bookkeeping: the project it reuses, the ledger of runs, a run's rows, and purge."""
