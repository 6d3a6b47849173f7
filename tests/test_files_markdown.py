"""Markdown by CommonMark's block rules: code is not maths, blockquotes and callouts lose their markers, `$5` is a price."""
from __future__ import annotations

import pytest

from helpers import NORMAL, check_text, finding_places, verdicts
from derivlint.note.document import read_note
from derivlint.note.markdown_blocks import masked


def read(text: str):
    note = read_note("note.md", text)
    return [(c.latex, c.line, c.column) for c in note.claims], [(f.code, f.line, f.column) for f in note.findings]


# --- code is not maths ------------------------------------------------------------------------
def test_an_indented_code_block_is_not_maths():
    text = "Prose.\n\n    $$a = b$$\n    x = '$c = d$'\n\n$$e = f$$\n"
    assert read(text) == ([("e = f", 6, 1)], [])


def test_indented_maths_inside_a_list_item_is_not_code():
    # four spaces in a list item whose content starts at column 4 are one space of indentation: a paragraph
    text = "1.  Step one:\n\n    $$a = b$$\n"
    assert read(text) == ([("a = b", 3, 5)], [])


def test_indented_rows_inside_a_display_are_maths_not_code():
    text = "$$\na = b\n\n    + c\n$$\n"
    claims, findings = read(text)
    assert findings == [] and len(claims) == 1 and claims[0][0].split() == ["a", "=", "b", "+", "c"]


def test_fenced_code_in_a_blockquote_and_a_list_is_not_maths():
    text = "> ```\n> $$a = b$$\n> ```\n\n- item\n\n  ~~~\n  $c = d$\n  ~~~\n\n$$e = f$$\n"
    assert read(text) == ([("e = f", 11, 1)], [])


@pytest.mark.parametrize("fence", ["```math", "``` math", "~~~math", "```Math"])
def test_a_math_fence_is_display_maths(fence):
    closer = fence[:3]
    text = f"Intro.\n\n{fence}\na = b\n{closer}\n"
    assert read(text) == ([("a = b", 3, 1)], [])


def test_a_math_fence_inside_a_blockquote_is_display_maths_at_its_place():
    text = "> Quoted:\n> ```math\n> a = b\n> ```\n"
    note = read_note("note.md", text)
    assert [c.latex for c in note.claims] == ["a = b"]
    fragment = note.claims[0].fragments[0]
    assert note.position(fragment.offset + fragment.text.index("a")) == (3, 3)


def test_an_unclosed_math_fence_is_reported():
    assert read("```math\na = b\n") == ([], [("V103", 1, 1)])


# --- blockquotes and callouts ----------------------------------------------------------------
def test_a_blockquoted_display_loses_its_markers_and_keeps_its_place():
    text = "Intro.\n\n> $$\n> a = b\n> $$\n"
    note = read_note("note.md", text)
    assert [(c.latex, c.line, c.column) for c in note.claims] == [("a = b", 3, 3)]
    assert ">" not in note.claims[0].fragments[0].text
    assert note.text == text  # the note itself is kept byte for byte


def test_an_align_in_a_callout_chains_its_rows_without_greater_than():
    text = ("> [!note] The bound\n> \\begin{align}\n> a &= b \\\\\n>   &\\le c\n> \\end{align}\n")
    note = read_note("note.md", text)
    assert note.findings == [] and len(note.claims) == 1
    assert note.claims[0].latex.split() == ["a", "=", "b", "\\le", "c"]
    assert [f.continues for f in note.claims[0].fragments] == [False, True]


def test_nested_blockquotes_and_lazy_lines():
    text = "> > $$a = b$$\n> > lazy $c = d$\ne = f $g = h$\n"
    assert read(text) == ([("a = b", 1, 5), ("c = d", 2, 10), ("g = h", 3, 7)], [])


def test_a_greater_than_outside_a_blockquote_is_kept():
    assert read("$$\na\n> b\n$$\n") == ([("a\n> b", 1, 1)], [])


def test_masking_keeps_every_offset_and_line():
    text = "---\nverify: {}\n---\n> $$a$$\n\n    code\n```py\nx\n```\n"
    out = masked(text, text.index("\n---") + 4)
    assert len(out) == len(text) and out.count("\n") == text.count("\n")
    assert out.splitlines()[3] == "  $$a$$" and out.splitlines()[5].strip() == "" and out.splitlines()[7] == " "
    assert out.startswith("---\nverify: {}\n---\n")  # the front matter is the YAML reader's, untouched


def test_a_blockquoted_slip_is_refuted_at_its_line_and_column(tmp_path):
    text = NORMAL + "The mean, quoted:\n\n> $$\\mathbb{E}[x] = 2\\mu$$\n"
    result = check_text(tmp_path, text)
    assert verdicts(result) == ["refuted"]
    claim = result.claims[0].claim
    assert (claim.line, claim.column) == (11, 3)
    assert [(code, line) for code, line, _ in finding_places(result.findings)] == [("V202", 11)]
    column = finding_places(result.findings)[0][2]
    assert text.splitlines()[10][column - 1 :].startswith("2\\mu")


# --- dollars in prose --------------------------------------------------------------------------
def test_a_readme_with_prices_has_no_finding():
    text = ("# Pricing\n\nThe basic plan costs $5 a month, the team plan $10.50, and the site licence $1,000.\n\n"
            "A $20 voucher: pay $15 instead.\n")
    assert read(text) == ([], [])


@pytest.mark.parametrize("text, claims", [
    ("Pay $5 and then $a = b$.\n", [("a = b", 1, 17)]),   # the price's `$` finds no closer before `$a`
    ("So $5 = 5$ holds.\n", [("5 = 5", 1, 4)]),           # a closer with no space before it: maths
    ("It was $5$ and $x = 1$.\n", [("x = 1", 1, 16)]),
])
def test_a_dollar_before_a_digit_is_maths_only_with_a_closer(text, claims):
    assert read(text) == (claims, [])


def test_an_unclosed_dollar_before_a_letter_is_still_reported():
    assert read("Some $a = b\n\nnext\n") == ([], [("V103", 1, 6)])


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_code_is_blanked_at_its_lines_whatever_ends_them(newline):
    text = newline.join(["Prose.", "", "    $$a = b$$", "", "> $$c = d$$", "", "$$e = f$$", ""])
    out = masked(text, 0)
    assert len(out) == len(text)
    assert "a = b" not in out and "  $$c = d$$" in out and "$$e = f$$" in out
