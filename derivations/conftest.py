"""`pytest derivations/`: every claim of every note here runs as a Hypothesis property, without a flag.

The plugin (installed through its `pytest11` entry point) collects notes anywhere only under
`--derivations`; this folder's conftest collects its own notes always, and leaves them to the plugin
when the flag is given, so that each is collected once.
"""
from derivlint.property_plugin import collect_folder_note as pytest_collect_file  # noqa: F401
