"""The note's own macros: `macros:` in the front matter, `\\newcommand` and its kin in the maths.

What a formula written with macros is read as (its value), from where a definition applies, and
that every error still points at the note's own text: the line and column of what the author wrote."""
from __future__ import annotations

import sympy

from helpers import assert_findings, check_text, load_text, verdicts
from derivlint import cli
from derivlint.campaigns.mutate import mutants
from derivlint.model.options import Options
from derivlint.model.quantities import Expectation, KLDivergence
from derivlint.note.macros import Macros, expand, front_matter_macro

NORMAL = """\
---
verify:
  symbols:
    \\mu: real
    \\sigma: positive
  distributions:
    p(x): \\mathcal{N}(x; \\mu, \\sigma^2)
%s---
"""
TWO_NORMALS = """\
---
verify:
  symbols:
    m, \\mu: real
    s, \\sigma: positive
  distributions:
    p(x): \\mathcal{N}(x; m, s^2)
    q(x): \\mathcal{N}(x; \\mu, \\sigma^2)
  macros:  # as the LaTeX preamble of a course defines them
    \\acro: '#1'
    \\intd: '\\,\\mathrm{d}'
---
"""
MACROS = "  macros:\n    \\E: '\\mathbb{E}'\n    \\sq: '{#1}^{2}'\n"
mu, sigma = sympy.Symbol("\\mu", real=True), sympy.Symbol("\\sigma", positive=True)
x = sympy.Symbol("x", real=True)


def values(tmp_path, note: str, claim: int = 0) -> list:
    read = load_text(tmp_path, note).claims[claim]
    assert read.reading is not None, read.finding
    return [m.value for m in read.reading.members]


def findings_at(result) -> list[tuple[str, int, int]]:
    return sorted((f.code, f.line, f.column) for f in result.findings)


# --- expansion ---------------------------------------------------------------------------------
def test_an_expansion_maps_each_character_to_the_call_or_to_its_argument():
    macros = Macros((front_matter_macro("\\sq", "{#1}^{2}"),))
    text, origins = expand("a + \\sq{bc}", macros)
    assert text == "a + {bc}^{2}"
    # `{`, `}`, `^{2}` come from the call (at 4); `b` and `c` stay where they are written (8 and 9)
    assert [origins[i] for i in range(len(text))] == [0, 1, 2, 3, 4, 8, 9, 4, 4, 4, 4, 4]
    assert origins[-1] == len("a + \\sq{bc}")  # one past the end: the end of the written text


def test_arguments_are_a_brace_group_or_one_token_and_a_command_stays_apart_from_a_letter():
    macros = Macros((front_matter_macro("\\d", "\\mathrm#1"), front_matter_macro("\\pair", "(#1, #2)")))
    assert expand("\\d x", macros)[0] == "\\mathrm x"
    assert expand("\\d{x}", macros)[0] == "\\mathrm x"  # never the command \mathrmx
    assert expand("\\pair a\\beta", macros)[0] == "(a, \\beta)"
    assert expand("\\pair{\\pair 12}{c}", macros)[0] == "((1, 2), c)"  # nested calls expand
    assert expand("a + b", macros) is None  # no call: the text is read as written


# --- the front matter ----------------------------------------------------------------------------
def test_a_formula_with_front_matter_macros_is_read_as_their_expansion(tmp_path):
    first, second = values(tmp_path, NORMAL % MACROS + "$$\\E[x^2] = \\mu^2 + \\sq\\sigma$$\n")
    assert isinstance(first, Expectation) and first.body == x**2
    assert second == mu**2 + sigma**2


def test_a_front_matter_macro_with_an_argument_reads_the_course_notes_kl(tmp_path):
    # Garnett's CSE 515T notes: \acro{KL} is small capitals, \intd the upright differential
    note = TWO_NORMALS + ("$$d_{\\text{\\acro{KL}}}\\bigl(p(x) \\parallel q(x)\\bigr) = "
                          "\\int p(x) \\log\\frac{p(x)}{q(x)} \\intd{x}$$\n")
    kl, integral = values(tmp_path, note)
    assert isinstance(kl, KLDivergence)
    assert isinstance(integral, sympy.Integral) and integral.limits[0][0] == x
    assert verdicts(check_text(tmp_path, note, Options(budget=30.0))) == ["verified"]


def test_front_matter_macros_apply_in_the_front_matter_too(tmp_path):
    note = NORMAL.replace("\\mathcal{N}(x;", "\\N(x;") % "  macros:\n    \\N: '\\mathcal{N}'\n"
    (value,) = values(tmp_path, note + "$$\\mathbb{E}[x] = \\mu = \\mu$$\n")[:1]
    assert isinstance(value, Expectation)


def test_a_bad_macros_entry_is_a_bad_declaration_at_its_key(tmp_path):
    entries = ("    RR: '\\mathbb{R}'\n"  # not a command
               "    \\map: {a: b}\n"  # not a string
               "    \\bad: '#0'\n"  # no argument 0
               "    \\open: '{x'\n"  # an unbalanced brace
               "    \\def: 'x'\n"  # the commands that define macros stay theirs
               "    \\ok: '\\mu'\n")
    result = check_text(tmp_path, NORMAL % ("  macros:\n" + entries) + "$$\\ok = \\mu$$\n")
    assert findings_at(result) == [("V102", line, 5) for line in (9, 10, 11, 12, 13)]
    assert verdicts(result) == ["verified"]  # the good entry is still used


def test_a_macros_section_that_is_no_mapping_is_reported(tmp_path):
    assert_findings(NORMAL % "  macros: \\E\n" + "$$\\mu = \\mu$$\n", "V102")


# --- definitions in the note ---------------------------------------------------------------------
DEFINITIONS = "$$\n\\newcommand{\\E}{\\mathbb{E}}\n\\newcommand\\sq[1]{{#1}^2}\n\\def\\s{\\sigma}\n$$\n\n"


def test_a_display_of_definitions_is_no_claim_and_applies_to_later_formulas_only(tmp_path):
    before = "$$\\E[x] = \\mu$$\n\n"
    after = "$$\\E[x^2] = \\mu^2 + \\sq\\s$$\n"
    result = check_text(tmp_path, NORMAL % "" + before + DEFINITIONS + after, Options(budget=30.0))
    assert len(result.claims) == 2  # the definitions are no claim
    assert findings_at(result) == [("V107", 9, 3), ("V405", 12, 1)]  # \E before its definition is undeclared
    assert dict(result.note_findings[-1].args)["names"] == "`\\E`, `\\sq`, `\\s`"
    assert result.claims[1].verdict == "verified"
    assert result.claims[1].claim.latex == "\\E[x^2] = \\mu^2 + \\sq\\s"  # the claim as written


def test_parse_shows_the_definitions(tmp_path, capsys):
    path = tmp_path / "note.md"
    path.write_text(NORMAL % "" + DEFINITIONS + "$$\\E[x] = \\mu$$\n")
    assert cli.main(["parse", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:10:1: V405 defines `\\E`, `\\sq`, `\\s`" in out
    assert "read as: Expectation(x, p(x)" in out and "1 claim(s), 1 read" in out


def test_declare_math_operator_is_an_operator_name(tmp_path):
    note = NORMAL % "" + "$$\\DeclareMathOperator{\\Var}{Var}$$\n\n$$\\Var(x) = \\sigma^2$$\n"
    (variance, _) = values(tmp_path, note)
    assert variance == values(tmp_path, NORMAL % "" + "$$\\operatorname{Var}(x) = \\sigma^2$$\n")[0]
    assert verdicts(check_text(tmp_path, note, Options(budget=30.0))) == ["verified"]


def test_a_definition_in_a_formula_applies_after_it_and_leaves_the_claim(tmp_path):
    note = NORMAL % "" + "$$\\newcommand{\\two}{2} \\two\\mu = \\mu + \\mu$$\n"
    loaded = load_text(tmp_path, note)
    assert [c.claim.latex for c in loaded.claims] == ["\\two\\mu = \\mu + \\mu"]
    assert values(tmp_path, note) == [2 * mu, 2 * mu]


def test_renewcommand_overrides_from_its_place_and_providecommand_only_defines(tmp_path):
    note = NORMAL % "  macros:\n    \\two: '2'\n" + (
        "$$\\two\\mu = 2\\mu$$\n\n$$\\renewcommand{\\two}{3} \\providecommand{\\two}{4}$$\n\n$$\\two\\mu = 3\\mu$$\n")
    assert values(tmp_path, note, 0) == [2 * mu, 2 * mu]
    assert values(tmp_path, note, 1) == [3 * mu, 3 * mu]


def test_a_malformed_definition_is_reported_where_it_is_written(tmp_path):
    note = NORMAL % "" + "$$\\newcommand{\\E}{\\mathbb{E}} \\newcommand{\\F}[1]{#2}$$\n\n$$\\E[x] = \\mu$$\n"
    result = check_text(tmp_path, note, Options(budget=30.0))
    assert findings_at(result) == [("V106", 9, 31), ("V405", 9, 3)]  # at `\newcommand{\F}`
    assert verdicts(result) == ["verified"]  # the definition before it holds


# --- errors point at the note ----------------------------------------------------------------------
def test_a_recursive_macro_is_refused_with_its_place(tmp_path):
    note = NORMAL % "  macros:\n    \\loop: 'x + \\loop'\n" + "$$\\mu =\n  \\loop$$\n"
    (error,) = assert_findings(note, "V106").findings
    assert (error.line, error.column) == (12, 3) and "defined through itself" in dict(error.args)["problem"]


def test_an_error_in_a_formula_with_macros_is_at_its_line_and_column_in_the_note(tmp_path):
    note = NORMAL % MACROS + "Text.\n\n$$\n\\E[x] + \\sq{\\sigma} =\n  \\sq{\\undeclared}\n$$\n"
    assert findings_at(check_text(tmp_path, note)) == [("V107", 16, 7)]  # `\undeclared`, in the argument
    # a character a macro writes stands at the start of its call
    bad = NORMAL % "  macros:\n    \\bad: '\\nothing'\n" + "$$\\mu = 1 +  \\bad$$\n"
    assert findings_at(check_text(tmp_path, bad)) == [("V107", 11, 14)]


def test_a_diagnosis_in_a_formula_with_macros_points_at_the_term_written(tmp_path):
    note = NORMAL % MACROS + "$$\\mu^2 = \\E[x^2] + \\sq\\sigma$$\n"
    result = check_text(tmp_path, note, Options(budget=30.0))
    (sign,) = [f for f in result.findings if f.code == "V201"]
    assert (sign.line, sign.column) == (12, 21)  # at `\sq`, which wrote the term
    assert sign.fix.latex == "\\mathbb{E}[x^2] - {\\sigma}^{2}"  # the member read, with the edit


def test_a_member_written_with_macros_is_not_mutated(tmp_path):
    # a mutant is spliced into the note's own text, which is not the expanded text the member was read from
    loaded = load_text(tmp_path, NORMAL % MACROS + "$$\\mu^2 + \\sigma^2 = \\E[x^2]$$\n")
    assert list(mutants(loaded, 0)) == []
    assert list(mutants(load_text(tmp_path, NORMAL % "" + "$$\\mu^2 + \\sigma^2 = \\mathbb{E}[x^2]$$\n"), 0))
