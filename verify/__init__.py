"""A verifier for the mathematics in Markdown+LaTeX derivation notes."""
