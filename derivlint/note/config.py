"""`[tool.derivlint]` in a pyproject.toml, found by walking up from the paths: the settings of `check`."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model.selection import parse_codes

OUTPUT_FORMATS = ("text", "json", "github", "sarif", "junit")
# key: (what it must be, in words; a test of a value)
KEYS: dict[str, tuple[str, Any]] = {
    "paths": ("a list of paths", lambda v: _strings(v)),
    "exclude": ("a list of patterns", lambda v: _strings(v)),
    "extensions": ("a list of file extensions", lambda v: _strings(v) and all(v)),
    "seed": ("an integer", lambda v: isinstance(v, int) and not isinstance(v, bool)),
    "budget": ("a positive number of seconds", lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0),
    "jobs": ("a positive integer", lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 1),
    "select": ("a list of finding codes", lambda v: _strings(v)),
    "ignore": ("a list of finding codes", lambda v: _strings(v)),
    "output-format": (" or ".join(OUTPUT_FORMATS), lambda v: v in OUTPUT_FORMATS),
}


class ConfigError(Exception):
    """A `[tool.derivlint]` table that cannot be used: the tool cannot run as it says (exit 2)."""


@dataclass(frozen=True)
class Config:
    """The settings read, each None (or empty) where the file says nothing; paths relative to the file's folder
    are made relative to the working folder, as the command line's are."""

    file: Path | None = None
    paths: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()
    seed: int | None = None
    budget: float | None = None
    jobs: int | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    output_format: str | None = None

    @property
    def folder(self) -> Path | None:
        return None if self.file is None else self.file.parent


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def find_config(paths: list[str]) -> Path | None:
    """The nearest pyproject.toml with a `[tool.derivlint]` table, from the first path's folder (the working
    folder without paths) up to the root; one without the table is passed over, as ruff passes it."""
    start = Path(paths[0]) if paths else Path.cwd()
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        file = candidate / "pyproject.toml"
        if file.is_file() and _table(file) is not None:
            return file
    return None


def _table(file: Path) -> dict | None:
    import tomllib  # the standard library's since Python 3.11; imported here, not by `--help`
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{file}: {error}") from None
    table = data.get("tool", {}).get("derivlint") if isinstance(data.get("tool"), dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{file}: [tool.derivlint] must be a table")
    return table


def read_config(file: Path) -> Config:
    """The `[tool.derivlint]` table of `file`; ConfigError names a key that is unknown or a value that is wrong."""
    table = _table(file) or {}
    values: dict[str, Any] = {}
    for raw, value in table.items():
        key = raw.replace("_", "-")
        if key not in KEYS:
            raise ConfigError(f"{file}: unknown key `{raw}` in [tool.derivlint] (known: {', '.join(KEYS)})")
        what, valid = KEYS[key]
        if not valid(value):
            raise ConfigError(f"{file}: `{raw}` in [tool.derivlint] must be {what}, not {value!r}")
        values[key.replace("-", "_")] = value
    folder = file.parent
    try:
        for key in ("select", "ignore"):
            if key in values:
                values[key] = parse_codes(values[key], what=key)
    except ValueError as error:
        raise ConfigError(f"{file}: {error}") from None
    if "paths" in values:
        values["paths"] = tuple(_relative(folder / p) for p in values["paths"])
    for key in ("exclude", "extensions"):
        if key in values:
            values[key] = tuple(values[key])
    if "extensions" in values:
        values["extensions"] = tuple(e if e.startswith(".") else "." + e for e in values["extensions"])
    if "budget" in values:
        values["budget"] = float(values["budget"])
    return Config(file, **values)


def _relative(path: Path) -> str:
    """A path as the command line would name it: relative to the working folder when it is below it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)


def load_config(paths: list[str], explicit: str | None = None, isolated: bool = False) -> Config:
    """The settings for a run on `paths`: those of `explicit` (a TOML file named by `--config`), else of the
    nearest pyproject.toml with a `[tool.derivlint]` table; none when `isolated` or there is none."""
    if isolated:
        return Config()
    if explicit is not None:
        file = Path(explicit)
        if not file.is_file():
            raise ConfigError(f"no such configuration file: {explicit}")
        if _table(file) is None:
            raise ConfigError(f"{explicit} has no [tool.derivlint] table")
        return read_config(file)
    file = find_config(paths)
    return Config() if file is None else read_config(file)
