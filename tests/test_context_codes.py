"""Front-matter and directive codes with no other test: V111, V112, V113, V302; kinds map to codes."""
from __future__ import annotations

import pytest

from derivlint.model.findings import KIND_CODES
from derivlint.note.loading import load

from helpers import assert_findings, check_text

SYMBOLS = "---\nverify:\n  symbols:\n    a: real\n%s---\n"


def note(tmp_path, text):
    path = tmp_path / "note.md"
    path.write_text(text)
    return load(path)


def test_unknown_key_in_the_context_is_reported(tmp_path):
    loaded = note(tmp_path, SYMBOLS % "  varibles:\n    b: real\n" + "$$a = a$$\n")
    assert [(f.code, f.line) for f in loaded.findings] == [("V111", 5)]


def test_a_name_declared_twice_is_reported(tmp_path):
    loaded = note(tmp_path, "---\nverify:\n  symbols:\n    a: real\n    a: positive\n---\n$$a = a$$\n")
    assert [(f.code, f.line, f.arguments["first"]) for f in loaded.findings] == [("V112", 5, 4)]
    assert loaded.context.table.lookup("a").symbol.is_positive is None  # the first declaration: real


def test_defines_must_name_the_first_member(tmp_path):
    result = check_text(tmp_path, SYMBOLS % "" + "$a + 1 = 2 + 1$<!-- verify: defines a -->\n")
    assert result.claims[0].verdict == "unchecked"
    assert_findings(result, "V113")


def test_a_skipped_claim_is_listed_not_checked(tmp_path):
    loaded = note(tmp_path, SYMBOLS % "" + "$$a = a + 1$$\n<!-- verify: skip -->\n")
    assert loaded.claims[0].reading is None
    assert loaded.claims[0].finding.code == "V302"


def test_every_kind_has_its_own_code():
    assert len(set(KIND_CODES.values())) == len(KIND_CODES) == 12


def test_defines_of_a_value_outside_the_declared_domain_is_refused(tmp_path):
    """`D = 7/2` for an integer D once defined D as 7/2 for the rest of the claim."""
    front = "---\nverify:\n  symbols:\n    D: positive integer\n---\n"
    result = check_text(tmp_path, front + "$$D = \\frac{7}{2} = 3.5$$\n<!-- verify: defines D -->\n\n"
                                          "$$D = -4$$\n<!-- verify: defines D -->\n")
    problems = [c.findings[0].arguments["problem"] for c in result.claims]
    assert [c.findings[0].code for c in result.claims] == ["V113", "V113"]
    assert problems == ["its value 7/2 is not an integer, as D is declared",
                        "its value -4 is not positive, as D is declared"]


@pytest.mark.parametrize("value, quoted", [("|x|", "'|x|'"), ("- x", "'- x'"), ("{x}_2", "'{x}_2'")])
def test_a_value_yaml_reads_as_syntax_is_refused_with_how_to_quote_it(tmp_path, value, quoted):
    note = f"---\nverify:\n  symbols:\n    x: real\n  functions:\n    f(x): {value}\n---\n$$f(x) = x$$\n"
    result = check_text(tmp_path, note)
    finding = next(f for f in result.loaded.findings if f.code == "V101")
    assert finding.line == 6
    assert finding.arguments["problem"].endswith(f"quote it, as in {quoted}")


def test_a_value_stated_in_prose_is_an_assumption_not_a_claim_to_refute(tmp_path):
    front = "---\nverify:\n  symbols:\n    \\mu_2: real\n    D: positive integer\n---\n"
    prose = ("If we assume $\\mu_2 = 0$, then.\n\nLet $D = 3\\times 32\\times 32 = 3072$ and $D = 3 \\times 32 = 3072$.\n\n"
             "$$\\mu_2 = 0$$\n")
    result = check_text(tmp_path, front + prose)
    stated = [f for f in result.note_findings if f.code == "V402"]
    assert [(f.line, f.arguments["name"], f.arguments["value"]) for f in stated] == [(7, "\\mu_2", "0")]
    verdicts = [(c.line, c.verdict) for c in result.claims]
    assert verdicts == [(9, "verified"), (9, "refuted"), (11, "refuted")]  # a display formula is a claim
    assert [l.methods for l in result.claims[0].links] == [["definition"], ["symbolic", "points"]]
    assert not any(f.code == "V401" for f in result.findings)


@pytest.mark.parametrize("bar", ["|", "\\mid", "\\vert"])
def test_a_conditioning_bar_may_be_written_as_mid_or_vert_in_a_key(tmp_path, bar):
    front = ("---\nverify:\n  symbols:\n    x, \\mu: real\n    \\sigma: positive\n  distributions:\n"
             f"    q(z {bar} x): \\mathcal{{N}}(z; \\mu, \\sigma^2)\n---\n")
    result = check_text(tmp_path, front + "$$\\mathbb{E}_{q(z \\mid x)}[z] = \\mu$$\n")
    assert result.loaded.findings == [] and [c.verdict for c in result.claims] == ["verified"]
    assert [d.conditioning for d in result.loaded.context.table.distributions["q"]] == [("x",)]
