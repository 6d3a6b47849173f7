"""Checks: each takes a link and returns evidence; none of them prints."""
