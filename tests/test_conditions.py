"""A formula the prose says sets a derivative to zero is a condition: proved or unchecked, never refuted."""
from __future__ import annotations

from helpers import check_text, verdicts
from derivlint.model.options import Options

FRONT = ("---\nverify:\n  symbols:\n    n: positive integer\n    x: real vector[n]\n    p: positive\n"
         "    \\sigma: positive\n---\n")
SCORE = "$$\\sum_{i=1}^{n} \\frac{x_i}{p} = \\sum_{i=1}^{n} \\frac{1 - x_i}{1 - p}$$\n"


def test_prose_that_sets_a_derivative_to_zero_makes_the_next_formula_a_condition(tmp_path):
    for prose in ("Set the derivative equal to zero:", "Setting it to zero and solving,",
                  "Equating the score to 0 gives", "The first-order condition is"):
        result = check_text(tmp_path, FRONT + prose + "\n\n" + SCORE, Options(budget=30.0))
        assert verdicts(result) == ["unchecked"], prose
        (finding,) = result.claims[0].findings
        assert finding.code == "V303" and "sets a derivative to zero" in dict(finding.args)["reason"]


def test_without_such_prose_the_same_formula_is_refuted(tmp_path):
    for prose in ("So we find:", "Set $n$ to its value; then", "We set up the sum:"):
        result = check_text(tmp_path, FRONT + prose + "\n\n" + SCORE, Options(budget=30.0))
        assert verdicts(result) == ["refuted"], prose


def test_a_set_mark_in_a_row_makes_the_rows_after_it_in_that_display_conditions(tmp_path):
    display = ("$$\n\\begin{aligned}\n\\frac{n}{p} - \\frac{n}{1-p} &\\overset{\\text{set}}{=} 0 \\\\\n"
               "\\sum_{i=1}^{n} x_i - p \\sum_{i=1}^{n} x_i &= p \\sum_{i=1}^{n} (1 - x_i)\n\\end{aligned}\n$$\n\n"
               "$$\\sum_{i=1}^{n} x_i - p \\sum_{i=1}^{n} x_i = p \\sum_{i=1}^{n} (1 - x_i)$$\n")
    result = check_text(tmp_path, FRONT + "We find\n\n" + display, Options(budget=30.0))
    rows = [c for c in result.claims if "p \\sum_{i=1}^{n} (1 - x_i)" in c.claim.latex]
    assert [c.verdict for c in rows] == ["unchecked", "refuted"]  # the mark does not reach the next display


def test_prose_about_a_stationary_point_does_not_make_identities_conditions(tmp_path):
    # the catalogue's VAE note: "The stationary point is then stated by two identities the tool checks in full"
    prose = "The stationary point is then stated by two identities the tool checks in full."
    result = check_text(tmp_path, FRONT + prose + "\n\n" + SCORE, Options(budget=30.0))
    assert verdicts(result) == ["refuted"]
