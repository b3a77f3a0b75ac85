"""The rules of Hold Busters data: read by both the generator and verify, so neither imports
the other."""
