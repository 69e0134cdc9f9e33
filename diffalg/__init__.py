"""diffalg: differential semirings, their laws, proofs and counterexamples."""
