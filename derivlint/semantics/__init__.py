"""Probability semantics: families (density, scipy.stats oracle, sampler) and re-derived quantities."""
