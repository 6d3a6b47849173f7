"""Hostile input: every case gives a finding or a message, never a traceback, never runs code."""
from __future__ import annotations

import io
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from derivlint.model.options import Options
from derivlint.cli import main
from derivlint.latex.errors import ReadError
from derivlint.latex.reader import read_chain
from derivlint.note.loading import load
from derivlint.model.names import NameTable

from helpers import assert_findings, check_text

ROOT = Path(__file__).resolve().parent.parent

CONTEXT = "---\nverify:\n  symbols:\n    x, y: real\n---\n"
GOOD = "$$(x+y)^2 = x^2 + 2xy + y^2$$\n"


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def finding_codes(result) -> list[str]:
    return [f.code for f in result.findings]


@pytest.mark.parametrize("formula, code", [
    (r"$$\frac{1}{2 = x$$", "V106"),                                  # unbalanced brace
    (r"$$x + z = y$$", "V107"),                                        # undeclared name
    (r"$$\mathbb{E}_{x\sim\mathrm{Weibull}(1, 2)}[x] = 1$$", "V108"),  # unknown family
    ("$$" + "x + " * 6000 + "x = y$$", "V106"),                        # too long to be a formula
    ("$$" + "(" * 3000 + "x" + ")" * 3000 + " = x$$", "V106"),         # nested past any reading
    (r"$$2^{2^{40}} + x = y$$", "V109"),                               # a number no one can compute
    (r"$$x! = 100000!$$", "V109"),
])
def test_malformed_formula_is_a_finding_and_the_other_claims_are_checked(tmp_path, formula, code):
    result = check_text(tmp_path, CONTEXT + formula + "\n\n" + GOOD, Options(methods=("symbolic",)))
    assert_findings(result, code)  # that finding only: the good claim after it is verified
    assert [c.verdict for c in result.claims][-1] == "verified"


@pytest.mark.parametrize("attack", [
    "$$__import__('os').system('touch {flag}') = 0$$",
    "$$exec(open('{flag}', 'w').write('x')) = 1$$",
    "$$\\mathrm{eval}(\\text{open('{flag}','w')}) = 1$$",
])
def test_code_in_a_formula_is_never_run(tmp_path, attack):
    flag = tmp_path / "PWNED"
    result = check_text(tmp_path, CONTEXT + attack.replace("{flag}", str(flag)) + "\n\n" + GOOD)
    assert not flag.exists()
    assert {"V106", "V107"} & set(finding_codes(result))
    assert result.claims[-1].verdict == "verified"


@pytest.mark.parametrize("front", [
    "---\nverify:\n  symbols:\n    x: __import__('os').system('touch {flag}')\n    y: real\n---\n",
    "---\nverify:\n  symbols:\n    x, y: real\n  functions:\n    f(x): exec(open('{flag}','w'))\n---\n",
    "---\nverify:\n  symbols:\n    x, y: real\n  distributions:\n    p(x): __import__('os')\n---\n",
    "---\nverify:\n  symbols:\n    x, y: real\n    z: !!python/object/apply:os.system ['touch {flag}']\n---\n",
])
def test_code_in_the_front_matter_is_never_run(tmp_path, front):
    flag = tmp_path / "PWNED"
    note = tmp_path / "note.md"
    note.write_text(front.replace("{flag}", str(flag)) + GOOD)
    loaded = load(note)
    assert not flag.exists()
    assert {f.code for f in loaded.findings} & {"V101", "V102", "V106", "V107", "V108"}
    code, out, err = run_cli("check", str(note))
    assert not flag.exists()
    assert "Traceback" not in out + err


def test_broken_yaml_binary_and_empty_files_get_a_message(tmp_path):
    (tmp_path / "yaml.md").write_text("---\nverify: {symbols: [x\n---\n" + GOOD)
    (tmp_path / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "latin1.md").write_bytes("caf\xe9 $$1 = 1$$".encode("latin-1"))
    (tmp_path / "empty.md").write_text("")
    code, out, err = run_cli("check", "--format", "json", str(tmp_path))
    assert code == 2 and "Traceback" not in out + err
    assert load(tmp_path / "yaml.md").findings[0].code == "V101"
    assert load(tmp_path / "binary.md").findings[0].code == "V100"
    assert load(tmp_path / "latin1.md").findings[0].code == "V100"
    empty = load(tmp_path / "empty.md")
    assert (empty.fatal, empty.claims, [f.code for f in empty.findings]) == (False, [], ["V114"])


LATEX_TOKENS = st.sampled_from([
    "x", "y", "2", "0.5", "+", "-", "=", "^", "_", "{", "}", "(", ")", "[", "]", "|", "\\|", ",", ";",
    "\\frac", "\\sqrt", "\\sum", "\\prod", "\\int", "dx", "\\log", "\\exp", "\\left(", "\\right)",
    "\\left[", "\\right]", "\\mathbb{E}", "\\sim", "\\mathcal{N}", "D_{KL}", "\\cdot", "\\le", "\\equiv",
    "\\tilde{x}", "\\sigma", "!", "&", "\\\\", "\\text{", "$", "%", "\\,", " ", "\\begin{aligned}",
])


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.one_of(st.text(max_size=80), st.lists(LATEX_TOKENS, max_size=30).map("".join)))
def test_fuzz_the_reader_gives_a_reading_or_its_own_error(text):
    table = NameTable()
    try:
        read_chain(text, table)
    except ReadError as error:
        assert error.code.startswith("V1")


@pytest.mark.parametrize("command", ["parse", "check"])
def test_a_reader_that_stops_early_gets_no_traceback(command):
    """`python -m derivlint check NOTE | head -1`, at its worst: the pipe is closed before any report."""
    process = subprocess.Popen([sys.executable, "-m", "derivlint", command, "derivations/vae_losses.md"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    error = process.stderr.read().decode()
    assert process.wait(timeout=300) == 1
    assert "Traceback" not in error and "BrokenPipe" not in error, error



def test_a_lone_point_is_a_reading_error_not_a_fault():
    """`\\frac0.0` gives \\frac its one-token arguments `0` and `.`: once a ValueError in the builder."""
    from derivlint.latex.reader import read_expression
    with pytest.raises(ReadError) as raised:
        read_expression(r"\frac0.0", NameTable())
    assert (raised.value.code, raised.value.arguments["problem"]) == ("V109", "`.` is not a number")
    assert str(read_expression(r"\frac{0.5}{2}", NameTable())) == "1/4"


def test_a_vector_written_as_an_index_is_a_reading_error_not_a_fault():
    """`z_{z}` once raised a TypeError in the builder (1 - Vector), which became V109 by accident."""
    from derivlint.latex.reader import read_expression
    from derivlint.model.names import Scalar, Vector
    import sympy
    table = NameTable()
    d = sympy.Symbol("d", positive=True, integer=True)
    table.declare("d", Scalar(d))
    table.declare("z", Vector(sympy.IndexedBase("z", real=True), d))
    with pytest.raises(ReadError) as raised:
        read_expression(r"z_{z}", table)
    assert (raised.value.code, raised.value.arguments["problem"]) == ("V109", "the index of `z` is not a number")
