"""The shared helpers can fail: assert_findings and the snapshot comparison say what differs."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from helpers import GAUSSIANS, assert_findings
from derivlint.model.findings import Finding

KL_SIGN_SLIP = (r"$$D_{KL}(q\|p) = \log\frac{s}{\sigma} + \frac{\sigma^2 + (\mu - m)^2}{2 s^2} + \frac{1}{2}$$"
                "\n")


def result_with(*findings: Finding) -> SimpleNamespace:
    """What assert_findings reads of a NoteResult: its findings."""
    return SimpleNamespace(findings=list(findings))


SIGN = Finding("V201", 3, 1, args=(("term", "x"),), kind="sign")
REPEAT = Finding("V401", 7, 2, args=(("line", 3),))
NO_RELATION = Finding("V301", 9, 1)


def failure(action) -> str:
    with pytest.raises(AssertionError) as caught:
        action()
    return str(caught.value)


def test_codes_match_in_any_order_and_the_result_is_returned():
    result = result_with(REPEAT, SIGN, NO_RELATION)
    assert assert_findings(result, "V201", "V301", "V401") is result
    assert assert_findings(result, "V301", "V401", "V201") is result
    assert assert_findings(result_with()) is not None  # no finding, none expected


def test_a_missing_an_extra_or_a_repeated_code_fails_with_places_and_messages():
    message = failure(lambda: assert_findings(result_with(SIGN, REPEAT), "V201", "V301"))
    assert "expected codes: ['V201', 'V301']" in message and "found codes:    ['V201', 'V401']" in message
    assert "missing:        ['V301']" in message and "unexpected:     ['V401']" in message
    assert "V201 at 3:1: sign error on x" in message
    assert "V401 at 7:2: this repeats the refuted result of line 3" in message
    # a multiset: the same code twice is not the same code once
    assert "unexpected:     ['V201']" in failure(lambda: assert_findings(result_with(SIGN, SIGN), "V201"))
    assert "missing:        ['V201']" in failure(lambda: assert_findings(result_with(SIGN), "V201", "V201"))
    assert "(none)" in failure(lambda: assert_findings(result_with(), "V201"))


def test_a_tool_fault_fails_even_when_it_is_expected():
    fault = Finding("V900", 1, 1, args=(("stage", "checking"), ("error", "KeyError: 'boom'")))
    message = failure(lambda: assert_findings(result_with(SIGN, fault), "V201", "V900"))
    assert "tool faults (V9xx) are never findings about the note: V900" in message
    assert "V900 at 1:1: internal error while checking: KeyError: 'boom'" in message


def test_codes_are_given_one_per_argument():
    assert "one per argument" in failure(lambda: assert_findings(result_with(SIGN), "V201 V401"))
    assert "one per argument" in failure(lambda: assert_findings(result_with(SIGN), ["V201"]))


def test_a_note_text_is_checked_for_the_assertion():
    result = assert_findings(GAUSSIANS % "" + KL_SIGN_SLIP, "V201")
    assert [c.verdict for c in result.claims] == ["refuted"]
    assert "found codes:    ['V201']" in failure(lambda: assert_findings(GAUSSIANS % "" + KL_SIGN_SLIP))
