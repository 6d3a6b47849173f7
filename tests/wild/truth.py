"""The truth about every formula of the wild corpus, established without the tool.

Each row of CLAIMS names a note, the line of the formula's opening delimiter (``$$``, ``\\[``,
kramdown's escaped ``\\\\[``, ``\\begin{...}``, a lone ``$`` or a GitHub ```` ```math ```` fence),
what the formula is (True, False, or "definition" with the reason) and a check: a function that
evaluates the formula's members numerically, by its own means (scipy.integrate.quad, sums of
scipy.stats masses, closed forms of scipy.stats), at a few fixed parameter values, and returns
whether the formula holds at all of them. ``main()`` runs every check and exits 1 when a stated
truth and its check disagree. Nothing here imports ``derivlint``.

A display block that starts with a relation continues the chain of the block before it (as a
reader does): such a block is part of the row of the block it continues.

Tolerance: two members agree when |a - b| <= TOL * (1 + |b|), TOL = 1e-6 (quad is run to 1e-10
absolute and relative, over the mean +- 12 standard deviations for normals, 60 scales for Laplace
laws and up to the 1 - 1e-15 quantile for gammas; sums of masses stop at k = 99, where the
Poisson tails here are below 1e-60). Multivariate normal expectations are tensor Gauss-Hermite sums
(exact for the polynomials involved); derivatives and differentials are central differences
(h = 1e-5, or 1e-6 along a direction); an argmax is taken over a fine grid of the parameter.

Where a note leaves its model open (a VAE's prior, decoder and encoder; a free energy's
likelihood and prior), its front matter instantiates it and the checks use the same instance:
the one-dimensional linear-Gaussian model of LGM below.
"""

import math
import sys

import numpy as np
from scipy import integrate, special, stats

TOL = 1e-6
INF = np.inf

# Fixed parameter values (deterministic; no randomness is needed).
NORM2 = [(0.3, 0.7, -1.2, 1.5), (1.0, 2.0, 0.5, 0.8), (-0.4, 1.3, 0.9, 1.1)]  # mu1, sd1, mu2, sd2
NORM1 = [(0.3, 0.7), (-1.1, 1.9), (2.0, 0.4)]  # mu, sd
BERN2 = [(0.2, 0.7), (0.6, 0.35), (0.9, 0.5)]
BERN1 = [0.2, 0.5, 0.83]
GAM = [(1.5, 0.7), (3.2, 2.0), (0.8, 1.3)]  # shape, rate
EXPO = [0.5, 1.7, 3.0]  # rate
POIS2 = [(0.7, 2.3), (3.1, 1.4), (5.0, 5.5)]
LAP2 = [(0.2, 0.6, -0.9, 1.4), (1.0, 1.5, 1.7, 0.8), (-0.5, 2.0, 0.3, 2.5)]  # mu1, b1, mu2, b2
LAP1 = [(0.3, 0.6, 1.4), (-1.0, 2.0, 0.7), (0.0, 1.0, 1.0)]  # mu, b1, b2
VEC = [(np.array([0.3, -1.2, 0.8]), np.array([0.7, 1.4, 0.9])),
       (np.array([1.5, 0.0]), np.array([2.2, 0.5])),
       (np.array([-0.6]), np.array([1.3]))]  # mu, sd (diagonal)
POS = [0.05, 0.4, 1.0, 2.7, 13.0]


def close(a, b, tol=TOL):
    return bool(np.isfinite(a) and np.isfinite(b) and abs(a - b) <= tol * (1 + abs(b)))


def chain(points, *members):
    """Every member equals the first at every point."""
    for pt in points:
        vals = [m(*pt) if isinstance(pt, tuple) else m(pt) for m in members]
        if not all(close(v, vals[0]) for v in vals[1:]):
            return False
    return True


def quad(f, a, b, points=None):
    val, _ = integrate.quad(f, a, b, limit=200, epsabs=1e-10, epsrel=1e-10, points=points)
    return val


def e_norm(f, m, s):
    """E[f(x)] for x ~ N(m, s^2), by quadrature over m +- 12 s (the tails beyond hold < 1e-32)."""
    c = 1 / (math.sqrt(2 * math.pi) * s)  # the weight written out: scipy's pdf is slow per point
    return quad(lambda x: f(x) * c * math.exp(-0.5 * ((x - m) / s) ** 2), m - 12 * s, m + 12 * s, points=[m])


def int_real(f, centre=0.0, width=40.0):
    return quad(f, centre - width, centre + width, points=[centre])


def lognorm(x, m, s):
    return -0.5 * ((x - m) / s) ** 2 - math.log(math.sqrt(2 * math.pi) * s)


def kl_norm(m1, s1, m2, s2):
    """KL(N(m1, s1^2) || N(m2, s2^2)) by quadrature of the log ratio of the densities (written out,
    for speed; c06_29 checks it against the quadrature of scipy.stats.norm's densities)."""
    return e_norm(lambda x: lognorm(x, m1, s1) - lognorm(x, m2, s2), m1, s1)


def e_lap(f, m, b):
    pdf = lambda x: f(x) * math.exp(-abs(x - m) / b) / (2 * b)
    return quad(pdf, m - 60 * b, m) + quad(pdf, m, m + 60 * b)


def kl_lap(m1, b1, m2, b2):
    return e_lap(lambda x: (-abs(x - m1) / b1 - math.log(2 * b1)) - (-abs(x - m2) / b2 - math.log(2 * b2)), m1, b1)


KMAX = 100
K = np.arange(KMAX)


def e_pois(f, lam):
    return float(np.sum(stats.poisson.pmf(K, lam) * np.array([f(k) for k in K])))


def kl_pois(l1, l2):
    p, q = stats.poisson.pmf(K, l1), stats.poisson.pmf(K, l2)
    return float(stats.entropy(p, q))


def e_gam(f, a, b):
    dist = stats.gamma(a, scale=1 / b)
    return quad(lambda x: f(x) * dist.pdf(x), 0, dist.ppf(1 - 1e-15), points=[dist.mean()])


def kl_bern(p1, p2):
    return float(stats.entropy([1 - p1, p1], [1 - p2, p2]))


def ln(x):
    return math.log(x)


# ---------------------------------------------------------------- the checks, note by note

# 01: stats.SE 7440, the question
def c01_17():
    return chain(NORM2, kl_norm,
                 lambda m1, s1, m2, s2: -e_norm(lambda x: stats.norm.logpdf(x, m2, s2), m1, s1)
                 + e_norm(lambda x: stats.norm.logpdf(x, m1, s1), m1, s1))


def c01_19():
    return chain(NORM1, lambda m, s: e_norm(lambda x: stats.norm.logpdf(x, m, s), m, s),
                 lambda m, s: -0.5 * (1 + ln(2 * math.pi * s ** 2)))


def c01_31():
    return chain(NORM1, lambda m, s: e_norm(lambda x: x ** 2, m, s), lambda m, s: s ** 2 + m ** 2)


def c01_37():
    return chain(NORM2, kl_norm,
                 lambda m1, s1, m2, s2: -e_norm(lambda x: stats.norm.logpdf(x, m2, s2), m1, s1)
                 + e_norm(lambda x: stats.norm.logpdf(x, m1, s1), m1, s1),
                 lambda m1, s1, m2, s2: 0.5 * ln(2 * math.pi * s2 ** 2)
                 + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5 * (1 + ln(2 * math.pi * s1 ** 2)),
                 lambda m1, s1, m2, s2: ln(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2))


def c01_42():
    return chain(NORM2, kl_norm,
                 lambda m1, s1, m2, s2: ln(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5)


# 02: StatProofBook norm-dent
def h_norm(m, s):
    return float(stats.norm(m, s).entropy())


def c02_19():
    return chain(NORM1, h_norm, lambda m, s: 0.5 * ln(2 * math.pi * s ** 2 * math.e))


def c02_27():
    return chain(NORM1, h_norm, lambda m, s: -e_norm(lambda x: stats.norm.logpdf(x, m, s), m, s))


def c02_31():
    return chain(NORM1, h_norm,
                 lambda m, s: -e_norm(lambda x: ln(1 / (math.sqrt(2 * math.pi) * s)
                                                   * math.exp(-0.5 * ((x - m) / s) ** 2)), m, s),
                 lambda m, s: -e_norm(lambda x: -0.5 * ln(2 * math.pi * s ** 2) - 0.5 * ((x - m) / s) ** 2, m, s),
                 lambda m, s: 0.5 * ln(2 * math.pi * s ** 2) + 0.5 * e_norm(lambda x: ((x - m) / s) ** 2, m, s),
                 lambda m, s: 0.5 * ln(2 * math.pi * s ** 2) + 0.5 / s ** 2 * e_norm(lambda x: (x - m) ** 2, m, s))


def c02_40():
    return chain(NORM1, h_norm,
                 lambda m, s: 0.5 * ln(2 * math.pi * s ** 2) + 0.5 / s ** 2 * s ** 2,
                 lambda m, s: 0.5 * ln(2 * math.pi * s ** 2) + 0.5,
                 lambda m, s: 0.5 * ln(2 * math.pi * s ** 2 * math.e))


# 03: StatProofBook bern-kl, first version
def c03_24():
    return chain(BERN2, kl_bern,
                 lambda p1, p2: ln((1 - p1) / (1 - p2)) + p1 * ln(p1 * (1 - p2) / (p2 * (1 - p1))))


def bern_sum(p1, p2):
    pmf1, pmf2 = stats.bernoulli.pmf([0, 1], p1), stats.bernoulli.pmf([0, 1], p2)
    return float(np.sum(pmf1 * np.log(pmf1 / pmf2)))


def c03_28():
    return chain(BERN2, kl_bern, bern_sum)


def c03_32():
    return chain(BERN2, kl_bern, bern_sum,
                 lambda p1, p2: 2 * stats.bernoulli.pmf(0, p1) * ln(stats.bernoulli.pmf(0, p1) / stats.bernoulli.pmf(0, p2)))


def c03_40():
    return chain(BERN2, kl_bern,
                 lambda p1, p2: (1 - p1) * ln((1 - p1) / (1 - p2)) + p1 * ln(p1 / p2),
                 lambda p1, p2: ln((1 - p1) / (1 - p2)) + p1 * ln(p1 / p2) - p1 * ln((1 - p1) / (1 - p2)),
                 lambda p1, p2: ln((1 - p1) / (1 - p2)) + p1 * (ln(p1 / p2) + ln((1 - p2) / (1 - p1))),
                 lambda p1, p2: ln((1 - p1) / (1 - p2)) + p1 * ln(p1 * (1 - p2) / (p2 * (1 - p1))))


# 04: StatProofBook bern-ent
def h_bern_bits(p):
    return float(stats.bernoulli(p).entropy()) / math.log(2)


def c04_18():
    return chain(BERN1, h_bern_bits, lambda p: -p * math.log2(p) - (1 - p) * math.log2(1 - p))


def c04_26():
    pr = lambda p, k: float(stats.bernoulli.pmf(k, p))
    return chain(BERN1, h_bern_bits,
                 lambda p: -pr(p, 0) * math.log2(pr(p, 0)) - pr(p, 1) * math.log2(pr(p, 1)),
                 lambda p: -p * math.log2(p) - (1 - p) * math.log2(1 - p))


# 05: StatProofBook gam-xlogx, first version
def e_xlogx(a, b):
    return e_gam(lambda x: x * ln(x) if x > 0 else 0.0, a, b)


def c05_20():
    return chain(GAM, e_xlogx, lambda a, b: a / b * (special.digamma(a) - ln(b)))


def c05_25():
    top = lambda a, b: stats.gamma(a + 1, scale=1 / b).ppf(1 - 1e-15)
    return chain(GAM, e_xlogx,
                 lambda a, b: quad(lambda x: x * ln(x) * b ** a / special.gamma(a) * x ** (a - 1) * math.exp(-b * x), 0, top(a, b)),
                 lambda a, b: 1 / special.gamma(a) * quad(lambda x: ln(x) * b ** (a + 1) / b * x ** a * math.exp(-b * x), 0, top(a, b)),
                 lambda a, b: special.gamma(a + 1) / (special.gamma(a) * b)
                 * quad(lambda x: ln(x) * b ** (a + 1) / special.gamma(a + 1) * x ** a * math.exp(-b * x), 0, top(a, b)))


def c05_37():
    return chain(GAM, lambda a, b: e_gam(lambda y: ln(y) if y > 0 else 0.0, a + 1, b),
                 lambda a, b: special.digamma(a + 1) - ln(b))


def c05_41():
    return chain(POS, lambda x: special.gamma(x + 1), lambda x: special.gamma(x) * x) and \
        chain(POS, lambda x: special.gamma(x + 1) / special.gamma(x), lambda x: x)


# 06: StatProofBook norm-kl
def c06_25():
    return chain(NORM2, kl_norm, lambda m1, s1, m2, s2: 0.5 * ((m2 - m1) ** 2 / s2 ** 2 + s1 ** 2 / s2 ** 2
                                                                  - ln(s1 ** 2 / s2 ** 2) - 1))


def c06_29():
    return chain(NORM2, kl_norm,
                 lambda m1, s1, m2, s2: quad(lambda x: stats.norm.pdf(x, m1, s1)
                                             * ln(stats.norm.pdf(x, m1, s1) / stats.norm.pdf(x, m2, s2)),
                                             m1 - 12 * s1, m1 + 12 * s1, points=[m1]))


def c06_33():
    N = lambda x, m, s: 1 / math.sqrt(2 * math.pi * s ** 2) * math.exp(-(x - m) ** 2 / (2 * s ** 2))
    return chain(NORM2, kl_norm,
                 lambda m1, s1, m2, s2: quad(lambda x: N(x, m1, s1) * ln(N(x, m1, s1) / N(x, m2, s2)),
                                             m1 - 12 * s1, m1 + 12 * s1, points=[m1]),
                 lambda m1, s1, m2, s2: e_norm(lambda x: ln(N(x, m1, s1) / N(x, m2, s2)), m1, s1))


def c06_40():
    E = e_norm
    return chain(NORM2, kl_norm,
                 lambda m1, s1, m2, s2: E(lambda x: ln((1 / (math.sqrt(2 * math.pi) * s1) * math.exp(-0.5 * ((x - m1) / s1) ** 2))
                                                         / (1 / (math.sqrt(2 * math.pi) * s2) * math.exp(-0.5 * ((x - m2) / s2) ** 2))), m1, s1),
                 lambda m1, s1, m2, s2: E(lambda x: ln(math.sqrt(s2 ** 2 / s1 ** 2) * math.exp(-0.5 * ((x - m1) / s1) ** 2
                                                                                               + 0.5 * ((x - m2) / s2) ** 2)), m1, s1),
                 lambda m1, s1, m2, s2: E(lambda x: 0.5 * ln(s2 ** 2 / s1 ** 2) - 0.5 * ((x - m1) / s1) ** 2
                                          + 0.5 * ((x - m2) / s2) ** 2, m1, s1),
                 lambda m1, s1, m2, s2: 0.5 * E(lambda x: -((x - m1) / s1) ** 2 + ((x - m2) / s2) ** 2
                                                - ln(s1 ** 2 / s2 ** 2), m1, s1),
                 lambda m1, s1, m2, s2: 0.5 * E(lambda x: -(x - m1) ** 2 / s1 ** 2 + (x ** 2 - 2 * m2 * x + m2 ** 2) / s2 ** 2
                                                - ln(s1 ** 2 / s2 ** 2), m1, s1))


def c06_50():
    E = e_norm
    return chain(NORM2, kl_norm,
                 lambda m1, s1, m2, s2: 0.5 * (-E(lambda x: (x - m1) ** 2, m1, s1) / s1 ** 2
                                               + E(lambda x: x ** 2 - 2 * m2 * x + m2 ** 2, m1, s1) / s2 ** 2
                                               - E(lambda x: ln(s1 ** 2 / s2 ** 2), m1, s1)),
                 lambda m1, s1, m2, s2: 0.5 * (-E(lambda x: (x - m1) ** 2, m1, s1) / s1 ** 2
                                               + (E(lambda x: x ** 2, m1, s1) - E(lambda x: 2 * m2 * x, m1, s1)
                                                  + E(lambda x: m2 ** 2, m1, s1)) / s2 ** 2
                                               - ln(s1 ** 2 / s2 ** 2)))


def c06_57():
    return chain(NORM1, lambda m, s: e_norm(lambda x: (x - m) ** 2, m, s),
                 lambda m, s: (lambda mean: e_norm(lambda x: (x - mean) ** 2, m, s))(float(stats.norm(m, s).mean())),
                 lambda m, s: float(stats.norm(m, s).var()))


def c06_61():
    return chain(NORM1, lambda m, s: float(stats.norm(m, s).var()), lambda m, s: s ** 2)


def c06_65():
    return chain(NORM1, lambda m, s: float(stats.norm(m, s).mean()), lambda m, s: m) and \
        chain(NORM1, lambda m, s: float(stats.norm(m, s).moment(2)), lambda m, s: m ** 2 + s ** 2)


def c06_69():
    return chain(NORM2, kl_norm,
                 lambda m1, s1, m2, s2: 0.5 * (-s1 ** 2 / s1 ** 2 + (m1 ** 2 + s1 ** 2 - 2 * m2 * m1 + m2 ** 2) / s2 ** 2
                                               - ln(s1 ** 2 / s2 ** 2)),
                 lambda m1, s1, m2, s2: 0.5 * ((m1 ** 2 - 2 * m1 * m2 + m2 ** 2) / s2 ** 2 + s1 ** 2 / s2 ** 2
                                               - ln(s1 ** 2 / s2 ** 2) - 1),
                 lambda m1, s1, m2, s2: 0.5 * ((m1 - m2) ** 2 / s2 ** 2 + s1 ** 2 / s2 ** 2 - ln(s1 ** 2 / s2 ** 2) - 1))


# 07: StatProofBook exp-mean
def mean_exp(lam):
    return float(stats.expon(scale=1 / lam).mean())


def c07_18():
    return chain(EXPO, mean_exp, lambda lam: 1 / lam)


def c07_22():
    return chain(EXPO, mean_exp, lambda lam: quad(lambda x: x * stats.expon.pdf(x, scale=1 / lam), 0, 80 / lam))


def c07_26():
    return chain(EXPO, mean_exp,
                 lambda lam: quad(lambda x: x * lam * math.exp(-lam * x), 0, 80 / lam),
                 lambda lam: lam * quad(lambda x: x * math.exp(-lam * x), 0, 80 / lam))


def antider(lam, x):
    return (-x / lam - 1 / lam ** 2) * math.exp(-lam * x)


def c07_33():
    # an antiderivative: its derivative (central difference, h = 1e-5) is the integrand
    h = 1e-5
    for lam in EXPO:
        for x in [0.0, 0.3, 1.1, 4.0]:
            d = (antider(lam, x + h) - antider(lam, x - h)) / (2 * h)
            if not close(d, x * math.exp(-lam * x), 1e-6):
                return False
    return True


def c07_37():
    return chain(EXPO, mean_exp,
                 lambda lam: lam * (antider(lam, 200 / lam) - antider(lam, 0)),
                 lambda lam: lam * (antider(lam, 200 / lam) - (-1 / lam * 0 - 1 / lam ** 2) * math.exp(-lam * 0)),
                 lambda lam: lam * (0 + 1 / lam ** 2),
                 lambda lam: 1 / lam)


# 08: kezhi.tech, entropy of a Gaussian
def c08_17():
    for m, s in NORM1:
        for x in [m - 1.0, m + 0.5, m + 2.0]:
            if not close(1 / math.sqrt(2 * math.pi * s ** 2) * math.exp(-(x - m) ** 2 / (2 * s)),
                         stats.norm.pdf(x, m, s)):
                return False
    return True


def c08_20():
    g = lambda x, m, s: 1 / math.sqrt(2 * math.pi * s ** 2) * math.exp(-(x - m) ** 2 / (2 * s ** 2))
    I = lambda f, m, s: quad(f, m - 12 * s, m + 12 * s, points=[m])
    return chain(NORM1, h_norm,
                 lambda m, s: -I(lambda x: stats.norm.pdf(x, m, s) * stats.norm.logpdf(x, m, s), m, s),
                 lambda m, s: -I(lambda x: g(x, m, s) * ln(g(x, m, s)) if g(x, m, s) > 0 else 0.0, m, s),
                 lambda m, s: -I(lambda x: g(x, m, s) * (-ln(math.sqrt(2 * math.pi * s ** 2)) - (x - m) ** 2 / (2 * s ** 2)), m, s),
                 lambda m, s: I(lambda x: ln(math.sqrt(2 * math.pi * s ** 2)) / math.sqrt(2 * math.pi * s ** 2)
                                * math.exp(-(x - m) ** 2 / (2 * s ** 2)), m, s)
                 + I(lambda x: g(x, m, s) * (x - m) ** 2 / (2 * s ** 2), m, s),
                 lambda m, s: ln(math.sqrt(2 * math.pi * s ** 2)) + 1 / math.sqrt(math.pi) * int_real(lambda t: math.exp(-t ** 2) * t ** 2),
                 lambda m, s: ln(math.sqrt(2 * math.pi * s ** 2)) + 0.5,
                 lambda m, s: 0.5 * (ln(2 * math.pi * s ** 2) + 1))


def c08_24():
    return close(int_real(lambda x: math.exp(-x ** 2)), math.sqrt(math.pi))


def c08_26():
    g = lambda x: math.exp(-x ** 2)
    vals = [int_real(lambda x: x ** 2 * g(x)),
            -0.5 * int_real(lambda x: x * (-2 * x) * g(x)),
            # x d(e^{-x^2}) = x (-2x e^{-x^2}) dx
            -0.5 * int_real(lambda x: x * (-2 * x * g(x))),
            -0.5 * ((20 * g(20) - (-20) * g(-20)) - int_real(g)),
            0.5 * int_real(g),
            math.sqrt(math.pi) / 2]
    return all(close(v, vals[0]) for v in vals)


# 09: Cross Validated, KL between two Poisson laws
def c09_18():
    return chain([1.3, 4.0], lambda lam: sum((lam ** k / math.factorial(k)) * math.exp(-lam) - stats.poisson.pmf(k, lam)
                                             for k in range(8)), lambda lam: 0.0)


def c09_20():
    for l1, l2 in POIS2:
        for k in range(7):
            lhs = stats.poisson.logpmf(k, l1) - stats.poisson.logpmf(k, l2)
            if not close(lhs, k * ln(l1 / l2) + l2 - l1):
                return False
    return True


def c09_22():
    return chain(POIS2, kl_pois, lambda l1, l2: l1 * ln(l1 / l2) + l2 - l1)


# 10: Qiita, KL between two Poisson laws
def c10_16():
    return all(close(math.exp(-lam) * lam ** k / math.factorial(k), stats.poisson.pmf(k, lam))
               for lam in [0.7, 3.1] for k in range(8))


def c10_18():
    return chain(POIS2, kl_pois,
                 lambda lp, lq: e_pois(lambda x: stats.poisson.logpmf(x, lp) - stats.poisson.logpmf(x, lq), lp))


def c10_20():
    def S(f, lp):  # sum over x = 0 .. KMAX-1 with the Poisson weight written out, in logs for large x
        return float(sum(math.exp(-lp + x * ln(lp) - special.gammaln(x + 1)) * f(x) for x in range(KMAX)))
    fac = math.factorial
    return chain(POIS2, kl_pois,
                 lambda lp, lq: S(lambda x: stats.poisson.logpmf(x, lp) - stats.poisson.logpmf(x, lq), lp),
                 lambda lp, lq: S(lambda x: (-lp + x * ln(lp) - special.gammaln(x + 1)) - (-lq + x * ln(lq) - special.gammaln(x + 1)), lp),
                 lambda lp, lq: S(lambda x: lq - lp + x * ln(lp / lq), lp),
                 lambda lp, lq: (lq - lp) * S(lambda x: 1.0, lp) + S(lambda x: x * ln(lp / lq), lp),
                 lambda lp, lq: lq - lp + S(lambda x: x * ln(lp / lq), lp),
                 # the term x = 0 holds 1/(-1)! = 1/Gamma(0) = 0
                 lambda lp, lq: lq - lp + float(sum(math.exp(-lp) * (lp ** (x - 1) * special.rgamma(x) if x >= 1 else 0.0)
                                                    * lp * ln(lp / lq) for x in range(KMAX))),
                 lambda lp, lq: lq - lp + float(sum(math.exp(-lp) * lp ** t / fac(t) * lp * ln(lp / lq) for t in range(KMAX))),
                 lambda lp, lq: lq - lp + math.exp(-lp) * math.exp(lp) * lp * ln(lp / lq))


# 11: math.SE 1804805, the answer
def c11_12():
    return chain([0.3, 1.0, 2.5], lambda s: 0.5 + ln(math.sqrt(2 * math.pi) * s),
                 lambda s: 0.5 + ln(math.sqrt(2 * math.pi * s ** 2)),
                 lambda s: 0.5 + 0.5 * ln(2 * math.pi * s ** 2),
                 lambda s: 0.5 * (1 + ln(2 * math.pi * s ** 2)),
                 lambda s: 0.5 * (ln(math.e) + ln(2 * math.pi * s ** 2)),
                 lambda s: 0.5 * ln(math.e * 2 * math.pi * s ** 2))


# 12: John D. Cook
def c12_19():
    return chain(NORM2, kl_norm, lambda m1, s1, m2, s2: -e_norm(
        lambda x: stats.norm.logpdf(x, m2, s2) - stats.norm.logpdf(x, m1, s1), m1, s1))


def c12_21():
    return c01_42()


# 13: KennethWang1221/Leetcode README
def c13_25():
    for m1, s1, m2, s2 in NORM2:
        for x in [-1.0, 0.4, 2.2]:
            if not (close(1 / (math.sqrt(2 * math.pi) * s1) * math.exp(-(x - m1) ** 2 / (2 * s1 ** 2)), stats.norm.pdf(x, m1, s1))
                    and close(1 / (math.sqrt(2 * math.pi) * s2) * math.exp(-(x - m2) ** 2 / (2 * s2 ** 2)), stats.norm.pdf(x, m2, s2))):
                return False
    return True


def c13_29():
    N = lambda x, m, s: 1 / (math.sqrt(2 * math.pi) * s) * math.exp(-(x - m) ** 2 / (2 * s ** 2))
    return chain(NORM2, kl_norm, lambda m1, s1, m2, s2: e_norm(lambda x: ln(N(x, m1, s1) / N(x, m2, s2)), m1, s1))


def c13_33():
    return chain(NORM2, kl_norm, lambda m1, s1, m2, s2: e_norm(
        lambda x: ln(s2 / s1) - (x - m1) ** 2 / (2 * s1 ** 2) + (x - m2) ** 2 / (2 * s2 ** 2), m1, s1))


def c13_37():
    return chain(NORM2, lambda m1, s1, m2, s2: e_norm(lambda x: (x - m1) ** 2, m1, s1), lambda m1, s1, m2, s2: s1 ** 2)


def c13_40():
    return chain(NORM2, lambda m1, s1, m2, s2: e_norm(lambda x: (x - m2) ** 2, m1, s1),
                 lambda m1, s1, m2, s2: s1 ** 2 + (m1 - m2) ** 2)


def c13_44():
    return chain(NORM2, kl_norm,
                 lambda m1, s1, m2, s2: ln(s2 / s1) - 0.5 + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2))


# 14: cs.SE 122082, the question (Q is N(0, 1))
STD = [(m, s, 0.0, 1.0) for m, s in NORM1]


def c14_17():
    E = e_norm
    return chain(STD, kl_norm,
                 lambda m, s, *_: E(lambda x: ln((1 / math.sqrt(2 * math.pi * s ** 2) * math.exp(-(x - m) ** 2 / (2 * s ** 2)))
                                                 / (1 / math.sqrt(2 * math.pi) * math.exp(-x ** 2 / 2))), m, s),
                 lambda m, s, *_: E(lambda x: ln((1 / s ** 2) ** 0.5), m, s)
                 + E(lambda x: -(x - m) ** 2 / (2 * s ** 2) + x ** 2 / 2, m, s),
                 lambda m, s, *_: 0.5 * ln(1 / s ** 2) * E(lambda x: 1.0, m, s)
                 + 1 / (2 * s ** 2) * (-E(lambda x: (x - m) ** 2, m, s)) + 0.5 * E(lambda x: x ** 2, m, s))


def c14_19():
    return chain(NORM1, lambda m, s: e_norm(lambda x: x ** 2, m, s),
                 lambda m, s: float(stats.norm(m, s).var()) - float(stats.norm(m, s).mean()) ** 2,
                 lambda m, s: s ** 2 - m ** 2)


def c14_21():
    return chain(NORM1, lambda m, s: e_norm(lambda x: 1.0, m, s), lambda m, s: 1.0)


def c14_22():
    return chain(NORM1, lambda m, s: -e_norm(lambda x: (x - m) ** 2, m, s),
                 lambda m, s: float(stats.norm(m, s).var()), lambda m, s: -s ** 2)


def c14_25():
    return chain(STD, kl_norm,
                 lambda m, s, *_: -0.5 * ln(s ** 2) - 0.5 + s ** 2 / 2 - m ** 2 / 2,
                 lambda m, s, *_: -0.5 * (ln(s ** 2) + 1 - s ** 2 + m ** 2))


def c14_30():
    return chain(STD, kl_norm, lambda m, s, *_: -0.5 * (ln(s ** 2) + 1 - s ** 2 - m ** 2))


# 15: Cross Validated 318184, the question (KL_loss: the KL of N(mu_1, sigma_1^2) from the prior)
def c15_18():
    return chain(NORM2, kl_norm, lambda m1, s1, m2, s2: ln(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5)


def c15_20():
    return chain(STD, kl_norm, lambda m, s, *_: -ln(s) + (s ** 2 + m ** 2) / 2 - 0.5)


def c15_22():
    return chain(STD, kl_norm, lambda m, s, *_: -0.5 * (2 * ln(s) - s ** 2 - m ** 2 + 1),
                 lambda m, s, *_: -0.5 * (ln(s) - s - m ** 2 + 1))


# 16: math.SE, two Laplace laws with different locations (the question)
def c16_19():
    return chain(LAP2, kl_lap,
                 lambda m1, b1, m2, b2: e_lap(lambda x: stats.laplace.logpdf(x, m1, b1) - stats.laplace.logpdf(x, m2, b2), m1, b1),
                 lambda m1, b1, m2, b2: e_lap(lambda x: ln(b2 / b1) - abs(x - m1) / b1 + abs(x - m2) / b2, m1, b1),
                 lambda m1, b1, m2, b2: ln(b2 / b1) - e_lap(lambda x: abs(x - m1), m1, b1) / b1
                 + e_lap(lambda x: abs(x - m2), m1, b1) / b2)


def c16_29():
    return chain(LAP2, kl_lap, lambda m1, b1, m2, b2: ln(b2 / b1) - 1 + b1 / b2)


# 17: math.SE, a negative KL between two Laplace laws (question and answer)
LAPS = [(m, b1, m, b2) for m, b1, b2 in LAP1]


def c17_19():
    return chain(LAPS, kl_lap,
                 lambda m, b1, m2, b2: quad(lambda x: stats.laplace.pdf(x, m, b1) * ln(stats.laplace.pdf(x, m, b1) / stats.laplace.pdf(x, m, b2)),
                                            m - 60 * b1, m, ) + quad(lambda x: stats.laplace.pdf(x, m, b1) * ln(stats.laplace.pdf(x, m, b1) / stats.laplace.pdf(x, m, b2)),
                                                                     m, m + 60 * b1))


def c17_21():
    for m, b1, _, b2 in LAPS:
        kl = kl_lap(m, b1, m, b2)
        neg = -e_lap(lambda x: stats.laplace.logpdf(x, m, b2) - stats.laplace.logpdf(x, m, b1), m, b1)
        ratio = e_lap(lambda x: stats.laplace.pdf(x, m, b2) / stats.laplace.pdf(x, m, b1), m, b1)
        total = quad(lambda x: stats.laplace.pdf(x, m, b2), m - 80 * b2, m) + quad(lambda x: stats.laplace.pdf(x, m, b2), m, m + 80 * b2)
        if not (close(kl, neg) and neg >= ln(ratio) - TOL and close(ln(ratio), ln(total), 1e-6)
                and close(ln(total), 0.0) and close(math.log(1), 0.0)):
            return False
    return True


def c17_23():
    return chain(LAPS, kl_lap,
                 lambda m, b1, m2, b2: e_lap(lambda x: (ln(1 / (2 * b1)) - abs(x - m) / b1) - (ln(1 / (2 * b2)) - abs(x - m) / b2), m, b1),
                 lambda m, b1, m2, b2: ln(b2 / b1) - 1 + b1 / b2)


def c17_25():
    return all(ln(x) >= 1 - 1 / x - 1e-15 and ln(x) - 1 + 1 / x >= -1e-15 for x in POS)


# 18: Cross Validated, deriving the VAE's KL term (multivariate)
def kl_diag_std(mu, sd):
    return sum(kl_norm(m, s, 0.0, 1.0) for m, s in zip(mu, sd))


def mvn_kl_quad(m1, S1, m2, S2):
    """KL between two multivariate normals: the expectation under the first of the difference of
    scipy's log densities, by tensor Gauss-Hermite quadrature (10 nodes a dimension; exact here,
    the log ratio being a quadratic)."""
    p, q = stats.multivariate_normal(m1, S1), stats.multivariate_normal(m2, S2)
    z, w = np.polynomial.hermite_e.hermegauss(10)
    w = w / math.sqrt(2 * math.pi)
    L = np.linalg.cholesky(S1)
    n = len(m1)
    grid = np.array(np.meshgrid(*[z] * n, indexing="ij")).reshape(n, -1).T
    weights = np.prod(np.array(np.meshgrid(*[w] * n, indexing="ij")).reshape(n, -1).T, axis=1)
    xs = m1 + grid @ L.T
    return float(np.sum(weights * (p.logpdf(xs) - q.logpdf(xs))))


def c18_25():
    cases = [(np.array([0.2, -0.5]), np.array([[1.0, 0.3], [0.3, 0.8]]), np.array([1.0, 0.4]), np.array([[1.5, -0.2], [-0.2, 0.9]])),
             (np.array([0.0, 0.0]), np.array([[0.6, 0.0], [0.0, 1.4]]), np.array([-0.7, 0.5]), np.array([[1.0, 0.5], [0.5, 1.2]]))]
    for m1, S1, m2, S2 in cases:
        n = len(m1)
        S2i = np.linalg.inv(S2)
        closed = 0.5 * (ln(np.linalg.det(S2) / np.linalg.det(S1)) - n + np.trace(S2i @ S1) + (m2 - m1) @ S2i @ (m2 - m1))
        if not close(mvn_kl_quad(m1, S1, m2, S2), closed):
            return False
    return True


def c18_29():
    for mu, sd in VEC:
        n, S, I = len(mu), np.diag(sd ** 2), np.eye(len(mu))
        zero = np.zeros(n)
        vals = [kl_diag_std(mu, sd),
                0.5 * (ln(np.linalg.det(I) / np.linalg.det(S)) - n + np.trace(np.linalg.inv(I) @ S) + (zero - mu) @ np.linalg.inv(I) @ (zero - mu)),
                0.5 * (-ln(np.linalg.det(S)) - n + np.trace(S) + mu @ mu),
                0.5 * (-ln(np.prod(sd ** 2)) - n + np.sum(sd ** 2) + np.sum(mu ** 2)),
                0.5 * (-np.sum(np.log(sd ** 2)) - n + np.sum(sd ** 2) + np.sum(mu ** 2)),
                0.5 * (-np.sum(np.log(sd ** 2) + 1) + np.sum(sd ** 2) + np.sum(mu ** 2))]
        if not all(close(v, vals[0]) for v in vals):
            return False
    return True


# 19: a README transcribing Kingma & Welling, appendix B
def c19_19():
    for mu, sd in VEC:
        J = len(mu)
        cross = sum(e_norm(lambda z: stats.norm.logpdf(z, 0, 1), m, s) for m, s in zip(mu, sd))
        if not close(cross, -J / 2 * ln(2 * math.pi) - 0.5 * np.sum(mu ** 2 + sd ** 2)):
            return False
    return True


def c19_26():
    for mu, sd in VEC:
        J = len(mu)
        negent = -sum(float(stats.norm(m, s).entropy()) for m, s in zip(mu, sd))
        if not close(negent, -J / 2 * ln(2 * math.pi) - 0.5 * np.sum(1 + np.log(sd ** 2))):
            return False
    return True


def c19_33():
    for mu, sd in VEC:
        direct = sum(e_norm(lambda z: stats.norm.logpdf(z, 0, 1) - stats.norm.logpdf(z, m, s), m, s) for m, s in zip(mu, sd))
        if not (close(-kl_diag_std(mu, sd), direct)
                and close(direct, 0.5 * np.sum(1 + np.log(sd ** 2) - mu ** 2 - sd ** 2))):
            return False
    return True


# 20: Cross Validated, "Mysteriously defined KL-divergence term" (question and answer 2)
def c20_17():
    P = np.array([0.1, 0.2, 0.3, 0.4]); Q = np.array([0.25, 0.25, 0.3, 0.2])
    return close(float(stats.entropy(P, Q)), float(-np.sum(P * np.log(Q / P))))


UNIT2 = [(m1, s, m2, 1.0) for (m1, s, m2, _) in NORM2]


def c20_19():
    return chain(UNIT2, kl_norm, lambda m1, s, m2, _: -0.5 * (1 + ln(s ** 2) - (m1 - m2) ** 2 - s ** 2))


def c20_21():
    return chain(UNIT2, kl_norm, lambda m1, s, m2, _: -0.5 - ln(s) + 0.5 * (m1 - m2) ** 2 + 0.5 * s ** 2)


# 21: Cross Validated, why a line of PyTorch is the KL
def c21_19():
    return chain(NORM2, kl_norm, lambda m1, s1, m2, s2: e_norm(lambda x: stats.norm.logpdf(x, m1, s1), m1, s1)
                 - e_norm(lambda x: stats.norm.logpdf(x, m2, s2), m1, s1))


def c21_31():
    return chain(NORM2, lambda m1, s1, m2, s2: -e_norm(lambda x: stats.norm.logpdf(x, m2, s2), m1, s1),
                 lambda m1, s1, m2, s2: 0.5 * ln(2 * math.pi * s2 ** 2) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2))


def c21_35():
    return chain(NORM2, kl_norm, lambda m1, s1, m2, s2: ln(s2) - ln(s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5)


# 22: errorhandle.ai, the formula as written (sigma_q2 = 2 sigma_q, (mu_p - mu_q)2 = 2 (mu_p - mu_q))
def c22_17():
    return chain(NORM2, kl_norm, lambda m1, s1, m2, s2: 0.5 * (ln((s2 * 2) / (s1 * 2)) + (s1 ** 2 + (m1 - m2) * 2) / (s2 * 2) - 1))


# 23-25: MIT 18.650 problem set 3 solutions (first version, then corrected)
NORM_AB = [(0.3, 1.2, 0.8), (2.0, -0.5, 1.5), (1.0, 1.4, 0.6)]  # a, b, sigma
BERN_AB = BERN2


def c23_12():
    return chain(NORM_AB, lambda a, b, s: kl_norm(a, s, b, s), lambda a, b, s: a - b)


def c23_15():
    return chain(BERN_AB, kl_bern, lambda a, b: a - b)


def c24_17():
    return chain(NORM_AB, lambda a, b, s: kl_norm(a, s, b, s),
                 lambda a, b, s: e_norm(lambda x: stats.norm.logpdf(x, a, s) - stats.norm.logpdf(x, b, s), a, s),
                 lambda a, b, s: e_norm(lambda x: stats.norm.logpdf(x, a, s), a, s) - e_norm(lambda x: stats.norm.logpdf(x, b, s), a, s),
                 lambda a, b, s: (a - b) ** 2 / (2 * s ** 2))


def c25_17():
    return chain(BERN_AB, kl_bern, bern_sum, lambda a, b: a * ln(a / b) + (1 - a) * ln((1 - a) / (1 - b)))


# 26: Cross Validated, can a KL divergence exceed 1 (the question's discrete definition)
def c26_19():
    ok = True
    for w, v in [([0.1, 0.2, 0.3, 0.4], [0.25, 0.25, 0.3, 0.2]), ([0.7, 0.3], [0.05, 0.95])]:
        w, v = np.array(w), np.array(v)
        ok &= close(float(stats.entropy(w, v)), float(np.sum(w * np.log(w / v))))
    return ok


# 27: StatProofBook gam-kl
def kl_gam(a1, b1, a2, b2):
    d1, d2 = stats.gamma(a1, scale=1 / b1), stats.gamma(a2, scale=1 / b2)
    return e_gam(lambda x: d1.logpdf(x) - d2.logpdf(x) if x > 0 else 0.0, a1, b1)


GAM2 = [(1.5, 0.7, 3.2, 2.0), (3.2, 2.0, 0.8, 1.3), (2.0, 1.0, 2.5, 0.6)]


def gam_closed(a1, b1, a2, b2):
    return a2 * ln(b1 / b2) - ln(special.gamma(a1) / special.gamma(a2)) + (a1 - a2) * special.digamma(a1) - (b1 - b2) * a1 / b1


def c27_26():
    return chain(GAM2, kl_gam, gam_closed)


def gam_pdf(x, a, b):
    return b ** a / special.gamma(a) * x ** (a - 1) * math.exp(-b * x)


def c27_30():
    return chain(GAM2, kl_gam, lambda a1, b1, a2, b2: e_gam(lambda x: ln(gam_pdf(x, a1, b1) / gam_pdf(x, a2, b2)) if x > 0 else 0.0, a1, b1))


def c27_34():
    top = lambda a1, b1: stats.gamma(a1, scale=1 / b1).ppf(1 - 1e-15)
    return chain(GAM2, kl_gam,
                 lambda a1, b1, a2, b2: quad(lambda x: gam_pdf(x, a1, b1) * ln(gam_pdf(x, a1, b1) / gam_pdf(x, a2, b2)) if x > 0 else 0.0,
                                             0, top(a1, b1), points=[a1 / b1]),
                 lambda a1, b1, a2, b2: e_gam(lambda x: ln(gam_pdf(x, a1, b1) / gam_pdf(x, a2, b2)) if x > 0 else 0.0, a1, b1))


def c27_41():
    E = lambda f, a1, b1: e_gam(lambda x: f(x) if x > 0 else 0.0, a1, b1)
    return chain(GAM2, kl_gam,
                 lambda a1, b1, a2, b2: E(lambda x: ln((b1 ** a1 / special.gamma(a1) * x ** (a1 - 1) * math.exp(-b1 * x))
                                                       / (b2 ** a2 / special.gamma(a2) * x ** (a2 - 1) * math.exp(-b2 * x))), a1, b1),
                 lambda a1, b1, a2, b2: E(lambda x: ln(b1 ** a1 / b2 ** a2 * special.gamma(a2) / special.gamma(a1) * x ** (a1 - a2)
                                                       * math.exp(-(b1 - b2) * x)), a1, b1),
                 lambda a1, b1, a2, b2: E(lambda x: a1 * ln(b1) - a2 * ln(b2) - special.gammaln(a1) + special.gammaln(a2)
                                          + (a1 - a2) * ln(x) - (b1 - b2) * x, a1, b1))


def c27_49():
    return chain(GAM, lambda a, b: float(stats.gamma(a, scale=1 / b).mean()), lambda a, b: a / b) and \
        chain(GAM, lambda a, b: e_gam(lambda x: ln(x) if x > 0 else 0.0, a, b), lambda a, b: special.digamma(a) - ln(b))


def c27_56():
    return chain(GAM2, kl_gam,
                 lambda a1, b1, a2, b2: a1 * ln(b1) - a2 * ln(b2) - special.gammaln(a1) + special.gammaln(a2)
                 + (a1 - a2) * (special.digamma(a1) - ln(b1)) - (b1 - b2) * a1 / b1,
                 lambda a1, b1, a2, b2: a2 * ln(b1) - a2 * ln(b2) - special.gammaln(a1) + special.gammaln(a2)
                 + (a1 - a2) * special.digamma(a1) - (b1 - b2) * a1 / b1)


# 28: Garnett's EP notes, the KL definition without its log (instantiated with two normal laws)
def c28_17():
    return chain(NORM2, kl_norm, lambda m1, s1, m2, s2: e_norm(lambda x: math.exp(lognorm(x, m1, s1) - lognorm(x, m2, s2)), m1, s1))


# 29: mr-easy's blog, KL between two multivariate normals with full covariances
MVN2 = [(np.array([0.2, -0.5]), np.array([[1.0, 0.3], [0.3, 0.8]]), np.array([1.0, 0.4]), np.array([[1.5, -0.2], [-0.2, 0.9]])),
        (np.array([0.0, 0.7]), np.array([[0.6, -0.25], [-0.25, 1.4]]), np.array([-0.7, 0.5]), np.array([[1.0, 0.5], [0.5, 1.2]]))]
MVN3 = [(np.array([0.3, -1.0, 0.5]), np.array([[1.2, 0.2, -0.1], [0.2, 0.7, 0.15], [-0.1, 0.15, 0.9]]),
         np.array([-0.4, 0.2, 1.1]), np.array([[0.8, -0.1, 0.05], [-0.1, 1.5, 0.3], [0.05, 0.3, 1.1]]))]
MVN = MVN2 + MVN3


def e_mvn(f, m, S):
    """E[f(x)] for x ~ N(m, S) by tensor Gauss-Hermite quadrature (10 nodes a dimension, exact for
    polynomials of degree up to 19 in each coordinate); f maps an (N, k) array of points to N values."""
    z, w = np.polynomial.hermite_e.hermegauss(10)
    w = w / math.sqrt(2 * math.pi)
    n = len(m)
    grid = np.array(np.meshgrid(*[z] * n, indexing="ij")).reshape(n, -1).T
    weights = np.prod(np.array(np.meshgrid(*[w] * n, indexing="ij")).reshape(n, -1).T, axis=1)
    return np.tensordot(weights, f(m + grid @ np.linalg.cholesky(S).T), axes=(0, 0))


def quadform(xs, m, S):
    d = xs - m
    return np.einsum("ni,ij,nj->n", d, np.linalg.inv(S), d)


def mvn_chain(*members):
    for m1, S1, m2, S2 in MVN:
        vals = [f(m1, S1, m2, S2) for f in members]
        if not all(close(v, vals[0]) for v in vals[1:]):
            return False
    return True


def c29_23():
    # the integral over the plane by nested quadrature (the log densities written out: scipy's are slow
    # per point), against the Gauss-Hermite expectation of scipy's log densities
    def logpdf(m, S):
        Si, c = np.linalg.inv(S), -0.5 * ln((2 * math.pi) ** 2 * np.linalg.det(S))
        return lambda x, y: c - 0.5 * (Si[0, 0] * (x - m[0]) ** 2 + 2 * Si[0, 1] * (x - m[0]) * (y - m[1]) + Si[1, 1] * (y - m[1]) ** 2)
    for m1, S1, m2, S2 in MVN2:
        lp, lq = logpdf(m1, S1), logpdf(m2, S2)
        sd = np.sqrt(np.diag(S1))
        val, _ = integrate.dblquad(lambda y, x: math.exp(lp(x, y)) * (lp(x, y) - lq(x, y)),
                                   m1[0] - 10 * sd[0], m1[0] + 10 * sd[0], m1[1] - 10 * sd[1], m1[1] + 10 * sd[1],
                                   epsabs=1e-10, epsrel=1e-10)
        if not close(mvn_kl_quad(m1, S1, m2, S2), val):
            return False
    return True


def c29_25():
    for m, S, _, _ in MVN:
        k = len(m)
        for x in [m + 0.3, m - np.linspace(0.5, 1.0, k), np.zeros(k)]:
            d = x - m
            written = 1 / ((2 * math.pi) ** (k / 2) * np.linalg.det(S) ** 0.5) * math.exp(-0.5 * d @ np.linalg.inv(S) @ d)
            if not close(written, stats.multivariate_normal(m, S).pdf(x)):
                return False
    return True


def c29_27():
    ld = lambda S1, S2: ln(np.linalg.det(S2) / np.linalg.det(S1))
    return mvn_chain(mvn_kl_quad,
                     lambda m1, S1, m2, S2: e_mvn(lambda xs: stats.multivariate_normal(m1, S1).logpdf(xs)
                                                  - stats.multivariate_normal(m2, S2).logpdf(xs), m1, S1),
                     lambda m1, S1, m2, S2: e_mvn(lambda xs: 0.5 * ld(S1, S2) - 0.5 * quadform(xs, m1, S1)
                                                  + 0.5 * quadform(xs, m2, S2), m1, S1),
                     lambda m1, S1, m2, S2: 0.5 * e_mvn(lambda xs: ld(S1, S2) + 0 * xs[:, 0], m1, S1)
                     - 0.5 * e_mvn(lambda xs: quadform(xs, m1, S1), m1, S1) + 0.5 * e_mvn(lambda xs: quadform(xs, m2, S2), m1, S1),
                     lambda m1, S1, m2, S2: 0.5 * ld(S1, S2)
                     - 0.5 * e_mvn(lambda xs: quadform(xs, m1, S1), m1, S1) + 0.5 * e_mvn(lambda xs: quadform(xs, m2, S2), m1, S1))


def c29_41():
    for m, S, _, _ in MVN:
        outer = e_mvn(lambda xs: np.einsum("ni,nj->nij", xs - m, xs - m), m, S)
        if not all(close(outer[i, j], S[i, j]) for i in range(len(m)) for j in range(len(m))):
            return False
    return True


def c29_45():
    return mvn_chain(lambda m1, S1, m2, S2: e_mvn(lambda xs: quadform(xs, m2, S2), m1, S1),
                     lambda m1, S1, m2, S2: (m1 - m2) @ np.linalg.inv(S2) @ (m1 - m2) + np.trace(np.linalg.inv(S2) @ S1))


def c29_47():
    return mvn_chain(mvn_kl_quad,
                     lambda m1, S1, m2, S2: 0.5 * (ln(np.linalg.det(S2) / np.linalg.det(S1)) - len(m1)
                                                   + (m1 - m2) @ np.linalg.inv(S2) @ (m1 - m2) + np.trace(np.linalg.inv(S2) @ S1)))


def c29_51():
    # the post's special case: q is the standard normal N(0, I)
    for m, S, _, _ in MVN:
        k = len(m)
        if not close(mvn_kl_quad(m, S, np.zeros(k), np.eye(k)), 0.5 * (m @ m + np.trace(S) - k - ln(np.linalg.det(S)))):
            return False
    return True


# 30, 31, 33: a one-dimensional linear-Gaussian latent model instantiates the open model of the notes:
# prior N(0, 1), likelihood N(x; z, s^2), hence evidence N(x; 0, 1 + s^2) and posterior
# N(z; x/(1+s^2), s^2/(1+s^2)); the approximate posterior (encoder) is N(m, v^2).
LGM = [(0.7, 0.8, 0.2, 0.6), (-1.3, 1.5, -0.5, 0.9), (2.0, 0.5, 1.2, 0.3)]  # x, s, m, v


def lg_prior(z):
    return lognorm(z, 0.0, 1.0)


def lg_lik(x, z, s):
    return lognorm(x, z, s)


def lg_evidence(x, s):
    return lognorm(x, 0.0, math.sqrt(1 + s ** 2))


def lg_post(z, x, s):
    return lognorm(z, x / (1 + s ** 2), s / math.sqrt(1 + s ** 2))


def lg_joint(x, z, s):
    return lg_lik(x, z, s) + lg_prior(z)


def c30_32():
    # argmax of a product of densities and of the sum of their logs, over a grid of the parameter
    # (the family p_theta(x) = N(x; 0, 1 + theta^2), the evidence of the instantiated model)
    data = np.array([0.3, -1.1, 2.0, 0.7, -0.2])
    grid = np.linspace(0.05, 3.0, 2951)
    prod = np.array([np.prod(stats.norm.pdf(data, 0, math.sqrt(1 + t ** 2))) for t in grid])
    sumlog = np.array([np.sum(np.log(stats.norm.pdf(data, 0, math.sqrt(1 + t ** 2)))) for t in grid])
    return int(np.argmax(prod)) == int(np.argmax(sumlog))


def c30_36():
    return chain(LGM, lambda x, s, m, v: stats.norm.pdf(x, 0, math.sqrt(1 + s ** 2)),
                 lambda x, s, m, v: quad(lambda z: math.exp(lg_lik(x, z, s) + lg_prior(z)), -40, 40, points=[x / (1 + s ** 2)]))


def lg_kl_post(x, s, m, v):
    return kl_norm(m, v, x / (1 + s ** 2), s / math.sqrt(1 + s ** 2))


def c30_40():
    E = lambda f, m, v: e_norm(f, m, v)
    return chain(LGM, lg_kl_post,
                 lambda x, s, m, v: E(lambda z: lognorm(z, m, v) - lg_post(z, x, s), m, v),
                 lambda x, s, m, v: E(lambda z: lognorm(z, m, v) + lg_evidence(x, s) - lg_joint(x, z, s), m, v),
                 lambda x, s, m, v: E(lambda z: lg_evidence(x, s) + lognorm(z, m, v) - lg_joint(x, z, s), m, v),
                 lambda x, s, m, v: lg_evidence(x, s) + E(lambda z: lognorm(z, m, v) - lg_joint(x, z, s), m, v),
                 lambda x, s, m, v: lg_evidence(x, s) + E(lambda z: lognorm(z, m, v) - (lg_lik(x, z, s) + lg_prior(z)), m, v),
                 lambda x, s, m, v: lg_evidence(x, s) + E(lambda z: lognorm(z, m, v) - lg_prior(z) - lg_lik(x, z, s), m, v),
                 lambda x, s, m, v: lg_evidence(x, s) + kl_norm(m, v, 0.0, 1.0) - E(lambda z: lg_lik(x, z, s), m, v))


def c30_53():
    return chain(LGM, lg_kl_post,
                 lambda x, s, m, v: lg_evidence(x, s) + kl_norm(m, v, 0.0, 1.0) - e_norm(lambda z: lg_lik(x, z, s), m, v))


def c30_57():
    return chain(LGM, lambda x, s, m, v: lg_evidence(x, s) - lg_kl_post(x, s, m, v),
                 lambda x, s, m, v: e_norm(lambda z: lg_lik(x, z, s), m, v) - kl_norm(m, v, 0.0, 1.0))


def lg_loss(x, s, m, v):
    """The loss as the post defines it: minus the evidence plus the KL to the true posterior."""
    return -lg_evidence(x, s) + lg_kl_post(x, s, m, v)


def c30_61():
    # the third row (theta*, phi* = argmin) names the minimisers and is not evaluated
    return chain(LGM, lg_loss,
                 lambda x, s, m, v: -e_norm(lambda z: math.exp(lg_lik(x, z, s)), m, v) + kl_norm(m, v, 0.0, 1.0))


def c30_71():
    for x, s, m, v in LGM:
        low = lg_evidence(x, s) - lg_kl_post(x, s, m, v)
        if not (close(lg_loss(x, s, m, v), low) and low <= lg_evidence(x, s)):
            return False
    return True


# 31: Agustinus Kristiadi's VAE post, first version (E[.] is under Q(z|X); the same model with X for x,
# the encoder N(mu, Sigma) with Sigma its variance)
def c31_28():
    return c30_36()


def c31_30():
    return chain(LGM, lg_kl_post,
                 # the sum over z weighted by the prior P(z), as written (an integral for a continuous z)
                 lambda x, s, m, v: e_norm(lambda z: lognorm(z, m, v) - lg_post(z, x, s), 0.0, 1.0),
                 lambda x, s, m, v: e_norm(lambda z: lognorm(z, m, v) - lg_post(z, x, s), m, v))


def c31_39():
    E = lambda f, m, v: e_norm(f, m, v)
    return chain(LGM, lg_kl_post,
                 lambda x, s, m, v: E(lambda z: lognorm(z, m, v) - math.log(math.exp(lg_lik(x, z, s)) * math.exp(lg_prior(z))
                                                                             / math.exp(lg_evidence(x, s))), m, v),
                 lambda x, s, m, v: E(lambda z: lognorm(z, m, v) - (lg_lik(x, z, s) + lg_prior(z) - lg_evidence(x, s)), m, v),
                 lambda x, s, m, v: E(lambda z: lognorm(z, m, v) - lg_lik(x, z, s) - lg_prior(z) + lg_evidence(x, s), m, v))


def lg_bracket(x, s, m, v):
    """E_Q[log Q - log P(X|z) - log P(z)]"""
    return e_norm(lambda z: lognorm(z, m, v) - lg_lik(x, z, s) - lg_prior(z), m, v)


def c31_47():
    return chain(LGM, lg_kl_post, lambda x, s, m, v: lg_bracket(x, s, m, v) + lg_evidence(x, s)) and \
        chain(LGM, lambda x, s, m, v: lg_kl_post(x, s, m, v) - lg_evidence(x, s), lg_bracket)


def c31_54():
    E = lambda f, m, v: e_norm(f, m, v)
    return chain(LGM, lambda x, s, m, v: lg_kl_post(x, s, m, v) - lg_evidence(x, s), lg_bracket) and \
        chain(LGM, lambda x, s, m, v: lg_evidence(x, s) - lg_kl_post(x, s, m, v),
              lambda x, s, m, v: E(lambda z: lg_lik(x, z, s) - (lognorm(z, m, v) - lg_prior(z)), m, v),
              lambda x, s, m, v: E(lambda z: lg_lik(x, z, s), m, v) - E(lambda z: lognorm(z, m, v) - lg_prior(z), m, v),
              lambda x, s, m, v: E(lambda z: lg_lik(x, z, s), m, v) - kl_norm(m, v, 0.0, 1.0))


def c31_63():
    return c30_57()


def c31_67():
    # a full covariance Sigma(X): the trace, the quadratic form and the log-determinant
    for m, S, _, _ in MVN:
        k = len(m)
        if not close(mvn_kl_quad(m, S, np.zeros(k), np.eye(k)), 0.5 * (np.trace(S) + m @ m - k - ln(np.linalg.det(S)))):
            return False
    return True


def c31_75():
    # Sigma(X) a vector of variances (a diagonal covariance)
    for mu, sd in VEC:
        var = sd ** 2
        vals = [kl_diag_std(mu, sd),
                0.5 * (np.sum(var) + np.sum(mu ** 2) - np.sum(np.ones_like(mu)) - ln(np.prod(var))),
                0.5 * (np.sum(var) + np.sum(mu ** 2) - np.sum(np.ones_like(mu)) - np.sum(np.log(var))),
                0.5 * np.sum(var + mu ** 2 - 1 - np.log(var))]
        if not all(close(v, vals[0]) for v in vals[1:]):
            return False
    return True


def c31_84():
    # the post now writes Sigma(X) for the log-variance the network outputs
    for mu, sd in VEC:
        logvar = np.log(sd ** 2)
        if not close(kl_diag_std(mu, sd), 0.5 * np.sum(np.exp(logvar) + mu ** 2 - 1 - logvar)):
            return False
    return True


# 32: math.SE 2503428, the derivative of the binary cross-entropy (one example, m = 1)
BCE = [(1.0, 0.3), (0.0, 0.6), (1.0, 0.85), (0.0, 0.1), (0.4, 0.7)]  # y, y hat


def dnum(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def c32_20():
    J = lambda y, t: -(y * ln(t) + (1 - y) * ln(1 - t))
    return chain(BCE, lambda y, t: dnum(lambda u: J(y, u), t),
                 lambda y, t: -1 * dnum(lambda u: y * ln(u) + (1 - y) * ln(1 - u), t),
                 lambda y, t: -1 * (dnum(lambda u: y * ln(u), t) + dnum(lambda u: (1 - y) * ln(1 - u), t)),
                 lambda y, t: -1 * (y / t + (1 - y) / (1 - t)))


def c32_29():
    J = lambda y, t: -(y * ln(t) + (1 - y) * ln(1 - t))
    return chain(BCE, lambda y, t: dnum(lambda u: J(y, u), t), lambda y, t: -1 * (y / t - (1 - y) / (1 - t)))


def c32_35():
    # vectors of m = 3 examples; a differential is evaluated along a direction d (by central differences)
    cases = [(np.array([1.0, 0.0, 1.0]), np.array([0.3, 0.6, 0.85]), np.array([0.5, -1.0, 0.25])),
             (np.array([0.0, 0.4, 1.0]), np.array([0.1, 0.7, 0.45]), np.array([-0.3, 0.8, 1.2]))]
    h = 1e-6
    for y, t, d in cases:
        m = len(y)
        J = lambda u: -1 / m * np.sum(y * np.log(u) + (1 - y) * np.log(1 - u))
        L = lambda u: np.sum(y * np.log(u) + (1 - y) * np.log(1 - u))
        dd = lambda f: (f(t + h * d) - f(t - h * d)) / (2 * h)  # the differential of f at t along d
        if not close(L(t), -m * J(t)):
            return False
        vals = [dd(L),
                y @ dd(np.log) + (1 - y) @ dd(lambda u: np.log(1 - u)),
                (y / t) @ d + ((1 - y) / (1 - t)) @ dd(lambda u: 1 - u),
                (y / t - (1 - y) / (1 - t)) @ d,
                ((y - t) / (t - t * t)) @ d]
        if not all(close(v, vals[0]) for v in vals[1:]):
            return False
        grad = np.array([dnum(lambda u: L(t + (u - t[i]) * np.eye(m)[i]), t[i]) for i in range(m)])
        if not all(close(g, w) for g, w in zip(grad, (y - t) / (t - t * t))):
            return False
    return True


# 33: StatProofBook fren-dec (theta for z, y for x in the latent model above)
def fe(y, s, m, v):
    """The free energy: E_q[log p(y, theta) - log q(theta)], by quadrature."""
    return e_norm(lambda t: lg_joint(y, t, s) - lognorm(t, m, v), m, v)


def h_q(m, v):
    return float(stats.norm(m, v).entropy())


def c33_26():
    return chain(LGM, fe, lambda y, s, m, v: lg_evidence(y, s) - lg_kl_post(y, s, m, v))


def c33_30():
    return chain(LGM, fe, lambda y, s, m, v: e_norm(lambda t: lg_lik(y, t, s), m, v) - kl_norm(m, v, 0.0, 1.0))


def c33_34():
    return chain(LGM, fe, lambda y, s, m, v: e_norm(lambda t: lg_joint(y, t, s), m, v) - h_q(m, v))


def c33_39():
    return chain(LGM, lambda y, s, m, v: lg_evidence(y, s), lambda y, s, m, v: ln(quad(lambda t: math.exp(lg_joint(y, t, s)), -40, 40, points=[y / (1 + s ** 2)])))


def c33_43():
    # the integral of q/q = 1 over Theta = R diverges; over [-50, 50] it is already 100
    return chain(LGM, lambda y, s, m, v: lg_evidence(y, s),
                 lambda y, s, m, v: ln(quad(lambda t: math.exp(lognorm(t, m, v) - lognorm(t, m, v)), -50, 50)),
                 lambda y, s, m, v: ln(e_norm(lambda t: math.exp(lg_joint(y, t, s) - lognorm(t, m, v)), m, v)))


def c33_52():
    for y, s, m, v in LGM:
        lhs = ln(e_norm(lambda t: math.exp(lg_joint(y, t, s) - lognorm(t, m, v)), m, v))
        if not lhs >= fe(y, s, m, v) - TOL:
            return False
    return True


def c33_61():
    E = e_norm
    return chain(LGM, fe,
                 lambda y, s, m, v: E(lambda t: lg_joint(y, t, s) - lognorm(t, m, v), m, v),
                 lambda y, s, m, v: E(lambda t: lg_post(t, y, s) + lg_evidence(y, s) - lognorm(t, m, v), m, v),
                 lambda y, s, m, v: E(lambda t: lg_evidence(y, s) - (lognorm(t, m, v) - lg_post(t, y, s)), m, v),
                 lambda y, s, m, v: E(lambda t: lg_evidence(y, s), m, v)
                 - quad(lambda t: math.exp(lognorm(t, m, v)) * (lognorm(t, m, v) - lg_post(t, y, s)), m - 12 * v, m + 12 * v, points=[m]),
                 lambda y, s, m, v: lg_evidence(y, s) - lg_kl_post(y, s, m, v))


def c33_72():
    E = e_norm
    return chain(LGM, fe,
                 lambda y, s, m, v: E(lambda t: lg_joint(y, t, s) - lognorm(t, m, v), m, v),
                 lambda y, s, m, v: E(lambda t: lg_lik(y, t, s) + lg_prior(t) - lognorm(t, m, v), m, v),
                 lambda y, s, m, v: E(lambda t: lg_lik(y, t, s) - (lognorm(t, m, v) - lg_prior(t)), m, v),
                 lambda y, s, m, v: quad(lambda t: math.exp(lognorm(t, m, v)) * lg_lik(y, t, s), m - 12 * v, m + 12 * v, points=[m])
                 - quad(lambda t: math.exp(lognorm(t, m, v)) * (lognorm(t, m, v) - lg_prior(t)), m - 12 * v, m + 12 * v, points=[m]),
                 lambda y, s, m, v: E(lambda t: lg_lik(y, t, s), m, v) - kl_norm(m, v, 0.0, 1.0))


def c33_83():
    E = e_norm
    return chain(LGM, fe,
                 lambda y, s, m, v: E(lambda t: lg_joint(y, t, s) - lognorm(t, m, v), m, v),
                 lambda y, s, m, v: quad(lambda t: math.exp(lognorm(t, m, v)) * lg_joint(y, t, s), m - 12 * v, m + 12 * v, points=[m])
                 - quad(lambda t: math.exp(lognorm(t, m, v)) * lognorm(t, m, v), m - 12 * v, m + 12 * v, points=[m]),
                 lambda y, s, m, v: E(lambda t: lg_joint(y, t, s), m, v) + h_q(m, v))


# 34: Houjun Liu's note, the cross-entropy loss from the Bernoulli mass
def c34_17():
    return all(close(p ** y * (1 - p) ** (1 - y), stats.bernoulli.pmf(y, p)) for p in BERN1 for y in (0, 1))


def c34_21():
    xlogx = lambda c, u: 0.0 if c == 0 else c * ln(u)  # 0 log 0 = 0, as a sum over outcomes takes it
    return all(close(stats.bernoulli.logpmf(y, p), y * ln(p) + xlogx(1 - y, 1 - y)) for p in BERN1 for y in (0, 1))


# 35: Houjun Liu's note, maximum likelihood for a conditional Gaussian (f_theta(x) = theta x)
def c35_26():
    xs = np.array([0.5, -1.2, 2.0, 0.3, 1.1]); ys = np.array([0.9, -2.1, 3.5, 0.2, 2.4]); sig = 0.7
    grid = np.linspace(-3.0, 3.0, 6001)
    objectives = [
        [np.sum(np.log(stats.norm.pdf(ys, t * xs, sig))) for t in grid],
        [np.sum(stats.norm.logpdf(ys, t * xs, sig)) for t in grid],
        [np.sum(np.log(1 / math.sqrt(2 * math.pi * sig ** 2) * np.exp(-(ys - t * xs) ** 2 / (2 * sig ** 2)))) for t in grid]]
    best = [int(np.argmax(o)) for o in objectives]
    return best[0] == best[1] == best[2] and 0 < best[0] < len(grid) - 1


# 36: StatProofBook gam-dent
def h_gam(a, b):
    return float(stats.gamma(a, scale=1 / b).entropy())


def c36_22():
    return chain(GAM, h_gam, lambda a, b: a + special.gammaln(a) + (1 - a) * special.digamma(a) + ln(b))


def c36_31():
    return chain(GAM, h_gam, lambda a, b: -e_gam(lambda x: stats.gamma.logpdf(x, a, scale=1 / b) if x > 0 else 0.0, a, b))


def c36_35():
    E = lambda f, a, b: e_gam(lambda x: f(x) if x > 0 else 0.0, a, b)
    return chain(GAM, h_gam,
                 lambda a, b: -E(lambda x: ln(b ** a / special.gamma(a) * x ** (a - 1) * math.exp(-b * x)), a, b),
                 lambda a, b: -E(lambda x: a * ln(b) - special.gammaln(a) + (a - 1) * ln(x) - b * x, a, b),
                 lambda a, b: -a * ln(b) + special.gammaln(a) - (a - 1) * E(ln, a, b) + b * E(lambda x: x, a, b))


def c36_47():
    return chain(GAM, h_gam,
                 lambda a, b: -a * ln(b) + special.gammaln(a) - (a - 1) * (special.digamma(a) - ln(b)) + b * a / b,
                 lambda a, b: -a * ln(b) + special.gammaln(a) + (1 - a) * special.digamma(a) + a * ln(b) - ln(b) + a,
                 lambda a, b: a + special.gammaln(a) + (1 - a) * special.digamma(a) - ln(b))


# 37: stdlib's documentation of the beta law
BETA = [(0.7, 1.3), (2.5, 4.0), (5.0, 0.9)]


def c37_18():
    return chain(BETA, lambda a, b: float(stats.beta(a, b).entropy()),
                 lambda a, b: ln(special.beta(a, b)) - (a - 1) * special.digamma(a) - (b - 1) * special.digamma(b)
                 + (a + b - 2) * special.digamma(a + b))


def c37_22():
    return chain(BETA, lambda a, b: quad(lambda x: x * stats.beta.pdf(x, a, b), 0, 1), lambda a, b: a / (a + b))


def c37_26():
    return chain(BETA, lambda a, b: float(stats.beta(a, b).var()), lambda a, b: a * b / ((a + b) ** 2 * (a + b + 1)))


# ---------------------------------------------------------------- the table

BARE = "an expression with no relation: a step whose left member is the formula before it"
LAW = "declares a law (X ~ ...), no relation to check"
F = False
T = True

CLAIMS = [
    ("01_statse7440_question_gaussian_kl.md", 18, T, c01_17),
    ("01_statse7440_question_gaussian_kl.md", 20, T, c01_19),
    ("01_statse7440_question_gaussian_kl.md", 22, ("definition", BARE), None),
    ("01_statse7440_question_gaussian_kl.md", 24, ("definition", BARE), None),
    ("01_statse7440_question_gaussian_kl.md", 26, ("definition", BARE), None),
    ("01_statse7440_question_gaussian_kl.md", 28, ("definition", BARE), None),
    ("01_statse7440_question_gaussian_kl.md", 30, ("definition", BARE), None),
    ("01_statse7440_question_gaussian_kl.md", 32, T, c01_31),
    ("01_statse7440_question_gaussian_kl.md", 34, ("definition", BARE + " (it writes sigma for sigma_2)"), None),
    ("01_statse7440_question_gaussian_kl.md", 36, ("definition", BARE), None),
    ("01_statse7440_question_gaussian_kl.md", 38, F, c01_37),  # the lost -1/2
    ("01_statse7440_question_gaussian_kl.md", 43, T, c01_42),

    ("02_statproofbook_norm_dent.md", 15, ("definition", LAW), None),
    ("02_statproofbook_norm_dent.md", 19, T, c02_19),
    ("02_statproofbook_norm_dent.md", 23, ("definition", "defines the differential entropy in an unspecified base b"), None),
    ("02_statproofbook_norm_dent.md", 27, T, c02_27),
    ("02_statproofbook_norm_dent.md", 31, T, c02_31),
    ("02_statproofbook_norm_dent.md", 40, T, c02_40),

    ("03_statproofbook_bern_kl_first_version.md", 17, ("definition", LAW), None),
    ("03_statproofbook_bern_kl_first_version.md", 24, T, c03_24),
    ("03_statproofbook_bern_kl_first_version.md", 28, T, c03_28),
    ("03_statproofbook_bern_kl_first_version.md", 32, F, c03_32),  # p(X=0) twice, corrected in d4defa1
    ("03_statproofbook_bern_kl_first_version.md", 40, T, c03_40),

    ("04_statproofbook_bern_ent.md", 15, ("definition", LAW), None),
    ("04_statproofbook_bern_ent.md", 19, T, c04_18),
    ("04_statproofbook_bern_ent.md", 23, ("definition", "defines the entropy in an unspecified base b"), None),
    ("04_statproofbook_bern_ent.md", 27, T, c04_26),

    ("05_statproofbook_gam_xlogx_first_version.md", 17, ("definition", LAW), None),
    ("05_statproofbook_gam_xlogx_first_version.md", 21, F, c05_20),  # psi(a) for psi(a+1), corrected in 8cf0f38
    ("05_statproofbook_gam_xlogx_first_version.md", 26, T, c05_25),
    ("05_statproofbook_gam_xlogx_first_version.md", 34, ("definition", "names a quantity (E(ln Y) where Y ~ Gam(a+1, b)), no relation"), None),
    ("05_statproofbook_gam_xlogx_first_version.md", 38, T, c05_37),
    ("05_statproofbook_gam_xlogx_first_version.md", 42, T, c05_41),
    ("05_statproofbook_gam_xlogx_first_version.md", 46, F, c05_20),  # the same slip in the conclusion

    ("06_statproofbook_norm_kl.md", 28, ("definition", LAW), None),
    ("06_statproofbook_norm_kl.md", 35, T, c06_25),
    ("06_statproofbook_norm_kl.md", 39, T, c06_29),
    ("06_statproofbook_norm_kl.md", 43, T, c06_33),
    ("06_statproofbook_norm_kl.md", 50, T, c06_40),
    ("06_statproofbook_norm_kl.md", 60, T, c06_50),
    ("06_statproofbook_norm_kl.md", 67, T, c06_57),
    ("06_statproofbook_norm_kl.md", 71, T, c06_61),
    ("06_statproofbook_norm_kl.md", 75, T, c06_65),
    ("06_statproofbook_norm_kl.md", 79, T, c06_69),

    ("07_statproofbook_exp_mean.md", 14, ("definition", LAW), None),
    ("07_statproofbook_exp_mean.md", 18, T, c07_18),
    ("07_statproofbook_exp_mean.md", 22, T, c07_22),
    ("07_statproofbook_exp_mean.md", 26, T, c07_26),
    ("07_statproofbook_exp_mean.md", 33, T, c07_33),
    ("07_statproofbook_exp_mean.md", 37, T, c07_37),

    ("08_kezhi_gaussian_entropy.md", 17, F, c08_17),  # 2 sigma for 2 sigma^2
    ("08_kezhi_gaussian_entropy.md", 20, T, c08_20),
    ("08_kezhi_gaussian_entropy.md", 24, T, c08_24),
    ("08_kezhi_gaussian_entropy.md", 26, T, c08_26),

    ("09_statse_poisson_kl_answer.md", 17, ("definition", "an expression with no relation (the KL integral proposed)"), None),
    ("09_statse_poisson_kl_answer.md", 19, T, c09_18),
    ("09_statse_poisson_kl_answer.md", 21, T, c09_20),
    ("09_statse_poisson_kl_answer.md", 23, T, c09_22),

    ("10_qiita_habakan_poisson_kl.md", 16, T, c10_16),
    ("10_qiita_habakan_poisson_kl.md", 18, T, c10_18),
    ("10_qiita_habakan_poisson_kl.md", 20, T, c10_20),

    ("11_mathse_normal_entropy_answer.md", 12, T, c11_12),

    ("12_johndcook_kl_normal.md", 19, T, c12_19),
    ("12_johndcook_kl_normal.md", 21, T, c12_21),
    ("12_johndcook_kl_normal.md", 23, ("definition", "the condition on sigma_Y^2 that minimises the KL for mu_X = 0, sigma_X = 1, not an identity"), None),

    ("13_kennethwang_leetcode_gaussian_kl.md", 17, T, c12_19),
    ("13_kennethwang_leetcode_gaussian_kl.md", 21, ("definition", LAW), None),
    ("13_kennethwang_leetcode_gaussian_kl.md", 25, T, c13_25),
    ("13_kennethwang_leetcode_gaussian_kl.md", 29, T, c13_29),
    ("13_kennethwang_leetcode_gaussian_kl.md", 33, T, c13_33),
    ("13_kennethwang_leetcode_gaussian_kl.md", 37, T, c13_37),
    ("13_kennethwang_leetcode_gaussian_kl.md", 40, T, c13_40),
    ("13_kennethwang_leetcode_gaussian_kl.md", 44, T, c13_44),
    ("13_kennethwang_leetcode_gaussian_kl.md", 48, T, c12_21),

    ("14_csse_122082_kl_standard_normal_question.md", 18, T, c14_17),
    ("14_csse_122082_kl_standard_normal_question.md", 20, F, c14_19),  # E[x^2] is not var - mean^2
    ("14_csse_122082_kl_standard_normal_question.md", 22, T, c14_21),
    ("14_csse_122082_kl_standard_normal_question.md", 23, F, c14_22),  # -E[(x-mu)^2] is not the variance
    ("14_csse_122082_kl_standard_normal_question.md", 26, F, c14_25),  # + mu^2 for - mu^2
    ("14_csse_122082_kl_standard_normal_question.md", 31, T, c14_30),

    ("15_statse_318184_kl_unit_gaussian_question.md", 25, T, c15_18),
    ("15_statse_318184_kl_unit_gaussian_question.md", 27, T, c15_20),
    ("15_statse_318184_kl_unit_gaussian_question.md", 29, F, c15_22),  # with line 31: log sigma_1 - sigma_1

    ("16_mathse_laplace_kl_question.md", 19, T, c16_19),
    ("16_mathse_laplace_kl_question.md", 29, F, c16_29),  # holds only when mu_1 = mu_2

    ("17_mathse_negative_laplace_kl_question.md", 19, T, c17_19),
    ("17_mathse_negative_laplace_kl_question.md", 21, T, c17_21),
    ("17_mathse_negative_laplace_kl_question.md", 23, T, c17_23),
    ("17_mathse_negative_laplace_kl_question.md", 25, T, c17_25),

    ("18_statse_vae_kl_loss_derivation.md", 25, ("definition", "declares the encoder's output mu a real vector"), None),
    ("18_statse_vae_kl_loss_derivation.md", 26, ("definition", "declares the encoder's output sigma a real vector"), None),
    ("18_statse_vae_kl_loss_derivation.md", 28, ("definition", "the reparameterisation z = mu + sigma epsilon defines z"), None),
    ("18_statse_vae_kl_loss_derivation.md", 30, ("definition", "an expression with no relation (the loss as stated)"), None),
    ("18_statse_vae_kl_loss_derivation.md", 32, T, c18_25),
    ("18_statse_vae_kl_loss_derivation.md", 36, T, c18_29),

    ("19_linear_vae_readme_kingma_appendix_b.md", 19, T, c19_19),
    ("19_linear_vae_readme_kingma_appendix_b.md", 26, T, c19_26),
    ("19_linear_vae_readme_kingma_appendix_b.md", 33, T, c19_33),

    ("20_statse_mysterious_kl_term_answer.md", 19, T, c20_17),
    ("20_statse_mysterious_kl_term_answer.md", 21, T, c20_19),
    ("20_statse_mysterious_kl_term_answer.md", 23, T, c20_21),

    ("21_statse_torch_sum_kl_answer.md", 19, T, c21_19),  # with line 23, which continues it
    ("21_statse_torch_sum_kl_answer.md", 27, T, c01_19),
    ("21_statse_torch_sum_kl_answer.md", 31, T, c21_31),
    ("21_statse_torch_sum_kl_answer.md", 35, T, c21_35),

    ("22_errorhandle_gaussian_kl_lost_carets.md", 17, F, c22_17),

    ("23_mit18650_pset3_kl_first_version.md", 12, F, c23_12),  # a KL is not a difference of means
    ("23_mit18650_pset3_kl_first_version.md", 15, F, c23_15),
    ("24_mit18650_pset3_normal_kl_corrected.md", 17, T, c24_17),
    ("25_mit18650_pset3_bernoulli_kl_corrected.md", 19, T, c25_17),

    ("26_statse_kl_greater_than_one_answer.md", 19, T, c26_19),
    ("26_statse_kl_greater_than_one_answer.md", 23, ("definition", "an expression with no relation (the KL between two normals of equal variance, stated)"), None),

    ("27_statproofbook_gam_kl.md", 20, ("definition", LAW), None),
    ("27_statproofbook_gam_kl.md", 27, T, c27_26),
    ("27_statproofbook_gam_kl.md", 31, T, c27_30),
    ("27_statproofbook_gam_kl.md", 35, T, c27_34),
    ("27_statproofbook_gam_kl.md", 42, T, c27_41),
    ("27_statproofbook_gam_kl.md", 50, T, c27_49),
    ("27_statproofbook_gam_kl.md", 57, T, c27_56),
    ("27_statproofbook_gam_kl.md", 64, T, c27_26),

    ("28_garnett_cse515t_ep_kl_definition_first_version.md", 20, F, c28_17),  # the log is missing

    ("29_mreasy_mvn_kl_full_covariance.md", 36, T, c29_23),
    ("29_mreasy_mvn_kl_full_covariance.md", 38, T, c29_25),
    ("29_mreasy_mvn_kl_full_covariance.md", 40, T, c29_27),
    ("29_mreasy_mvn_kl_full_covariance.md", 54, T, c29_41),
    ("29_mreasy_mvn_kl_full_covariance.md", 58, T, c29_45),
    ("29_mreasy_mvn_kl_full_covariance.md", 60, T, c29_47),
    ("29_mreasy_mvn_kl_full_covariance.md", 64, T, c29_51),  # with q = N(0, I), as the post says

    ("30_lilianweng_vae_loss_before_fixes.md", 29, ("definition", "defines theta* as the maximiser of the likelihood"), None),
    ("30_lilianweng_vae_loss_before_fixes.md", 33, T, c30_32),
    ("30_lilianweng_vae_loss_before_fixes.md", 37, T, c30_36),
    ("30_lilianweng_vae_loss_before_fixes.md", 41, T, c30_40),
    ("30_lilianweng_vae_loss_before_fixes.md", 54, T, c30_53),
    ("30_lilianweng_vae_loss_before_fixes.md", 58, T, c30_57),
    ("30_lilianweng_vae_loss_before_fixes.md", 62, F, c30_61),  # E_q p(x|z) for E_q log p(x|z), fixed in d96d5ad
    ("30_lilianweng_vae_loss_before_fixes.md", 72, F, c30_71),  # L_VAE for -L_VAE, fixed in 766d2cc
    ("30_lilianweng_vae_loss_before_fixes.md", 80, ("definition", LAW + "; the reparameterisation z = mu + sigma * eps defines z"), None),

    ("31_wiseodd_vae_objective_first_version.md", 29, T, c31_28),
    ("31_wiseodd_vae_objective_first_version.md", 31, F, c31_30),  # weight P(z) for Q(z|X), fixed in 73a689f
    ("31_wiseodd_vae_objective_first_version.md", 40, T, c31_39),
    ("31_wiseodd_vae_objective_first_version.md", 48, T, c31_47),
    ("31_wiseodd_vae_objective_first_version.md", 55, T, c31_54),
    ("31_wiseodd_vae_objective_first_version.md", 64, T, c31_63),
    ("31_wiseodd_vae_objective_first_version.md", 68, T, c31_67),
    ("31_wiseodd_vae_objective_first_version.md", 76, T, c31_75),
    ("31_wiseodd_vae_objective_first_version.md", 85, T, c31_84),  # Sigma(X) now the log-variance, as the post says
    ("31_wiseodd_vae_objective_first_version.md", 93, ("definition", "the de-standardisation x = mu + Sigma^(1/2) x_std defines x"), None),
    ("31_wiseodd_vae_objective_first_version.md", 95, ("definition", "the reparameterisation z = mu(X) + Sigma^(1/2)(X) eps defines z"), None),

    ("32_mathse_2503428_bce_derivative_question.md", 21, ("definition", "defines the loss J (the parenthesis before \\log(1-\\hat y) is never closed)"), None),
    ("32_mathse_2503428_bce_derivative_question.md", 23, F, c32_20),  # with lines 25 and 27: the chain rule's -1 lost
    ("32_mathse_2503428_bce_derivative_question.md", 32, T, c32_29),
    ("32_mathse_2503428_bce_derivative_question.md", 36, ("definition", "defines the rescaled loss L = -mJ"), None),
    ("32_mathse_2503428_bce_derivative_question.md", 38, T, c32_35),

    ("33_statproofbook_fren_dec_before_fix.md", 30, T, c33_26),
    ("33_statproofbook_fren_dec_before_fix.md", 34, T, c33_30),
    ("33_statproofbook_fren_dec_before_fix.md", 38, F, c33_34),  # - h[q] for + h[q], as the proof's own last line says
    ("33_statproofbook_fren_dec_before_fix.md", 43, T, c33_39),
    ("33_statproofbook_fren_dec_before_fix.md", 47, F, c33_43),  # p(y, theta) missing under the integral, fixed in 2a485cb
    ("33_statproofbook_fren_dec_before_fix.md", 56, T, c33_52),
    ("33_statproofbook_fren_dec_before_fix.md", 61, ("definition", "defines the free energy F[q]"), None),
    ("33_statproofbook_fren_dec_before_fix.md", 65, T, c33_61),
    ("33_statproofbook_fren_dec_before_fix.md", 76, T, c33_72),
    ("33_statproofbook_fren_dec_before_fix.md", 87, T, c33_83),

    ("34_jemoka_cross_entropy_loss.md", 17, T, c34_17),
    ("34_jemoka_cross_entropy_loss.md", 21, F, c34_21),  # log(1 - y) for log(1 - p)
    ("34_jemoka_cross_entropy_loss.md", 26, ("definition", "an expression with no relation (the loss to minimise)"), None),

    ("35_jemoka_mle_conditional_gaussian.md", 22, ("definition", "states the model: y_i given x_i is normal around f_theta(x_i)"), None),
    ("35_jemoka_mle_conditional_gaussian.md", 26, T, c35_26),
    ("35_jemoka_mle_conditional_gaussian.md", 34, ("definition", BARE), None),
    ("35_jemoka_mle_conditional_gaussian.md", 38, ("definition", BARE), None),

    ("36_statproofbook_gam_dent.md", 18, ("definition", LAW), None),
    ("36_statproofbook_gam_dent.md", 22, F, c36_22),  # + ln b for - ln b
    ("36_statproofbook_gam_dent.md", 27, ("definition", "defines the differential entropy in an unspecified base b"), None),
    ("36_statproofbook_gam_dent.md", 31, T, c36_31),
    ("36_statproofbook_gam_dent.md", 35, T, c36_35),
    ("36_statproofbook_gam_dent.md", 43, T, c27_49),
    ("36_statproofbook_gam_dent.md", 47, T, c36_47),

    ("37_stdlib_beta_entropy_mean_variance.md", 18, T, c37_18),
    ("37_stdlib_beta_entropy_mean_variance.md", 22, T, c37_22),
    ("37_stdlib_beta_entropy_mean_variance.md", 26, T, c37_26),
]


def truth_value(truth):
    """True, False or 'definition'."""
    return truth[0] if isinstance(truth, tuple) else truth


def expected():
    """{(file, line): True | False | 'definition'} for the measurement."""
    return {(f, line): truth_value(t) for f, line, t, _ in CLAIMS}


def run(verbose=True):
    """Run every check; return the list of disagreements."""
    bad = []
    for f, line, truth, check in CLAIMS:
        t = truth_value(truth)
        if t == "definition":
            if verbose:
                print(f"{f}:{line}: definition ({truth[1]})")
            continue
        got = bool(check())
        status = "ok" if got == t else "DISAGREES"
        if verbose:
            print(f"{f}:{line}: stated {t}, numeric check {got}: {status}")
        if got != t:
            bad.append((f, line, t, got))
    return bad


def main(verbose=True):
    bad = run(verbose)
    n = sum(1 for c in CLAIMS if truth_value(c[2]) != "definition")
    if verbose:
        print(f"{len(CLAIMS)} formulas, {n} checked numerically, "
              f"{sum(1 for c in CLAIMS if c[2] is False)} false, {len(bad)} disagreements")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
