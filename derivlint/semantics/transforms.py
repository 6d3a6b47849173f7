"""The law of a variable drawn as an affine map of Gaussian noise (`z = \\mu + \\sigma \\odot \\epsilon`), component by component."""
from __future__ import annotations

import sympy

from ..model.quantities import Diag, Distribution, Identity


def componentwise_normal(law: Distribution) -> tuple | None:
    """(mean, variance) of one component of a Normal with independent components: the parameters written
    elementwise (a vector's name for its i-th entry, diag(v) as v, I as 1); None for any other law."""
    if law.family.name != "Normal" or len(law.family.params) != 2:
        return None
    mean, spread = law.family.params
    if isinstance(spread, Diag):
        spread = spread.entries
    elif isinstance(spread, Identity):
        spread = sympy.Integer(1)
    elif isinstance(spread, sympy.Mul) and any(isinstance(f, Identity) for f in spread.args):
        spread = sympy.Mul(*(f for f in spread.args if not isinstance(f, Identity)))  # s^2 I
    if not all(isinstance(p, sympy.Expr) and not p.atoms(Identity) for p in (mean, spread)):
        return None
    return mean, spread


def transformed_normal(value, noise: dict) -> tuple | None:
    """(mean, variance) of `value`, affine in exactly one Gaussian noise variable of `noise` (its variable ->
    its law); None when it is not (another noise, a square of it, a non-Gaussian law)."""
    atoms = value.free_symbols | value.atoms(sympy.IndexedBase)
    present = [v for v in noise if v in atoms]
    if len(present) != 1:
        return None
    eps = present[0]
    moments = componentwise_normal(noise[eps])
    if moments is None:
        return None
    e = sympy.Dummy("e")
    flat = value.xreplace({eps: e})
    slope = sympy.diff(flat, e)
    if e in slope.free_symbols:
        return None
    offset = flat.xreplace({e: 0})
    return sympy.expand(offset + slope * moments[0]), sympy.expand(slope ** 2 * moments[1])


def agrees(value, noise: dict, laws: set) -> tuple[bool | None, Distribution | None]:
    """Whether the law of `value` is one of `laws` (True, that law), none of them (False, the first), or
    cannot be told (None)."""
    drawn = transformed_normal(value, noise)
    if drawn is None:
        return None, None
    told = False
    for law in sorted(laws, key=str):
        target = componentwise_normal(law)
        if target is None:
            continue
        told = True
        if all(sympy.simplify(a - b) == 0 for a, b in zip(drawn, target)):
            return True, law
    return (False, sorted(laws, key=str)[0]) if told else (None, None)
