"""Markdown -> claims: display blocks, inline claims, positions, directives, what is not maths."""
from __future__ import annotations

import pytest

from derivlint.note.document import read_note


def claims_of(text: str):
    note = read_note("note.md", text)
    return note, note.claims


def places(claims) -> list[tuple[int, int]]:
    return [(c.line, c.column) for c in claims]


def codes(note) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in note.findings]


# --- display blocks -------------------------------------------------------------------------
@pytest.mark.parametrize("text, latex", [
    ("$$a = b$$", "a = b"),
    ("$$\na = b\n$$", "a = b"),
    ("\\[ a = b \\]", "a = b"),
    ("\\begin{equation}\na = b\n\\end{equation}", "a = b"),
    ("\\begin{equation*}\na = b \\label{eq:x}\n\\end{equation*}", "a = b \\label{eq:x}"),
    ("\\begin{gather*}a = b\\end{gather*}", "a = b"),
])
def test_each_display_block_is_one_claim(text, latex):
    note, claims = claims_of("Some prose.\n\n" + text + "\n\nMore prose.\n")
    assert len(claims) == 1 and note.findings == []
    assert claims[0].display and claims[0].latex == latex
    assert places(claims) == [(3, 1)]


def test_a_display_block_without_a_relation_is_still_a_claim():
    _, claims = claims_of("$$a + b$$\n")
    assert [c.latex for c in claims] == ["a + b"]


def test_align_rows_chain_and_ampersands_vanish():
    text = "Intro.\n\\begin{align}\na &= b \\\\\n  &= c \\\\\n  &\\le d\n\\end{align}\n"
    note, claims = claims_of(text)
    assert len(claims) == 1 and note.findings == []
    claim = claims[0]
    assert places(claims) == [(2, 1)]
    assert [f.continues for f in claim.fragments] == [False, True, True]
    assert "&" not in claim.latex
    assert claim.latex.split() == ["a", "=", "b", "=", "c", "\\le", "d"]
    for fragment in claim.fragments:  # offsets point into the note, ampersands kept as spaces
        assert text[fragment.offset : fragment.offset + len(fragment.text)].replace("&", " ") == fragment.text


def test_an_align_row_with_its_own_left_side_starts_a_new_claim():
    text = "\\begin{align*}\na &= b \\\\\n  &= c \\\\\nd &\\le e \\\\\n  &= f\n\\end{align*}\n"
    _, claims = claims_of(text)
    assert places(claims) == [(1, 1), (4, 1)]
    assert [len(c.fragments) for c in claims] == [2, 2]


def test_a_display_block_that_starts_with_a_relation_continues_the_chain():
    text = "$$a = b$$\n$$= c$$\n\n$$\n\\equiv d\n$$\n"
    _, claims = claims_of(text)
    assert len(claims) == 1
    assert [f.continues for f in claims[0].fragments] == [False, True, True]
    assert claims[0].latex == "a = b = c \\equiv d"


@pytest.mark.parametrize("opening", ["= c", "&= c", "\\le c", "\\leq c", "< c", "\\propto c", "\\equiv c"])
def test_every_relation_can_open_a_continuation(opening):
    _, claims = claims_of(f"$$a = b$$\n$${opening}$$\n")
    assert len(claims) == 1 and len(claims[0].fragments) == 2


def test_a_relation_word_that_is_not_a_relation_does_not_continue():
    _, claims = claims_of("$$a = b$$\n$$\\left(c\\right) = d$$\n")
    assert len(claims) == 2


def test_a_continuation_after_inline_maths_is_its_own_claim():
    _, claims = claims_of("Here $a = b$.\n\n$$= c$$\n")
    assert len(claims) == 2 and claims[1].fragments[0].continues


# --- inline maths ---------------------------------------------------------------------------
def test_inline_maths_with_a_relation_is_a_claim():
    text = "So $D = 3 \\times 32 = 96$ here, $x$ there and $a + b$ too; \\(c \\le d\\) and \\(e\\).\n"
    note, claims = claims_of(text)
    assert [c.latex for c in claims] == ["D = 3 \\times 32 = 96", "c \\le d"]
    assert [c.display for c in claims] == [False, False]
    assert places(claims) == [(1, 4), (1, 60)]
    assert note.findings == []


@pytest.mark.parametrize("body", ["p(x|z)", "f(a = b)", "\\{x = 1\\}", "\\frac{a}{b = c}", "x_{i=1}"])
def test_a_relation_inside_brackets_does_not_make_a_claim(body):
    _, claims = claims_of(f"Text ${body}$ text.\n")
    assert claims == []


@pytest.mark.parametrize("body", ["a < b", "a > b", "a \\ge b", "a \\propto b", "a \\equiv b", "p(x) = q"])
def test_inline_relations(body):
    _, claims = claims_of(f"Text ${body}$ text.\n")
    assert len(claims) == 1


def test_inline_maths_does_not_span_a_paragraph():
    note, claims = claims_of("It holds $x.\n\nThen $a = b$.\n")
    assert [c.latex for c in claims] == ["a = b"]
    assert codes(note) == [("V103", 1, 10)]


def test_escaped_dollars_are_text():
    _, claims = claims_of("From \\$5 = \\$5 to $a = b$.\n")
    assert [c.latex for c in claims] == ["a = b"]


# --- positions ------------------------------------------------------------------------------
def test_lines_and_columns_count_from_one_after_the_front_matter():
    text = "---\ntitle: x\nverify:\n  symbols:\n    a: real\n---\n# Title\n\nLine $a = a$.\n  $$a = a$$\n"
    note, claims = claims_of(text)
    assert note.front_matter == "title: x\nverify:\n  symbols:\n    a: real\n"
    assert note.front_matter_line == 2
    assert places(claims) == [(9, 6), (10, 3)]
    assert [note.position(f.offset) for c in claims for f in c.fragments] == [(9, 7), (10, 5)]


def test_crlf_line_endings():
    text = "---\r\nverify:\r\n  symbols:\r\n    a: real\r\n---\r\nText $a = a$.\r\n\r\n$$\r\na = a\r\n$$\r\n"
    note, claims = claims_of(text)
    assert note.front_matter is not None and "symbols" in note.front_matter
    assert places(claims) == [(6, 6), (8, 1)]
    assert [c.latex for c in claims] == ["a = a", "a = a"]


def test_a_front_matter_must_open_on_the_first_line():
    note, claims = claims_of("\n---\nverify: {}\n---\n$$a = b$$\n")
    assert note.front_matter is None and len(claims) == 1


# --- directives -----------------------------------------------------------------------------
def test_directives_attach_to_the_claim_right_before_them():
    text = ("$$a = b$$\n<!-- verify: expect refuted -->\n\n"
            "$$c = d$$\n\n<!-- verify: skip; where c = a -->\n"
            "Inline $e = f$<!-- verify: defines e -->.\n"
            "$$g = h$$ <!-- an ordinary comment -->\n")
    note, claims = claims_of(text)
    assert note.findings == []
    assert [[(d.name, d.argument) for d in c.directives] for c in claims] == [
        [("expect refuted", "")], [("skip", ""), ("where", "c = a")], [("defines", "e")], []]
    where = claims[1].directive("where")[0]
    assert where.argument == "c = a"
    assert text[where.argument_offset : where.argument_offset + len(where.argument)] == "c = a"
    assert note.position(where.offset) == (6, 1)


def test_a_directive_after_a_continued_chain_attaches_to_the_whole_chain():
    _, claims = claims_of("$$a = b$$\n$$= c$$\n<!-- verify: expect refuted -->\n")
    assert len(claims) == 1 and [d.name for d in claims[0].directives] == ["expect refuted"]


def test_a_directive_after_prose_is_stray():
    note, claims = claims_of("$$a = b$$\nSome prose.\n<!-- verify: skip -->\n")
    assert claims[0].directives == []
    assert codes(note) == [("V104", 3, 1)]


def test_a_directive_before_any_claim_is_stray():
    note, _ = claims_of("# Title\n  <!-- verify: skip -->\n$$a = b$$\n")
    assert codes(note) == [("V104", 2, 3)]


def test_an_unknown_directive_is_reported_and_the_known_ones_kept():
    note, claims = claims_of("$$a = b$$\n<!-- verify: expect refute; skip -->\n")
    assert codes(note) == [("V105", 2, 1)]
    assert note.findings[0].arguments["directive"] == "expect refute"
    assert [d.name for d in claims[0].directives] == ["skip"]


# --- what is not maths ----------------------------------------------------------------------
def test_code_fences_and_inline_code_are_skipped():
    text = ("```\n$$a = b$$\n```\n"
            "~~~python\nx = '$c = d$'\n~~~\n"
            "Inline `$e = f$` and ``$g = h$`` code.\n"
            "    ```text\n    $$i = j$$\n    ```\n"
            "$$k = l$$\n")
    note, claims = claims_of(text)
    assert [c.latex for c in claims] == ["k = l"]
    assert note.findings == []


def test_an_unclosed_fence_hides_the_rest():
    _, claims = claims_of("$$a = b$$\n```\n$$c = d$$\n")
    assert [c.latex for c in claims] == ["a = b"]


def test_maths_inside_html_comments_is_not_read():
    _, claims = claims_of("<!-- $$a = b$$ -->\n$$c = d$$\n")
    assert [c.latex for c in claims] == ["c = d"]


def test_other_environments_are_not_claims():
    _, claims = claims_of("\\begin{tabular}{c}\n$a = b$\n\\end{tabular}\n$$c = d$$\n")
    assert [c.latex for c in claims] == ["c = d"]


# --- unclosed delimiters --------------------------------------------------------------------
@pytest.mark.parametrize("text, place", [
    ("Prose.\n\n$$ a = b\n\nmore\n", (3, 1)),
    ("Prose.\n  \\[ a = b\n", (2, 3)),
    ("x\n\\begin{align}\na &= b\n", (2, 1)),
    ("<!-- verify: skip\n", (1, 1)),
    ("Some $a = b\n\nnext\n", (1, 6)),
])
def test_unclosed_delimiters(text, place):
    note, claims = claims_of(text)
    assert codes(note) == [("V103", *place)]
    assert claims == []


def test_an_unclosed_block_does_not_hide_what_follows():
    note, claims = claims_of("$$a = b$$\n\\[ c = d\n\n$$e = f$$\n")
    assert codes(note) == [("V103", 2, 1)]
    assert [c.latex for c in claims] == ["a = b", "e = f"]


# --- environments inside display maths, and rows that carry on a line --------------------
def test_aligned_inside_dollars_is_split_into_rows():
    _, claims = claims_of("$$\\begin{aligned} a &= b \\\\ &= c \\end{aligned}$$\n")
    assert len(claims) == 1
    assert [f.continues for f in claims[0].fragments] == [False, True]
    assert claims[0].latex.split() == ["a", "=", "b", "=", "c"]


def test_split_inside_an_equation_is_split_into_rows():
    text = "\\begin{equation}\n\\begin{split}\na &= b \\\\\n  &\\le c\n\\end{split}\n\\end{equation}\n"
    _, claims = claims_of(text)
    assert len(claims) == 1 and claims[0].latex.split() == ["a", "=", "b", "\\le", "c"]


def test_a_row_that_starts_with_an_operator_carries_on_the_row_above():
    text = "\\[\n\\begin{aligned}\na &= b + c \\\\\n  &\\quad - d \\\\\n  &= e\n\\end{aligned}\n\\]\n"
    _, claims = claims_of(text)
    assert len(claims) == 1
    first, second = claims[0].fragments
    assert first.text.split() == ["a", "=", "b", "+", "c", "\\quad", "-", "d"]
    assert second.continues and second.text.split() == ["=", "e"]
    assert text[first.offset : first.offset + len(first.text)].replace("&", " ").replace("\\\\", "  ") == first.text


def test_a_multline_is_one_formula():
    _, claims = claims_of("\\begin{multline}\na + b \\\\\n+ c = d \\\\\n= e\n\\end{multline}\n")
    assert len(claims) == 1 and len(claims[0].fragments) == 1
    assert claims[0].latex.split() == ["a", "+", "b", "+", "c", "=", "d", "=", "e"]


# --- display wrappers real notes use -------------------------------------------------------
@pytest.mark.parametrize("text, rows", [
    ("$$\n\\begin{aligned}\na &= b \\\\\n&= c\n\\end{aligned}\n$$", ["a = b", "= c"]),
    ("\\[\n\\begin{align}\na &= b \\notag \\\\\n&= c \\tag{2}\n\\end{align}\n\\]", ["a = b \\notag", "= c \\tag{2}"]),
    ("\\[\\begin{equation}a = b\\end{equation}\\]", ["a = b"]),
    ("$$\\begin{split}a &= b \\\\ &= c\\end{split}$$", ["a = b", "= c"]),
    ("$$\\begin{gather*}a = b\\end{gather*}$$", ["a = b"]),
    ("$$a &= b \\\\ &= c$$", ["a = b", "= c"]),  # MathJax and Jupyter: rows in a plain $$
    ("$$\\begin{multline}a = b \\\\ + c\\end{multline}$$", ["a = b    + c"]),
])
def test_environments_inside_display_maths_and_row_breaks_in_a_plain_display(text, rows):
    note, claims = claims_of(text + "\n")
    assert note.findings == [] and len(claims) == 1
    assert [" ".join(f.text.split()) for f in claims[0].fragments] == [" ".join(r.split()) for r in rows]
    for fragment in claims[0].fragments:  # offsets still point into the note
        written = text[fragment.offset: fragment.offset + len(fragment.text)]
        assert " ".join(written.replace("&", " ").replace("\\\\", "  ").split()) == " ".join(fragment.text.split())


@pytest.mark.parametrize("text, latex", [
    (r"$$a = b && \text{(expand)}$$", "a = b"),
    (r"$$a = b \quad\text{where } a, b \text{ are real}$$", "a = b"),
    (r"$$a = b \qquad \mbox{by parts}$$", "a = b"),
    (r"$$a = b & \scriptstyle\text{; because } b = a$$", "a = b"),
    (r"$$a = b \, \text{for all } a$$", "a = b"),
    (r"$$a = b & \scriptstyle{\text{; Because }p(z \vert x) = p(z, x) / p(x)}$$", "a = b"),  # Lilian Weng's
    (r"$$z = \mu + \sigma \text{, where } \sigma > 0$$", r"z = \mu + \sigma"),  # prose words after a space
    (r"$$a = b \text{ for all } a$$", "a = b"),
    (r"$$a = b \tag*{(1)}$$", "a = b \\tag*{(1)}"),  # a tag is read (and ignored) by the reader
    (r"$$\log \text{softmax}(x) = y$$", r"\log \text{softmax}(x) = y"),  # a name, not an annotation
    (r"$$\mathcal{L}_{\text{VAE}} = a$$", r"\mathcal{L}_{\text{VAE}} = a"),
])
def test_an_annotation_after_a_formula_is_prose_and_the_formula_is_kept(text, latex):
    note, claims = claims_of(text + "\n")
    assert note.findings == [] and [" ".join(c.latex.split()) for c in claims] == [latex]


def test_mathjax_script_blocks_are_maths():
    # an old Jekyll post: MathJax 2's <script type="math/tex; mode=display"> blocks (and inline ones)
    text = ('Text <script type="math/tex">a = b</script> and <script type="math/tex">a</script>.\n\n'
            '<script type="math/tex; mode=display">\nc = d\n</script>\n')
    note, claims = claims_of(text)
    assert [(c.latex.strip(), c.display) for c in claims] == [("a = b", False), ("c = d", True)]


def test_nested_display_environments_are_read_to_the_innermost(tmp_path):
    # a blog's \[ \begin{equation}\begin{split} ... \end{split}\end{equation} \]: `\begin` was read as a name
    note = ("---\nverify:\n  symbols:\n    a: real\n---\n\\[\n\\begin{equation}\n\\begin{split}\n"
            "(a+1)^2 &= a^2 + 2a + 1 \\\\\n&= (a + 2) a + 1\n\\end{split}\n\\end{equation}\n\\]\n")
    from helpers import check_text
    (claim,) = check_text(tmp_path, note).claims
    assert claim.verdict == "verified" and len(claim.links) == 2 and claim.findings == []
