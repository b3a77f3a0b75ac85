"""Generation: options, deterministic values, factories, Hold scenarios, batches and worker
processes. No database access."""
