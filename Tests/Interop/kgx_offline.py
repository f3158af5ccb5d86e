"""Runs the real `kgx` command line (kgx 2.6.0 from PyPI) without network access.

kgx reaches the network in two places, both at import or first use:

- `kgx.utils.kgx_utils` builds a `bmt.Toolkit()` at import time, whose default schema is the
  Biolink model YAML on raw.githubusercontent.com (bmt 1.5.0: v4.4.4), and whose predicate
  map is a second remote YAML;
- `kgx.config.get_jsonld_context()` downloads the Biolink JSON-LD context (and the
  prefixcommons `monarch_context` / `obo_context`) the first time the validator or the
  prefix manager asks for a prefix map.

Here both are served from installed packages before kgx is imported: the Toolkit reads the
schema YAML the `biolink-model` package bundles (`biolink_model/schema/biolink_model.yaml`,
the same release bmt would download) with an empty predicate map (it only serves
`get_by_mapping`, which validate and graph-summary never call); the context map holds that
package's `prefixmaps/biolink_model_prefix_map.json` under `biolink` (the prefixes of the
model release itself, where kgx's config would fetch Biolink 2.2.5's context) and
prefixcommons' bundled registry contexts under `monarch_context` and `obo_context`. Any
other connection attempt raises, so a network access cannot go unnoticed.

Usage: `python kgx_offline.py validate -i jsonl nodes.jsonl edges.jsonl`, or any other `kgx`
subcommand and its options (`graph-summary`, `transform`...). kgx 2.6.0's `validate` writes
its report (JSON) to standard error whatever `-o` says (`ErrorDetecting.write_report` ignores
its stream argument), and its log to standard output.

`python kgx_offline.py check-slots nodes.jsonl edges.jsonl` is not kgx: it prints (JSON) each
key of the records that is not a Biolink slot, or whose value is a list where the slot is
single-valued or the other way round, judged by the same bmt Toolkit (and the same
`multivalued` attribute) that `kgx validate` uses.
"""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path


class NetworkAccessError(RuntimeError):
    """Raised when kgx (or a library under it) tries to open a connection."""


def _refuse_network(*args, **kwargs):
    raise NetworkAccessError(f"kgx_offline: network access attempted: {args[1:] or kwargs}")


def install_offline_biolink() -> dict[str, str]:
    """Points bmt and kgx at the bundled Biolink model; returns what was loaded."""
    socket.socket.connect = _refuse_network  # type: ignore[method-assign]
    socket.create_connection = _refuse_network  # type: ignore[assignment]

    import biolink_model
    import bmt
    import bmt.toolkit
    import prefixcommons.curie_util as curie_util

    package = Path(next(iter(biolink_model.__path__)))  # a namespace package: no __file__
    schema = package / "schema" / "biolink_model.yaml"
    prefix_map_file = package / "prefixmaps" / "biolink_model_prefix_map.json"

    base = bmt.toolkit.Toolkit

    class OfflineToolkit(base):  # type: ignore[misc, valid-type]
        def __init__(self, schema_path=str(schema), predicate_map=None, **kwargs):
            super().__init__(schema_path, predicate_map if predicate_map is not None else {"predicate mappings": []}, **kwargs)

    bmt.Toolkit = OfflineToolkit
    bmt.toolkit.Toolkit = OfflineToolkit

    import kgx.config as config

    config.get_config()
    config.jsonld_context_map["biolink"] = json.loads(prefix_map_file.read_text())
    for name in ("monarch_context", "obo_context"):
        config.jsonld_context_map[name] = curie_util.read_biocontext(name)
    return {"schema": str(schema), "prefix_map": str(prefix_map_file)}


def slot_problems(paths: list[str]) -> list[str]:
    """Keys of the JSON Lines records in `paths` that are no Biolink slot, or whose value's
    shape (list or scalar) is not the slot's."""
    from kgx.utils.kgx_utils import get_toolkit
    from linkml_runtime.linkml_model.meta import SlotDefinition

    toolkit = get_toolkit()
    problems: set[str] = set()
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            for key, value in json.loads(line).items():
                element = toolkit.get_element(key)
                if not isinstance(element, SlotDefinition):
                    problems.add(f"{key}: not a Biolink slot")
                elif bool(element.multivalued) != isinstance(value, list):
                    shape = "multivalued" if element.multivalued else "single-valued"
                    problems.add(f"{key}: {shape} in Biolink, written as {type(value).__name__}")
    return sorted(problems)


def main(argv: list[str]) -> int:
    install_offline_biolink()
    if argv[:1] == ["check-slots"]:
        print(json.dumps(slot_problems(argv[1:])))
        return 0
    from kgx.cli import cli

    try:
        cli.main(args=argv, prog_name="kgx", standalone_mode=False)
    except SystemExit as exit:  # click's own exits (--help, usage errors)
        return int(exit.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
