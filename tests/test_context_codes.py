"""Front-matter and directive codes with no other test: V111, V112, V113, V302; kinds map to codes."""
from __future__ import annotations

from verify.model.findings import KIND_CODES
from verify.note.loading import load

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
    assert len(set(KIND_CODES.values())) == len(KIND_CODES) == 11
