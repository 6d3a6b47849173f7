"""Imports every family module so that each registers its model (one import for all users)."""
from .families import (bernoulli, beta, categorical, exponential, gamma, geometric, gumbel, laplace, normal, pareto, poisson, student_t, uniform)
