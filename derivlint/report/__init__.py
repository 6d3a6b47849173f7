"""Reporters: the only code that writes to the terminal or to files."""
