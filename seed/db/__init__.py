"""Opening databases: engines with our connection rules, errors explained, schema checks."""
