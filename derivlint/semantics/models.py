"""Imports every family module so that each registers its model (one import for all users)."""
from .families import (bernoulli, beta, categorical, exponential, gamma, geometric, gumbel,  # noqa: F401
                       laplace, normal, pareto, poisson, student_t, uniform)
