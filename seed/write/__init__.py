"""Writing rows: the Sink protocol, database sinks, CSV files, SQL statements and their literals."""
