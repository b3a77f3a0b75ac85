"""Test support for the dashboard's own tests: ``holdbusters.Holdbusters`` (the factories bound
to a session) and ``plugin`` (pytest fixtures, loaded through the ``pytest11`` entry point).

Nothing is imported here: pytest loads the plugin in every run, and it stays light until a
test asks for one of its fixtures.
"""
