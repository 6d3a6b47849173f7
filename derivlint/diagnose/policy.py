"""The smallest-edit policy: which searches a refuted link gets, in which order, and the first that finds wins."""
from __future__ import annotations

import numpy as np

from .diagnosis import Diagnosis
from .searches.constant import constant
from .searches.log_base import log_base
from .searches.mismatch import mismatch
from .searches.missing_term import missing_term, nested_missing_term
from .searches.powers import added_powers, product_powers, removed_powers
from .searches.special_case import special_case
from .searches.substitution import substitution
from .searches.swapped_kl import swapped_kl
from .searches.term_pairs import term_pairs
from .searches.term_scaling import direct_terms, single_terms
from .searches.whole_member import whole_member
from .searches.wrong_term import wrong_term
from .workbench import Workbench
from ..model.names import NameTable
from ..note.claims import ReadClaim
from ..note.document import Note

# For `=`: edits of what the author wrote, one before two, then terms the author never wrote, and the
# residual itself last. The first search that finds an edit wins.
SEARCHES = (
    # One term's sign or factor, read off the residual by one fit per term: one edit, found cheaply.
    single_terms,
    # The whole side rescaled (one ratio of the sides): after the terms, as one term's edit is smaller
    # than every term's.
    whole_member,
    # The same edits and a dropped term, tried one candidate at a time: a term under a square or an exp,
    # or a whole exponent, does not add linearly, so the fits above cannot see it.
    direct_terms,
    # The left member's KL with its laws swapped: before substitution, as the two laws' scales swapped in
    # its closed form are the KL's arguments swapped, not two names.
    swapped_kl,
    # A written root or exponent deleted: before substitution, which would rewrite the symbol under it
    # instead (`\sqrt{x_m}` -> `x_m`, not `\sqrt{x_m^2}`).
    removed_powers,
    # One name rescaled wherever it is written (log-std read as log-variance), or two names swapped:
    # before added_powers, so that a slip on a name's every occurrence is named as a substitution.
    substitution,
    # A log in the wrong base: one function's name edited, before a power is written anew.
    log_base,
    # A root or an exponent written where the author wrote none, or a written one halved or doubled, on
    # one occurrence: the last of the one-place edits.
    added_powers,
    # Every name of one product squared, its numbers kept (`\\frac{\\pi\\beta}{12\\sigma}` for
    # `\\frac{\\pi^2\\beta^2}{12\\sigma^2}`): one term's edit, after the edits of one name.
    product_powers,
    # Two signs flipped: two edits, after every one-edit search.
    term_pairs,
    # The claim holds only where two symbols are equal: before the searches that add a term, which would
    # report the term this special case lost as the slip; it borrows the whole-side missing term's fix.
    special_case,
    # The sides differ by a real number: before the missing terms, which would report it as a lost term.
    constant,
    # A term lost inside a bracket, a fraction or an exponent, put back where it was lost: before the
    # whole-side residual, which would append it to the side (`\log(-\theta)` for `\log(1 - \theta)`).
    nested_missing_term,
    # One written term replaced by its right value, when that is shorter than the residual appending would
    # add: before missing_term, whose fix would re-add the residual (`x - x + |x|` for `|x|`).
    wrong_term,
    # The residual itself as one term appended to the side, when an author could have lost it: the edit
    # that explains least, so last.
    missing_term,
)

# For `\equiv`: up to a constant the residual fits mean nothing: only edits tried one by one apply,
# in the order of SEARCHES. swapped_kl and special_case, which read no residual, are
# not tried either: they were left out when `\equiv` links came to be diagnosed.
EQUIVALENCE_SEARCHES = (
    direct_terms,  # one term's sign, factor or drop: the term edits that need no residual fit
    removed_powers,  # before substitution, which would rewrite the symbol under the root instead
    substitution,  # before added_powers, so that a slip on a name's every occurrence is a substitution
    log_base,  # one function's name edited, before a power is written anew
    added_powers,  # the last of the one-place edits
)

SEARCHES_BY_RELATION = {"=": SEARCHES, "\\equiv": EQUIVALENCE_SEARCHES}


def diagnose(note: Note, table: NameTable, read: ReadClaim, index: int, seed: int, budget: float,
             against: int | None = None, relation: str | None = None) -> Diagnosis:
    """Member `index` edited to meet member `against` (by default the one before it) under `relation`
    (by default the link's own): the first search of the relation's list that finds an edit, else the
    residual as a mismatch; other relations get the mismatch."""
    bench = Workbench(note, table, read, index, seed, budget, against, relation)
    with np.errstate(all="ignore"):  # candidates may be undefined at points: masked where compared
        for search in SEARCHES_BY_RELATION.get(bench.relation, ()):
            found = search(bench)
            if found is not None:
                return found
        found = left_log_base(note, table, read, index, seed, budget, against, bench.relation)
    return found or mismatch(bench)


def left_log_base(note: Note, table: NameTable, read: ReadClaim, index: int, seed: int, budget: float,
                  against: int | None, relation: str) -> Diagnosis | None:
    """No edit of the member meets the one before it: a log in the wrong base may be in that one
    (`\\ln 8 = 3` under `log: 2`, where `\\log 8` was meant). The member before is edited to meet this
    one, for a log's base only, in an `=` link of neighbours, once every edit of this member failed: the
    other edits would blame the wrong side, and a member such as H(p) writes no log to edit."""
    if against is not None or relation != "=":
        return None
    return log_base(Workbench(note, table, read, index - 1, seed, budget, index, relation))
