#!/usr/bin/env python3
"""Reads `rudder lint --format junit` with junitparser (PyPI), as CI tools do.

Installs junitparser into a temporary venv, lints the lint2 fixture chart once
per values file (--values-dir) and both bundled charts with their department
files, and checks that junitparser reads one suite per chart and values file
with the expected failures. Prints what it checked; exit status 1 on a mismatch.
Run after `swift build`: python3 scripts/lint2-check-formats.py
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUDDER = os.path.join(ROOT, ".build", "debug", "rudder")


def venv_python(directory):
    subprocess.run([sys.executable, "-m", "venv", directory], check=True)
    python = os.path.join(directory, "bin", "python")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "junitparser"], check=True)
    return python


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
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
