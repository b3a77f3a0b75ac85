"""The Spark engine: a run generated inside Spark tasks and written as Spark tables (local Spark,
a Spark Connect server, or Databricks through Databricks Connect). Needs the ``[spark]`` extra."""
