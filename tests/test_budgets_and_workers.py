"""Time budgets (SIGALRM in-process, deadlines on workers) and -j N runs identical to serial ones."""
from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from derivlint.run import workers as parallel
from derivlint.model.options import Options
from derivlint.run.note import check_note
from derivlint.note.loading import load
from derivlint.report.json_report import write_json
from derivlint.report.messages import message

from helpers import check_text

SEED = Path(__file__).resolve().parent.parent / "derivations" / "vae_losses.md"
# Equal, but only after expanding two 60th powers: minutes of pure-Python algebra.
HANGS = ("---\nverify:\n  symbols:\n    a, b, c: real\n---\n"
         "$$(a + b + c)^{60}(a - b - c)^{60} = (a^2 - (b + c)^2)^{60} + 0 \\cdot a$$\n\n"
         "$$(a + b)^2 = a^2 + 2ab + b^2$$\n")


def report(results) -> str:
    out = io.StringIO()
    write_json(out, results)
    return out.getvalue()


def test_algebra_that_hangs_is_stopped_and_the_link_unchecked(tmp_path):
    result = check_text(tmp_path, HANGS, Options(methods=("symbolic",), budget=0.5))
    hung, fine = result.claims
    assert hung.verdict == "unchecked"
    assert "budget" in hung.links[0].evidence[0].reason
    assert "V303" in [f.code for f in hung.findings]
    assert fine.verdict == "verified"  # the run goes on


def test_a_worker_past_its_deadline_is_killed_and_the_run_goes_on(tmp_path, monkeypatch):
    note = tmp_path / "note.md"
    note.write_text(HANGS)
    real = parallel.check_one

    def stuck_on_first(loaded, index, options):
        if index == 0:
            time.sleep(600)  # stands for C code that SIGALRM cannot interrupt
        return real(loaded, index, options)

    monkeypatch.setattr(parallel, "check_one", stuck_on_first)
    results = parallel.check_notes([load(note)], Options(budget=0.05), jobs=1)
    hung, fine = results[0].claims
    assert hung.verdict == "unchecked"
    assert {link.reason.why for link in hung.links} == {"deadline"}
    assert all(link.reason.seconds == parallel.deadline_for(results[0].loaded, 0, Options(budget=0.05))
               for link in hung.links)
    assert [f.code for f in hung.findings] == ["V303"]
    assert "ran past its deadline of" in message(hung.findings[0])
    assert fine.verdict == "verified"


def test_parallel_report_is_identical_to_the_serial_one(tmp_path):
    second = tmp_path / "second.md"
    second.write_text(HANGS.split("$$")[0] + "$$(a+b)^2 = a^2 + b^2$$\n\n$$a^2 \\ge 0$$\n")
    notes = [load(SEED), load(second)]
    serial = report([check_note(n, Options(seed=5)) for n in notes])
    assert report(parallel.check_notes(notes, Options(seed=5), jobs=1)) == serial
    assert report(parallel.check_notes(notes, Options(seed=5), jobs=2)) == serial


def test_zero_workers_is_refused_with_exit_2(capsys):
    from derivlint.cli import main
    with pytest.raises(SystemExit) as stopped:
        main(["check", "-j", "0", "derivations/vae_losses.md"])
    assert stopped.value.code == 2
    assert "at least 1 worker" in capsys.readouterr().err


def spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_an_inner_budget_does_not_cancel_the_one_around_it():
    # The diagnosis sets budgets inside searches that have their own: leaving the inner one used
    # to switch the timer off, and the outer budget no longer stopped anything.
    from derivlint.checks.budget import BudgetExceeded, time_budget
    with pytest.raises(BudgetExceeded):  # without the outer budget the spin would end quietly
        with time_budget(0.3):
            with time_budget(5.0):
                spin(0.05)
            spin(2.0)


def test_an_inner_budget_never_outlasts_the_outer_one():
    from derivlint.checks.budget import BudgetExceeded, time_budget
    with pytest.raises(BudgetExceeded):  # the outer budget ends it: the inner 5 s would let the spin end
        with time_budget(0.2):
            with time_budget(5.0):
                spin(2.0)
