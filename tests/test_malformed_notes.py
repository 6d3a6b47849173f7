"""Malformed notes: each problem is a finding with a line and column, and the rest is still read."""
from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import sympy

from helpers import finding_places, load_text
from derivlint.cli import main
from derivlint.model.quantities import Entropy, Expectation
from derivlint.note.loading import load

NOTES = Path(__file__).resolve().parent / "notes"
SEED = Path(__file__).resolve().parent.parent / "derivations" / "vae_losses.md"


def symbol(loaded, key: str):
    return loaded.context.table.lookup(key).symbol


def claim_findings(loaded) -> list[tuple[str, int, int] | None]:
    """Per claim: its finding's (code, line, column), or None when it was read."""
    return [None if c.finding is None else (c.finding.code, c.finding.line, c.finding.column)
            for c in loaded.claims]


def values(claim) -> list:
    return [m.value for m in claim.reading.members]


def test_unbalanced_braces_spoil_only_their_claim():
    loaded = load(NOTES / "unbalanced_braces.md")
    assert not loaded.fatal and loaded.findings == []
    assert claim_findings(loaded) == [None, ("V106", 12, 14), None]  # the `=` where `}` was due
    a, b, s = (symbol(loaded, k) for k in ("a", "b", "s"))
    first, _, third = loaded.claims
    assert values(first) == [a + b, a + b]
    assert values(third) == [a, a]  # a/s * s
    assert not loaded.all_read


def test_an_undeclared_name_spoils_only_its_claim():
    loaded = load(NOTES / "undeclared_name.md")
    assert not loaded.fatal and loaded.findings == []
    assert claim_findings(loaded) == [None, ("V107", 9, 23), None]
    assert loaded.claims[1].finding.arguments["name"] == "w"
    a, b = symbol(loaded, "a"), symbol(loaded, "b")
    assert values(loaded.claims[0]) == [a + b, a + b]
    assert values(loaded.claims[2]) == [2 * a, 2 * a]


def test_broken_yaml_is_fatal_but_formulas_are_still_read_for_syntax():
    loaded = load(NOTES / "broken_yaml.md")
    assert loaded.fatal
    assert finding_places(loaded.findings) == [("V101", 4, 12)]  # the `{` that never closes
    assert [c.reading for c in loaded.claims] == [None, None]
    assert claim_findings(loaded) == [None, ("V106", 9, 14)]


@pytest.mark.parametrize("front, place", [
    ("verify:\n  symbols:\n    a: real\n   b: real\n", (5, 4)),
    ("verify: [1, 2\nother: 3\n", (3, 6)),
    ("verify:\n  symbols:\n    a: \"real\n", (4, 8)),
    ("title: a: b\n", (2, 9)),
    ("verify:\n\tsymbols: {}\n", (3, 1)),
])
def test_yaml_errors_point_at_their_place(tmp_path, front, place):
    loaded = load_text(tmp_path, f"---\n{front}---\n\n$$a = a$$\n")
    assert loaded.fatal
    assert finding_places(loaded.findings) == [("V101", *place)]
    assert len(loaded.claims) == 1


def test_an_unknown_family_in_the_front_matter_and_in_a_claim():
    loaded = load(NOTES / "unknown_family.md")
    assert not loaded.fatal
    assert finding_places(loaded.findings) == [("V108", 7, 11)]  # at `\mathrm{Weibull}`
    declared = loaded.findings[0].arguments
    assert declared["name"] == "Weibull" and "Normal" in declared["known"]
    assert claim_findings(loaded) == [None, ("V107", 13, 5), ("V108", 15, 22), None]
    assert loaded.claims[2].finding.arguments["name"] == "Frechet"
    mu = symbol(loaded, "\\mu")
    mean, entropy = values(loaded.claims[0]), values(loaded.claims[3])
    assert isinstance(mean[0], Expectation) and mean[1] == mu
    assert isinstance(entropy[0], Entropy) and entropy[0].args[0].family.name == "Normal"
    assert entropy[1] == sympy.log(2 * sympy.pi * sympy.E) / 2


def test_a_bad_declaration_spoils_only_the_claims_that_use_it(tmp_path):
    loaded = load_text(tmp_path, "---\nverify:\n  symbols:\n    a: real\n    b: realish\n---\n\n"
                                 "$$a = a$$\n\n$$b = b$$\n")
    assert finding_places(loaded.findings) == [("V102", 5, 5)]
    assert claim_findings(loaded) == [None, ("V107", 10, 3)]
    assert "line 5" in loaded.claims[1].finding.arguments["hint"]


def test_a_definition_that_does_not_read_points_into_the_front_matter(tmp_path):
    loaded = load_text(tmp_path, "---\nverify:\n  symbols:\n    a: real\n  functions:\n"
                                 "    f(a): \\frac{a}{2\n---\n\n$$a = a$$\n")
    assert finding_places(loaded.findings) == [("V106", 6, 21)]  # where `}` was due
    assert claim_findings(loaded) == [None]


def test_a_binary_file(tmp_path):
    loaded = load_text(tmp_path, b"PK\x03\x04 first line\nsecond \x00 line\n")
    assert loaded.fatal and loaded.claims == []
    assert finding_places(loaded.findings) == [("V100", 2, 8)]  # the first NUL byte


def test_a_file_that_is_not_utf8(tmp_path):
    loaded = load_text(tmp_path, "---\ntitle: caf\u00e9\n---\n$$a = a$$\n".encode("latin-1"))
    assert loaded.fatal and loaded.claims == []
    assert finding_places(loaded.findings) == [("V100", 2, 11)]  # the latin-1 é
    assert "byte 14" in loaded.findings[0].arguments["problem"]


def test_utf8_text_after_accented_letters_keeps_its_columns(tmp_path):
    loaded = load_text(tmp_path, "Caf\u00e9 $1 = w$.\n")
    assert claim_findings(loaded) == [("V107", 1, 11)]


def test_a_byte_order_mark_is_not_part_of_the_note(tmp_path):
    loaded = load_text(tmp_path, "\ufeff---\nverify:\n  symbols:\n    a: real\n---\n$$a = a$$\n".encode("utf-8"))
    assert loaded.findings == [] and not loaded.fatal
    assert claim_findings(loaded) == [None]


@pytest.mark.parametrize("text", ["", "\n\n  \n"])
def test_an_empty_file(tmp_path, text):
    loaded = load_text(tmp_path, text)
    assert not loaded.fatal and loaded.claims == []
    assert finding_places(loaded.findings) == [("V114", 1, 1)]


def test_a_missing_file(tmp_path):
    loaded = load(tmp_path / "nowhere.md")
    assert loaded.fatal and finding_places(loaded.findings) == [("V100", 1, 1)]


def test_a_directory_named_like_a_note(tmp_path):
    (tmp_path / "folder.md").mkdir()
    loaded = load(tmp_path / "folder.md")
    assert loaded.fatal and finding_places(loaded.findings) == [("V100", 1, 1)]


def test_a_where_directive_that_does_not_read(tmp_path):
    loaded = load_text(tmp_path, "---\nverify:\n  symbols:\n    a, b: real\n---\n"
                                 "$$a = a$$\n<!-- verify: where b = \\frac{a -->\n\n$$b = b$$\n")
    assert claim_findings(loaded) == [("V106", 7, 31), None]  # the end of `\frac{a`


# --- the command line: exit codes -----------------------------------------------------------
def run_parse(*paths) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["parse", *map(str, paths)])
    return code, out.getvalue(), err.getvalue()


def test_exit_0_when_every_claim_reads():
    assert run_parse(SEED)[0] == 0


def test_exit_0_for_a_well_formed_fixture(tmp_path):
    path = tmp_path / "good.md"
    path.write_text("---\nverify:\n  symbols:\n    a: real\n---\n$$a + a = 2a$$\n")
    assert run_parse(path)[0] == 0


@pytest.mark.parametrize("name", ["unbalanced_braces.md", "undeclared_name.md", "unknown_family.md"])
def test_exit_1_when_a_claim_does_not_read(name):
    code, out, _ = run_parse(NOTES / name)
    assert code == 1
    assert f"{name}:" in out


def test_exit_1_for_a_folder_with_one_bad_note(tmp_path):
    (tmp_path / "good.md").write_text("---\nverify: {}\n---\n$$1 + 1 = 2$$\n")
    (tmp_path / "bad.md").write_text("---\nverify: {}\n---\n$$1 + = 2$$\n")
    code, out, _ = run_parse(tmp_path)
    assert code == 1 and "bad.md:4:" in out


def test_exit_2_when_the_front_matter_is_broken():
    assert run_parse(NOTES / "broken_yaml.md")[0] == 2


def test_exit_2_when_a_note_cannot_be_opened(tmp_path):
    path = tmp_path / "binary.md"
    path.write_bytes(b"\x00\x01\x02")
    assert run_parse(path)[0] == 2
    assert run_parse(SEED, path)[0] == 2  # one unreadable note is enough


def test_exit_2_for_a_missing_path(tmp_path):
    code, out, err = run_parse(tmp_path / "missing.md")
    assert code == 2 and out == "" and err != ""


def test_an_empty_note_exits_1_unless_empty_is_allowed(tmp_path):
    path = tmp_path / "empty.md"
    path.write_text("")
    code, _, err = run_parse(path)
    assert code == 1 and err == "no claims in the 1 note read (--allow-empty to accept)\n"
    assert run_parse("--allow-empty", path)[0] == 0


# --- declarations that cannot be used -------------------------------------------------------
@pytest.mark.parametrize("section, place", [
    ("  symbols:\n    3: real\n", (4, 5)),                        # a number is not a name
    ("  symbols:\n    '': real\n", (4, 5)),                       # no name at all
    ("  symbols:\n    \\frac{a}{b}: real\n", (4, 5)),
    ("  symbols:\n    a b: real\n", (4, 5)),                      # two names without a comma
    ("  symbols:\n    x: real\n  functions:\n    x(y): y\n", (6, 5)),  # x is already a symbol
    ("  symbols:\n    x: real\n  distributions:\n    x(y): \\mathcal{N}(y; 0, 1)\n", (6, 5)),
    ("  symbols:\n    x: real\n  constants:\n    x: euler_gamma\n", (6, 5)),
    ("  functions:\n    (a): a\n", (4, 5)),
    ("  distributions:\n    p(x|): \\mathcal{N}(0, 1)\n", (4, 5)),
    ("  distributions:\n    \\frac{p}{q}(x): \\mathcal{N}(0, 1)\n", (4, 5)),
])
def test_a_declaration_that_cannot_be_used_is_shown_at_its_key(tmp_path, section, place):
    loaded = load_text(tmp_path, f"---\nverify:\n{section}---\n\n$$1 + 1 = 2$$\n")
    assert finding_places(loaded.findings) == [("V102", *place)]
    assert claim_findings(loaded) == [None]


def test_a_density_with_two_names_is_declared_once_each(tmp_path):
    loaded = load_text(tmp_path, "---\nverify:\n  symbols:\n    u: real\n  distributions:\n"
                                 "    p(x), p(y|u): \\mathcal{N}(x; u, 1)\n    q(x): \\mathcal{N}(x; p, 1)\n"
                                 "---\n$$H(p(x)) = H(p(y|u))$$\n")
    assert finding_places(loaded.findings) == [("V110", 7, 26)]  # q's mean: which p?
    assert {k: len(v) for k, v in loaded.context.table.distributions.items()} == {"p": 2}
    assert claim_findings(loaded) == [None]


def test_a_declaration_with_one_bad_name_declares_none_of_them(tmp_path):
    loaded = load_text(tmp_path, "---\nverify:\n  distributions:\n"
                                 "    p(x), p(x, y): \\mathcal{N}(x; 0, 1)\n---\n$$H(p(x)) = 1$$\n")
    assert finding_places(loaded.findings) == [("V102", 4, 5)]
    assert loaded.context.table.distributions == {}
    assert claim_findings(loaded) == [("V107", 6, 5)]


def test_a_where_value_with_an_undeclared_name(tmp_path):
    loaded = load_text(tmp_path, "---\nverify:\n  symbols:\n    a, b: real\n---\n"
                                 "$$a = b$$\n<!-- verify: where a = 2 w -->\n")
    assert claim_findings(loaded) == [("V107", 7, 26)]


def test_a_where_directive_binds_only_a_name(tmp_path):
    loaded = load_text(tmp_path, "---\nverify:\n  symbols:\n    a, b: real\n---\n"
                                 "$$a = b$$\n<!-- verify: where a + 1 = b -->\n")
    assert claim_findings(loaded) == [("V105", 7, 20)]  # at the argument


def test_environments_read_end_to_end():
    loaded = load(NOTES / "environments.md")
    assert loaded.findings == [] and claim_findings(loaded) == [None, None, None, None]
    a, b, c = (symbol(loaded, k) for k in "abc")
    square, multline, _, second = loaded.claims
    assert values(square) == [(a + b) ** 2, a ** 2 + 2 * a * b + b ** 2, b ** 2 + 2 * a * b + a ** 2]
    assert list(square.reading.relations) == ["=", "="]
    assert values(multline) == [a + b + c, c + b + a]
    assert [(item.claim.line, item.claim.column) for item in loaded.claims] == [(7, 1), (13, 1), (18, 1), (20, 1)]
    assert values(second) == [b, b + 1] and list(second.reading.relations) == ["\\le"]
