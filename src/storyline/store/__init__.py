"""Store: the only code that touches the database."""
