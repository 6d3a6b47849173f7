"""Measures `init` on the wild corpus: each note's front matter taken out, `init` drafts one, and each formula's
verdict under the draft (as written) is compared with its verdict under the hand-written front matter.

Runs the tool twice (`check --format json` on tests/wild/ and on the drafted copies in a temporary folder);
a claim is matched by its note and its place among the note's claims with the same LaTeX. Prints the figures
and a line per note; exit status 0 unless the tool could not be run.
"""

import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from derivlint.note.document import read_note  # noqa: E402  (the tool's own reading and drafting, as `init` runs them)
from derivlint.note.draft import draft  # noqa: E402
from derivlint.report.draft_yaml import with_draft  # noqa: E402


def verdicts(folder: Path) -> dict[str, list[tuple[str, int, str]]]:
    """note name -> (LaTeX, its occurrence among the note's claims of that LaTeX, verdict) of every claim."""
    run = subprocess.run([sys.executable, "-m", "derivlint", "check", "--format", "json", "-j", "2", "--allow-empty",
                          str(folder)], cwd=ROOT, capture_output=True, text=True)
    out = {}
    for entry in json.loads(run.stdout)["files"]:
        seen: Counter = Counter()
        rows = []
        for claim in entry["claims"]:
            seen[claim["latex"]] += 1
            rows.append((claim["latex"], seen[claim["latex"]], claim["verdict"]))
        out[Path(entry["path"]).name] = rows
    return out


def body_of(text: str) -> str:
    """The note after its front matter's closing `---` line."""
    closing = text.index("\n---", 3)
    return text[text.index("\n", closing + 1) + 1 :]


def main() -> int:
    hand = verdicts(HERE)
    with tempfile.TemporaryDirectory() as folder:
        for note in sorted(HERE.glob("*.md")):
            body = body_of(note.read_text())
            (Path(folder) / note.name).write_text(with_draft(body, draft(read_note(note.name, body)), ".md"))
        drafted = verdicts(Path(folder))
    same = total = 0
    for name in sorted(hand):
        mine = {(latex, k): verdict for latex, k, verdict in drafted.get(name, [])}
        agree = sum(mine.get((latex, k)) == verdict for latex, k, verdict in hand[name])
        same, total = same + agree, total + len(hand[name])
        print(f"{name}: {agree} of {len(hand[name])}")
    print(f"claims with the verdict they get under the hand-written front matter: {same} of {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
