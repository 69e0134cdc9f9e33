"""axioms."""
