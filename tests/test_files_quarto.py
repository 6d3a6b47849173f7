"""Quarto documents: read as Markdown, equation labels and executable chunks left alone, found by folder scans."""
from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

from derivlint.cli import main
from derivlint.note.loading import load_text
from derivlint.note.paths import folder_notes

QUARTO = r"""---
title: "Gaussian facts"
format: html
jupyter: python3
verify:
  symbols:
    \mu: real
    \sigma: positive
  distributions:
    p(x): \mathcal{N}(x; \mu, \sigma^2)
---

## The mean {#sec-mean}

$$
\mathbb{E}[x] = \mu
$$ {#eq-mean}

```{python}
#| label: fig-density
s = "$x = 1$ and $$a = 2$$"
```

The value `{python} f"${s}$"` is computed; see @eq-mean.

::: {.callout-note}
## A slip
$$\mathbb{E}[x^2] = \mu^2$$ {#eq-second}
:::

```{r}
m <- "$$b = 3$$"
```
"""


def run(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([*map(str, argv)])
    return code, out.getvalue(), err.getvalue()


def test_a_quarto_document_reads_as_markdown_with_its_labels_and_chunks_left_alone():
    loaded = load_text("doc.qmd", QUARTO)
    assert loaded.findings == [] and loaded.context.has_verify
    assert [(c.claim.latex.strip(), c.claim.line, c.claim.column) for c in loaded.claims] == [
        ("\\mathbb{E}[x] = \\mu", 15, 1), ("\\mathbb{E}[x^2] = \\mu^2", 28, 1)]


def test_a_quarto_slip_is_refuted_at_its_place_and_folder_scans_find_quarto(tmp_path):
    (tmp_path / "doc.qmd").write_text(QUARTO)
    assert folder_notes(tmp_path) == [tmp_path / "doc.qmd"]
    code, out, err = run("check", "--format", "json", "-j", "1", tmp_path)
    assert code == 1 and err == ""
    claims = json.loads(out)["files"][0]["claims"]
    assert [(c["line"], c["verdict"]) for c in claims] == [(15, "verified"), (28, "refuted")]
    assert [(f["code"], f["line"]) for f in claims[1]["findings"]][:1] == [("V204", 28)]
