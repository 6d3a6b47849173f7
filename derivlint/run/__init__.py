"""A run: claims planned, checked in workers, and their verdicts turned into findings."""
