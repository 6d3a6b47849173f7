"""Campaigns over the catalogue: slips written into verified claims, and closed forms against scipy.stats."""
