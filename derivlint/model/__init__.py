"""The vocabulary every layer shares: quantities, laws, names, findings, verdicts; imports nothing of ours."""
