#!/usr/bin/env python3
"""Checks the desired-state JSON Schema with a real validator (jsonschema + PyYAML).

Every *.yaml file in the "valid" folder must pass and every one in the "invalid" folder must fail.
The schema itself is first checked against its meta-schema (draft 2020-12).

Usage (from the repository root; these are the defaults):
    python3 scripts/check-schema.py \
        --schema schema/reconcile.schema.json \
        --valid Tests/ReconcileCoreTests/Golden/schema/valid [--valid examples ...] \
        --invalid Tests/ReconcileCoreTests/Golden/schema/invalid

Exit status: 0 when every file behaves as its folder says, 1 otherwise, 2 on bad usage.
Needs: pip install jsonschema pyyaml
"""

import argparse
import json
import sys
from pathlib import Path

try:
    import yaml
    from jsonschema import Draft202012Validator
except ImportError as error:  # pragma: no cover - environment problem, not a check failure
    sys.exit(f"check-schema: {error}; install the tools with: pip install jsonschema pyyaml")

ROOT = Path(__file__).resolve().parent.parent


def load_yaml(path: Path):
    """The file's single YAML document, as PyYAML reads it (YAML 1.1, like the tool's parser)."""
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def describe(error) -> str:
    where = "/".join(str(part) for part in error.absolute_path) or "(document)"
    return f"{where}: {error.message}"


def check_folder(validator, folder: Path, should_pass: bool) -> int:
    """Prints one line per file; returns the number of files that did not behave as expected."""
    files = sorted(folder.glob("*.yaml"))
    if not files:
        print(f"check-schema: no *.yaml files in {folder}", file=sys.stderr)
        return 1
    failures = 0
    for path in files:
        try:
            document = load_yaml(path)
        except yaml.YAMLError as error:
            print(f"FAIL {path}: not readable YAML: {error}")
            failures += 1
            continue
        errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
        if should_pass and errors:
            failures += 1
            print(f"FAIL {path}: should be valid, but:")
            for error in errors:
                print(f"       {describe(error)}")
        elif not should_pass and not errors:
            failures += 1
            print(f"FAIL {path}: should be invalid, but the schema accepts it")
        else:
            reason = f" ({describe(errors[0])})" if errors else ""
            print(f"ok   {path.name}{reason}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schema", type=Path, default=ROOT / "schema/reconcile.schema.json")
    parser.add_argument("--valid", type=Path, action="append",
                        help="a folder of files that must pass; may be given more than once")
    parser.add_argument("--invalid", type=Path, default=ROOT / "Tests/ReconcileCoreTests/Golden/schema/invalid")
    arguments = parser.parse_args()

    schema = json.loads(arguments.schema.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)

    failures = 0
    for folder in arguments.valid or [ROOT / "Tests/ReconcileCoreTests/Golden/schema/valid"]:
        print(f"valid examples in {folder}:")
        failures += check_folder(validator, folder, should_pass=True)
    print(f"invalid examples in {arguments.invalid}:")
    failures += check_folder(validator, arguments.invalid, should_pass=False)
    if failures:
        print(f"check-schema: {failures} file(s) did not behave as expected", file=sys.stderr)
        return 1
    print("check-schema: the schema accepts every valid example and rejects every invalid one")
    return 0


if __name__ == "__main__":
    sys.exit(main())
