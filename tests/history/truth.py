"""The truth about every slip of the history corpus, established without the tool.

Each note of tests/history/ holds one display formula, a chain whose first member is a quantity (a KL
divergence, an entropy, an expectation) and whose blamed member is a closed form some library, textbook
or post once published and later corrected. Each row of SLIPS names the note, the line of the
formula's opening ``$$``, the slip's kind (the tool's word for it; a second word where two describe the
same edit equally well), the 1-based index of the wrong member in the chain, the corrected member in
the note's own notation, and three functions of the same parameters:

- ``quantity``: the first member computed by other means than the note's: an entropy by scipy.stats'
  own ``entropy()`` (scipy's implementation, or its quadrature where it has no closed form), a KL
  divergence or an expectation by quadrature of scipy's densities (``scipy.integrate.quad`` to 1e-11
  relative, split at quantiles), a discrete one by a sum of scipy's masses or ``scipy.stats.entropy``;
  where a note rewrites a quantity the tool cannot read (a Kumaraswamy entropy through a beta law, a
  log-logistic one through a uniform law, an F one through a beta law, a Dirichlet one at two
  components, a half-normal one through the normal), the row's ``extra`` check computes the original
  quantity directly (quadrature of the Kumaraswamy density written out and of scipy's ``f``, scipy's
  ``fisk``, ``dirichlet`` and ``halfnorm``) and asserts the rewriting equals it; a chain's middle
  member the truth calls right is checked the same way;
- ``wrong``: the published closed form, as transcribed in the note;
- ``right``: the corrected closed form (the one the row's LaTeX writes).

``check`` evaluates all three at the row's parameter points and returns the problems found: the right
form must match the quantity at every point (relative gap below 1e-7), and the wrong one must miss it
at one point at least (relative gap above 1e-4; a special-case slip matches at its special points).
``run()`` returns every problem; ``main()`` prints them and exits 1 when there is one. Nothing here
imports ``derivlint``.
"""

import math
import sys

import numpy as np
from scipy import integrate, special, stats

EULER = float(np.euler_gamma)
MATCH, MISS = 1e-7, 1e-4
ψ, lnΓ = special.digamma, special.gammaln


def rel(a, b):
    return abs(a - b) / (1.0 + abs(b))


def quad(f, lo, hi, points=None):
    """∫ f over (lo, hi), split at the given interior points; tight tolerances."""
    edges = [lo] + sorted(points or []) + [hi]
    total = 0.0
    for a, b in zip(edges, edges[1:]):
        value, _ = integrate.quad(f, a, b, epsabs=1e-13, epsrel=1e-11, limit=400)
        total += value
    return total


def _splits(law):
    """Quantiles a quadrature over the law's support is split at (its mass lies between them)."""
    return [float(law.ppf(u)) for u in (1e-6, 0.01, 0.25, 0.5, 0.75, 0.99, 1 - 1e-6)]


def entropy_quad(law):
    lo, hi = law.support()
    return quad(lambda x: -law.pdf(x) * law.logpdf(x) if law.pdf(x) > 0 else 0.0, lo, hi, _splits(law))


def kl_quad(p, q):
    lo, hi = p.support()
    return quad(lambda x: p.pdf(x) * (p.logpdf(x) - q.logpdf(x)) if p.pdf(x) > 0 else 0.0, lo, hi, _splits(p))


def expect_quad(law, g):
    lo, hi = law.support()
    return quad(lambda x: law.pdf(x) * g(x) if law.pdf(x) > 0 else 0.0, lo, hi, _splits(law))


def entropy_sum(law, n=20000):
    ks = np.arange(int(law.support()[0]), n)
    pm = law.pmf(ks)
    pm = pm[pm > 0]
    return float(-np.sum(pm * np.log(pm)))


def bernoulli_kl(p1, p2):
    return sum(stats.bernoulli(p1).pmf(x) * (stats.bernoulli(p1).logpmf(x) - stats.bernoulli(p2).logpmf(x))
               for x in (0, 1))


def unit(v):
    v = np.asarray(v, dtype=float)
    return v / v.sum()


def pareto(xm, alpha):
    return stats.pareto(b=alpha, scale=xm)


def gamma_rate(shape, rate):
    return stats.gamma(a=shape, scale=1.0 / rate)


def kumaraswamy_entropy(a, b):
    """-∫ f log f of the Kumaraswamy density a b x^(a-1) (1 - x^a)^(b-1), by quadrature."""
    def logf(x):
        return math.log(a * b) + (a - 1) * math.log(x) + (b - 1) * math.log1p(-x ** a)
    return quad(lambda x: -math.exp(logf(x)) * logf(x), 0.0, 1.0, [1e-6, 0.5, 1 - 1e-6])


# ---------------------------------------------------------------------------------------------------
# The slips. kinds: the tool's words; member: the wrong member of the chain (1-based).

def _row(file, line, kinds, member, corrected, points, quantity, wrong, right, extra=None):
    return dict(file=file, line=line, kinds=tuple(kinds), member=member, corrected=corrected,
                points=points, quantity=quantity, wrong=wrong, right=right, extra=extra)


def _normal_laplace_right(mu, s, m, b):
    d = mu - m
    mean_abs = s * math.sqrt(2 / math.pi) * math.exp(-d * d / (2 * s * s)) + d * math.erf(d / (math.sqrt(2) * s))
    return math.log(math.sqrt(2 / math.pi)) - 0.5 - math.log(s / b) + mean_abs / b


def _kumaraswamy_lhs(a, b):
    q = stats.beta(1, b)
    return entropy_quad(q) - math.log(a) - (a - 1) / a * expect_quad(q, math.log)


def _loglogistic_lhs(alpha, beta):
    u = stats.uniform(0, 1)
    return 0.0 + expect_quad(u, lambda t: math.log(alpha / beta) + math.log(t / (1 - t)) / beta
                             - math.log(t) - math.log1p(-t))


def _check_rewrite(name, direct, rewritten, points):
    """A note that rewrites its quantity: the rewriting must equal the quantity computed directly."""
    return [f"{name}: the note's rewriting differs from the quantity at {pt}" for pt in points
            if rel(rewritten(*pt), direct(*pt)) > MATCH]


def _f_lhs(d1, d2):
    """The note's left side: the entropy of y ~ Beta(d1/2, d2/2) plus log(d2/d1) - 2 E[log(1 - y)]."""
    q = stats.beta(d1 / 2, d2 / 2)
    return float(q.entropy()) + math.log(d2 / d1) - 2 * expect_quad(q, lambda y: math.log1p(-y))


def _t_limit(_points):
    """The t entropy tends to the standard normal's (the limit the note's quantity stands for)."""
    gap = rel(stats.t(df=1e7).entropy(), stats.norm().entropy())
    return [] if gap < 1e-6 else [f"13: the t entropy at 1e7 degrees is {gap} from the normal's"]


def _bern_sum(p1, p2):
    return sum(stats.bernoulli(p1).pmf(x) * math.log(stats.bernoulli(p1).pmf(x) / stats.bernoulli(p2).pmf(x))
               for x in (0, 1))


def _gauss_kl_middle(m1, s1, m2, s2):
    return 0.5 * math.log(2 * math.pi * s2 ** 2) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) \
        - 0.5 * (1 + math.log(2 * math.pi * s1 ** 2))


def _members_agree(name, fn, quantity, points):
    return [f"{name}: a member the truth says is right misses the quantity at {pt}" for pt in points
            if rel(fn(*pt), quantity(*pt)) > MATCH]


SIGMAS = [np.array([0.7]), np.array([0.4, 1.9]), np.array([1.3, 0.2, 3.0])]
MUS = [np.array([0.3]), np.array([-1.0, 0.5]), np.array([2.0, 0.0, -0.7])]
WS = [unit([1.0, 2.0, 3.0]), unit([0.2, 5.0]), unit([1.0, 1.0, 1.0, 4.0])]
VS = [unit([2.0, 1.0, 1.0]), unit([3.0, 0.5]), unit([0.5, 2.0, 1.0, 1.0])]

SLIPS = [
    _row("01_torch_normal_laplace_kl.md", 19, ["special-case"], 2,
         r"\log\sqrt{\frac{2}{\pi}} - \frac{1}{2} - \log\frac{\sigma}{b} + \frac{\sigma\sqrt{\frac{2}{\pi}}\, e^{-\frac{(\mu - m)^2}{2\sigma^2}} + (\mu - m)\operatorname{erf}\left(\frac{\mu - m}{\sqrt{2}\,\sigma}\right)}{b}",
         [(0.3, 0.7, -1.2, 1.5), (1.0, 2.0, 1.0, 0.8), (-0.4, 1.3, 0.9, 1.1)],
         lambda mu, s, m, b: kl_quad(stats.norm(mu, s), stats.laplace(m, b)),
         lambda mu, s, m, b: math.log(math.sqrt(2 / math.pi)) - 0.5 - math.log(s / b) + math.sqrt(2 / math.pi) * s / b,
         _normal_laplace_right),
    _row("02_torch_laplace_normal_kl.md", 18, ["factor"], 2,
         r"-\frac{1}{2}\log\frac{2b^2}{\pi\sigma^2} + \frac{b^2}{\sigma^2} + \frac{\frac{1}{2}m^2 - m\mu + \frac{1}{2}\mu^2}{\sigma^2} - 1",
         [(0.5, 1.7, -0.3, 0.9), (-1.0, 0.6, 2.0, 1.4), (0.0, 2.5, 0.0, 0.5)],  # (mu, sigma, m, b)
         lambda mu, s, m, b: kl_quad(stats.laplace(m, b), stats.norm(mu, s)),
         lambda mu, s, m, b: -0.5 * math.log(2 * b * b / (math.pi * s * s)) + b * b / (s * s) + (0.5 * m * m - m * mu + mu * mu) / (s * s) - 1,
         lambda mu, s, m, b: -0.5 * math.log(2 * b * b / (math.pi * s * s)) + b * b / (s * s) + (0.5 * m * m - m * mu + 0.5 * mu * mu) / (s * s) - 1),
    _row("03_torch_pareto_exponential_kl.md", 19, ["sign", "power"], 2,
         r"-\log\frac{\lambda x_m}{\alpha} + \frac{\alpha\lambda x_m}{\alpha - 1} - \frac{1}{\alpha} - 1",
         [(1.0, 0.5, 1.5), (0.4, 2.0, 0.7), (2.5, 0.3, 3.0)],  # (x_m, lambda, a), alpha = 1 + a
         lambda xm, lam, a: kl_quad(pareto(xm, 1 + a), stats.expon(scale=1 / lam)),
         lambda xm, lam, a: -math.log((1 + a) * lam / xm) + (1 + a) * lam * xm / a - 1 / (1 + a) - 1,
         lambda xm, lam, a: -math.log(lam * xm / (1 + a)) + (1 + a) * lam * xm / a - 1 / (1 + a) - 1),
    _row("04_torch_exponential_gamma_kl.md", 19, ["mismatch"], 2,
         r"\log\lambda - 1 - \alpha\log\beta + \log\Gamma(\alpha) + (\alpha - 1)(\log\lambda + \gamma) + \frac{\beta}{\lambda}",
         [(1.0, 2.0, 3.0), (0.3, 0.8, 1.5), (2.5, 4.0, 0.6)],  # (lambda, alpha, beta)
         lambda lam, al, be: kl_quad(stats.expon(scale=1 / lam), gamma_rate(al, be)),
         lambda lam, al, be: al * math.log(be) - lnΓ(al) - (al - 1) * (math.log(lam) + EULER) / lam - be / lam,
         lambda lam, al, be: math.log(lam) - 1 - al * math.log(be) + lnΓ(al) + (al - 1) * (math.log(lam) + EULER) + be / lam),
    _row("05_torch_pareto_gamma_kl.md", 19, ["mismatch"], 2,
         r"\log\frac{\alpha}{x_m} - \frac{1}{\alpha} - 1 - k\log\beta + \log\Gamma(k) - (k - 1)\left(\log x_m + \frac{1}{\alpha}\right) + \frac{\beta\alpha x_m}{\alpha - 1}",
         [(1.0, 2.0, 0.5, 1.5), (0.5, 0.7, 2.0, 0.8), (2.0, 3.5, 1.2, 2.5)],  # (x_m, k, beta, a)
         lambda xm, k, be, a: kl_quad(pareto(xm, 1 + a), gamma_rate(k, be)),
         lambda xm, k, be, a: -2 - math.log(xm ** (1 + a) * be ** k / (1 + a)) + lnΓ(k) + be * (1 + a) * xm / a,
         lambda xm, k, be, a: math.log((1 + a) / xm) - 1 / (1 + a) - 1 - k * math.log(be) + lnΓ(k)
         - (k - 1) * (math.log(xm) + 1 / (1 + a)) + be * (1 + a) * xm / a),
    _row("06_statrs_pareto_entropy.md", 16, ["sign"], 2,
         r"\ln x_m - \ln\alpha + \frac{1}{\alpha} + 1",
         [(1.0, 3.0), (0.4, 0.8), (2.5, 1.5)],
         lambda xm, al: float(pareto(xm, al).entropy()),
         lambda xm, al: math.log(al) - math.log(xm) - 1 / al - 1,
         lambda xm, al: math.log(xm) - math.log(al) + 1 / al + 1),
    _row("07_statrs_geometric_entropy.md", 16, ["log-base"], 2,
         r"-\frac{1}{\theta}\log(1 - \theta) + \log\left(\frac{1}{\theta} - 1\right)",
         [(0.3,), (0.5,), (0.85,)],
         lambda th: entropy_sum(stats.geom(th)),
         lambda th: -math.log2(1 - th) / th + math.log2(1 / th - 1),
         lambda th: -math.log(1 - th) / th + math.log(1 / th - 1)),
    _row("08_statrs_studentt_entropy.md", 19, ["sign"], 2,
         r"\ln\sigma + \frac{\nu + 1}{2}\left(\psi\left(\frac{\nu + 1}{2}\right) - \psi\left(\frac{\nu}{2}\right)\right) + \ln\left(\sqrt{\nu}\, B\left(\frac{\nu}{2}, \frac{1}{2}\right)\right)",
         [(3.0, 0.0, 2.0), (2.5, 1.0, 0.5), (7.0, -2.0, 3.0)],  # (nu, mu, sigma)
         lambda nu, mu, s: float(stats.t(nu, mu, s).entropy()),
         lambda nu, mu, s: -math.log(s) + (nu + 1) / 2 * (ψ((nu + 1) / 2) - ψ(nu / 2)) + math.log(math.sqrt(nu) * special.beta(nu / 2, 0.5)),
         lambda nu, mu, s: math.log(s) + (nu + 1) / 2 * (ψ((nu + 1) / 2) - ψ(nu / 2)) + math.log(math.sqrt(nu) * special.beta(nu / 2, 0.5))),
    _row("09_statrs_dirichlet_entropy.md", 19, ["sign"], 2,
         r"\ln\Gamma(a) + \ln\Gamma(b) - \ln\Gamma(a + b) + (a + b - 2)\psi(a + b) - (a - 1)\psi(a) - (b - 1)\psi(b)",
         [(0.5, 2.0), (3.0, 1.5), (1.2, 4.0)],
         lambda a, b: float(stats.beta(a, b).entropy()),
         lambda a, b: -lnΓ(a + b) + (a + b - 2) * ψ(a + b) - (lnΓ(a) + (a - 1) * ψ(a)) - (lnΓ(b) + (b - 1) * ψ(b)),
         lambda a, b: lnΓ(a) + lnΓ(b) - lnΓ(a + b) + (a + b - 2) * ψ(a + b) - (a - 1) * ψ(a) - (b - 1) * ψ(b),
         extra=lambda pts: _check_rewrite("09", lambda a, b: float(stats.dirichlet([a, b]).entropy()),
                                          lambda a, b: float(stats.beta(a, b).entropy()), pts)),
    _row("10_statrs_mvn_entropy.md", 17, ["factor"], 2,
         r"\frac{1}{2}\log\det\left(2\pi e \operatorname{diag}(\sigma^2)\right)",
         [(m, s) for m, s in zip(MUS, SIGMAS)],
         lambda mu, s: float(stats.multivariate_normal(mu, np.diag(s ** 2)).entropy()),
         lambda mu, s: float(np.sum(np.log(2 * np.pi * np.e * s ** 2))),
         lambda mu, s: 0.5 * float(np.sum(np.log(2 * np.pi * np.e * s ** 2)))),
    _row("11_tfp_kumaraswamy_entropy.md", 20, ["mismatch"], 2,
         r"\left(1 - \frac{1}{b}\right) + \left(1 - \frac{1}{a}\right)\left(\psi(b + 1) + \gamma\right) - \log a - \log b",
         [(2.0, 3.0), (0.5, 0.8), (5.0, 1.5)],
         _kumaraswamy_lhs,
         lambda a, b: (1 - 1 / a) + (1 - 1 / b) * (ψ(b + 1) + EULER) + math.log(a) + math.log(b),
         lambda a, b: (1 - 1 / b) + (1 - 1 / a) * (ψ(b + 1) + EULER) - math.log(a) - math.log(b),
         extra=lambda pts: _check_rewrite("11", kumaraswamy_entropy, _kumaraswamy_lhs, pts)),
    _row("12_tfp_loglogistic_entropy.md", 16, ["log-base", "factor"], 2,
         r"\log\frac{\alpha}{\beta} + 2",
         [(1.0, 3.0), (0.5, 1.5), (4.0, 8.0)],  # (alpha scale, beta shape); the law needs beta > 1 for a mean, not for an entropy
         _loglogistic_lhs,
         lambda al, be: (math.log(al / be) + 2) / math.log(2),
         lambda al, be: math.log(al / be) + 2,
         extra=lambda pts: _check_rewrite("12", lambda al, be: float(stats.fisk(c=be, scale=al).entropy()), _loglogistic_lhs, pts)),
    _row("13_scipy_t_entropy_asymptotic.md", 14, ["factor"], 2,
         r"\frac{1}{2} + \log\Gamma\left(\frac{1}{2}\right) + \frac{1}{2}\log 2",
         [()],
         lambda: float(stats.norm().entropy()),
         lambda: 0.5 + 0.5 * lnΓ(0.5) + 0.5 * math.log(2),
         lambda: 0.5 + lnΓ(0.5) + 0.5 * math.log(2),
         extra=_t_limit),
    _row("14_ray_diag_gaussian_entropy.md", 18, ["factor"], 2,
         r"\sum_{i=1}^{d}\left(\log\sigma_i + \frac{1}{2}\log(2\pi e)\right)",
         [(m, s) for m, s in zip(MUS, SIGMAS)],
         lambda mu, s: float(stats.multivariate_normal(mu, np.diag(s ** 2)).entropy()),
         lambda mu, s: float(np.sum(0.5 * np.log(s) + 0.5 * np.log(2 * np.pi * np.e))),
         lambda mu, s: float(np.sum(np.log(s) + 0.5 * np.log(2 * np.pi * np.e)))),
    _row("15_a3c_mujoco_gaussian_entropy.md", 16, ["mismatch"], 2,
         r"-\frac{1}{2}\left(\log(2\pi\sigma^2) + 1\right)",
         [(0.0, 0.3), (1.5, 1.0), (-2.0, 4.0)],
         lambda mu, s: -float(stats.norm(mu, s).entropy()),
         lambda mu, s: -0.5 * (math.log(s * s + 2 * math.pi) + 1),
         lambda mu, s: -0.5 * (math.log(2 * math.pi * s * s) + 1)),
    _row("16_vgae_kl.md", 17, ["power", "substitution"], 2,
         r"\frac{1}{2}\left(1 + 2s - \mu^2 - e^{2s}\right)",
         [(0.5, -0.7), (-1.2, 0.4), (2.0, 1.1)],  # (mu, s)
         lambda mu, s: -kl_quad(stats.norm(mu, math.exp(s)), stats.norm(0, 1)),
         lambda mu, s: 0.5 * (1 + 2 * s - mu * mu - math.exp(s)),
         lambda mu, s: 0.5 * (1 + 2 * s - mu * mu - math.exp(2 * s))),
    _row("17_gumbel_softmax_vae_kl.md", 17, ["mismatch"], 2,
         r"\sum_{k=1}^{K} w_k\left(\log w_k - \log\frac{1}{K}\right)",
         [(w,) for w in WS],
         lambda w: float(stats.entropy(w, np.full(len(w), 1.0 / len(w)))),
         lambda w: float(np.sum(w * (np.log(w) - 1.0 / len(w)))),
         lambda w: float(np.sum(w * (np.log(w) - np.log(1.0 / len(w)))))),
    _row("18_mocha_gaussian_kl.md", 19, ["mismatch"], 2,
         r"\frac{1}{2}\sum_{i=1}^{d}\left(\mu_i^2 + \sigma_i^2 - 1 - \log\sigma_i^2\right)",
         [(m, s) for m, s in zip(MUS, SIGMAS)],
         lambda mu, s: sum(kl_quad(stats.norm(a, b), stats.norm(0, 1)) for a, b in zip(mu, s)),
         lambda mu, s: -0.5 * (len(mu) * math.log(2 * math.pi) + float(np.sum(mu ** 2 + s ** 2))),
         lambda mu, s: 0.5 * float(np.sum(mu ** 2 + s ** 2 - 1 - np.log(s ** 2)))),
    _row("19_torch_beta_entropy_issue.md", 19, ["sign"], 2,
         r"\log\Gamma(a) + \log\Gamma(b) - \log\Gamma(a + b) - (a - 1)\psi(a) - (b - 1)\psi(b) + (a + b - 2)\psi(a + b)",
         [(1.1, 1.3), (0.5, 0.7), (3.0, 2.0)],
         lambda a, b: float(stats.beta(a, b).entropy()),
         lambda a, b: -lnΓ(a) - lnΓ(b) + lnΓ(a + b) + (a - 1) * ψ(a) + (b - 1) * ψ(b) - (a + b - 2) * ψ(a + b),
         lambda a, b: lnΓ(a) + lnΓ(b) - lnΓ(a + b) - (a - 1) * ψ(a) - (b - 1) * ψ(b) + (a + b - 2) * ψ(a + b)),
    _row("20_stdlib_halfnormal_entropy.md", 19, ["extra-term"], 2,
         r"\frac{1}{2} + \log\sigma + \log\sqrt{\frac{\pi}{2}}",
         [(0.3,), (1.0,), (4.5,)],
         lambda s: float(stats.norm(0, s).entropy()) - math.log(2),
         lambda s: 0.5 + math.log(s) + math.log(math.sqrt(math.pi / 2)) + 0.5 * EULER,
         lambda s: 0.5 + math.log(s) + math.log(math.sqrt(math.pi / 2)),
         extra=lambda pts: _check_rewrite("20", lambda s: float(stats.halfnorm(scale=s).entropy()),
                                          lambda s: float(stats.norm(0, s).entropy()) - math.log(2), pts)),
    _row("21_statproofbook_gam_dent.md", 18, ["sign"], 2,
         r"a + \ln\Gamma(a) + (1 - a)\cdot\psi(a) - \ln b",
         [(2.0, 3.0), (0.5, 0.4), (4.0, 1.5)],
         lambda a, b: float(gamma_rate(a, b).entropy()),
         lambda a, b: a + lnΓ(a) + (1 - a) * ψ(a) + math.log(b),
         lambda a, b: a + lnΓ(a) + (1 - a) * ψ(a) - math.log(b)),
    _row("22_statproofbook_gam_xlogx.md", 18, ["substitution", "missing-term"], 2,
         r"\frac{a}{b}\left[\psi(a + 1) - \ln(b)\right]",
         [(2.0, 3.0), (0.5, 0.4), (4.0, 1.5)],
         lambda a, b: expect_quad(gamma_rate(a, b), lambda x: x * math.log(x)),
         lambda a, b: a / b * (ψ(a) - math.log(b)),
         lambda a, b: a / b * (ψ(a + 1) - math.log(b))),
    _row("23_statproofbook_bern_kl.md", 18, ["substitution"], 3,
         r"p(X=0) \cdot \ln \frac{p(X=0)}{q(X=0)} + p(X=1) \cdot \ln \frac{p(X=1)}{q(X=1)}",
         [(0.3, 0.6), (0.8, 0.45), (0.1, 0.2)],
         bernoulli_kl,
         lambda p1, p2: 2 * (1 - p1) * math.log((1 - p1) / (1 - p2)),
         lambda p1, p2: (1 - p1) * math.log((1 - p1) / (1 - p2)) + p1 * math.log(p1 / p2),
         extra=lambda pts: _members_agree("23 member 2", _bern_sum, bernoulli_kl, pts)),
    _row("24_statse_7440_gaussian_kl.md", 17, ["missing-term", "constant"], 3,
         r"\log\frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2\sigma_2^2} - \frac{1}{2}",
         [(0.3, 0.7, -1.2, 1.5), (1.0, 2.0, 0.5, 0.8), (-0.4, 1.3, -0.4, 1.3)],
         lambda m1, s1, m2, s2: kl_quad(stats.norm(m1, s1), stats.norm(m2, s2)),
         lambda m1, s1, m2, s2: math.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2),
         lambda m1, s1, m2, s2: math.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5,
         extra=lambda pts: _members_agree("24 member 2", _gauss_kl_middle,
                                          lambda m1, s1, m2, s2: kl_quad(stats.norm(m1, s1), stats.norm(m2, s2)), pts)),
    _row("25_mit18650_bernoulli_kl.md", 17, ["mismatch"], 2,
         r"a\log\frac{a}{b} + (1 - a)\log\frac{1 - a}{1 - b}",
         [(0.3, 0.6), (0.8, 0.45), (0.5, 0.5)],
         bernoulli_kl,
         lambda a, b: a - b,
         lambda a, b: a * math.log(a / b) + (1 - a) * math.log((1 - a) / (1 - b))),
    _row("26_caglar_bernoulli_kl.md", 17, ["factor"], 2,
         r"\rho(\log\rho - \log\hat\rho) + (1 - \rho)(\log(1 - \rho) - \log(1 - \hat\rho))",
         [(0.05, 0.2), (0.5, 0.3), (0.9, 0.6)],
         bernoulli_kl,
         lambda r, h: r * math.log(r) - math.log(h) + (1 - r) * math.log(1 - r) - (1 - r) * math.log(1 - h),
         lambda r, h: r * (math.log(r) - math.log(h)) + (1 - r) * (math.log(1 - r) - math.log(1 - h))),
    _row("27_rasbt_discrete_kl.md", 17, ["mismatch"], 2,
         r"\sum_{x} P(x)\log\frac{P(x)}{Q(x)}",
         [(w, v) for w, v in zip(WS, VS)],
         lambda w, v: float(stats.entropy(w, v)),
         lambda w, v: float(np.sum(w * w / v)),
         lambda w, v: float(np.sum(w * np.log(w / v)))),
    _row("28_umapx_laplace_entropy.md", 16, ["mismatch"], 2,
         r"1 - \ln\frac{a}{2}",
         [(0.0, 0.5), (1.5, 2.0), (-3.0, 7.0)],  # (beta shift, a)
         lambda be, a: float(stats.laplace(be, 1 / a).entropy()),
         lambda be, a: math.log(4 * math.pi * a),
         lambda be, a: 1 - math.log(a / 2)),
    _row("29_umapx_gamma_entropy.md", 18, ["mismatch"], 2,
         r"k + \ln\theta + \ln\Gamma(k) + (1 - k)\psi(k)",
         [(2.0, 3.0), (0.5, 0.4), (4.0, 1.5)],  # (k, theta)
         lambda k, th: float(stats.gamma(a=k, scale=th).entropy()),
         lambda k, th: k * th + (1 - k) * math.log(th) + lnΓ(k),
         lambda k, th: k + math.log(th) + lnΓ(k) + (1 - k) * ψ(k)),
    _row("30_umapx_pareto_entropy.md", 15, ["mismatch"], 2,
         r"\ln\frac{x_m}{k} + 1 + \frac{1}{k}",
         [(1.0, 3.0), (0.4, 0.8), (2.5, 1.5)],
         lambda xm, k: float(pareto(xm, k).entropy()),
         lambda xm, k: k * xm + (1 - k) * math.log(xm) + lnΓ(k),
         lambda xm, k: math.log(xm / k) + 1 + 1 / k),
    _row("31_stdlib_f_entropy_doc.md", 19, ["mismatch"], 2,
         r"\ln\left(\frac{d_2}{d_1}\frac{\Gamma\left(\frac{d_1}{2}\right)\Gamma\left(\frac{d_2}{2}\right)}{\Gamma\left(\frac{d_1+d_2}{2}\right)}\right) + \left(1 - \frac{d_1}{2}\right)\Psi\left(\frac{d_1}{2}\right) - \left(1 + \frac{d_2}{2}\right)\Psi\left(\frac{d_2}{2}\right) + \frac{d_1+d_2}{2}\Psi\left(\frac{d_1+d_2}{2}\right)",
         [(4.0, 7.0), (1.5, 3.0), (10.0, 6.0)],
         _f_lhs,
         lambda d1, d2: math.log(d2 / d1) + lnΓ(d1 / 2) + lnΓ(d2 / 2) + lnΓ((d1 + d2) / 2) + (1 - d1 / 2) * ψ(d1 / 2)
         + (1 - d2 / 2) * ψ(d2 / 2) + (d1 + d2) / 2 * ψ((d1 + d2) / 2),
         lambda d1, d2: math.log(d2 / d1) + lnΓ(d1 / 2) + lnΓ(d2 / 2) - lnΓ((d1 + d2) / 2) + (1 - d1 / 2) * ψ(d1 / 2)
         - (1 + d2 / 2) * ψ(d2 / 2) + (d1 + d2) / 2 * ψ((d1 + d2) / 2),
         extra=lambda pts: _check_rewrite("31", lambda d1, d2: entropy_quad(stats.f(d1, d2)), _f_lhs, pts)),
]


def check(row) -> list:
    """Problems with one row: the right form must match the quantity everywhere, the wrong one miss it somewhere."""
    problems, misses = [], 0
    for pt in row["points"]:
        q, w, r = row["quantity"](*pt), row["wrong"](*pt), row["right"](*pt)
        if not all(map(math.isfinite, (q, w, r))):
            problems.append(f"{row['file']}: a value is not finite at {pt}: {q}, {w}, {r}")
            continue
        if rel(r, q) > MATCH:
            problems.append(f"{row['file']}: the corrected form {r} misses the quantity {q} at {pt}")
        if rel(w, q) > MISS:
            misses += 1
    if misses == 0:
        problems.append(f"{row['file']}: the published form matches the quantity at every point")
    if row["extra"] is not None:
        problems += row["extra"](row["points"])
    return problems


def expected() -> dict:
    """(note, line) -> what the tool should say: refuted, the kinds, the blamed member, a corrected member."""
    return {(r["file"], r["line"]): dict(kinds=r["kinds"], member=r["member"], corrected=r["corrected"])
            for r in SLIPS}


def run(verbose: bool = True) -> list:
    problems = []
    for row in SLIPS:
        found = check(row)
        problems += found
        if verbose:
            print(f"{'ok' if not found else '!!'} {row['file']}: {row['kinds'][0]}, member {row['member']}")
    return problems


def main() -> int:
    problems = run()
    for p in problems:
        print(p)
    print(f"{len(SLIPS)} slips, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
