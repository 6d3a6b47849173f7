"""Findings are typed data; report/messages.py alone turns them into English."""
from __future__ import annotations

import pytest

from derivlint.model.findings import CODES, Finding
from derivlint.model.stops import DEADLINE, DIED, FAULT, Stopped
from derivlint.report.messages import TEMPLATES, explain, message


@pytest.mark.parametrize(("code", "args", "expected"), [
    ("V201", (("term", ""), ("side", "whole")), "sign error on the whole side (every term)"),
    ("V202", (("term", ""), ("factor", "2"), ("side", "whole")), "the whole side is off by a factor 2"),
    ("V201", (("term", "a"), ("second", "b")), "sign error on a and b"),
    ("V210", (("term", r"\log_2 x"), ("base", "e")), r"the logarithm base is off: \log_2 x: a natural log is due"),
    ("V210", (("term", r"\log x"), ("base", 10)), r"the logarithm base is off: \log x: base 10 is due"),
    ("V200", (("index", 2), ("relation", "="), ("counterexample", (("a", 0.5), ("d", 2)))),
     "link 2 (=) does not hold: at a = 0.5, d = 2"),
    ("V200", (("index", 1), ("relation", "=")), "link 1 (=) does not hold: by Monte Carlo"),
    ("V303", (("index", 1), ("relation", "="), ("reason", Stopped(DEADLINE, 12.5))),
     "link 1 (=) could not be checked: the check ran past its deadline of 12.5 s and was stopped"),
    ("V303", (("index", 1), ("relation", "="), ("reason", Stopped(DIED))),
     "link 1 (=) could not be checked: the worker checking it died"),
    ("V303", (("index", 1), ("relation", "="), ("reason", Stopped(FAULT))),
     "link 1 (=) could not be checked: internal error in the tool (V900)"),
])
def test_typed_arguments_are_rendered_as_the_reports_say_them(code, args, expected):
    assert message(Finding(code, 1, 1, args=args)) == expected


def test_a_slips_context_is_said_after_it_in_one_order():
    finding = Finding("V201", 3, 1, args=(("term", r"\log\sigma"), ("origin", 7), ("origin_quantity", "kl"),
                                           ("defined", "L"), ("definition", "negative-elbo")))
    assert message(finding) == (r"sign error on \log\sigma; the error is the KL divergence's: it repeats the refuted "
                                "result of line 7; L is defined as the negative ELBO (a loss: expected negative "
                                "log-likelihood plus the KL)")
    carried = Finding("V202", 3, 1, args=(("term", "x"), ("factor", "1/2"), ("carried", 3)))
    assert message(carried) == "x is off by a factor 1/2; member 3 carries the slip of an earlier member through a step that holds"


def test_every_code_has_a_template_whose_fields_are_its_parameters():
    assert set(TEMPLATES) == set(CODES)
    for code, entry in CODES.items():
        fields = {f for f in TEMPLATES[code].replace("}", "{").split("{")[1::2]}
        assert fields <= set(entry.parameters) | {"evidence"}, code


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_codes_explanation_has_an_example_and_a_fix(code):
    text = explain(code)
    assert text.startswith(f"{code} ({CODES[code].name})\n\n")
    assert "Example" in text and "Fix:" in text
