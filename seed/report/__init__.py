"""The dashboard's Error Analysis queries."""
