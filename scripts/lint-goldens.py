#!/usr/bin/env python3
"""Regenerates Tests/Golden/lint/lint.cases: the reference `helm lint` over the
broken charts of Tests/Fixtures/lint (made by scripts/lint-fixtures.py), each
plainly and with --strict, plus runs with the other flags. Each case records
the arguments, exit status, stdout and stderr. Helm prints the absolute chart
directory in dependency findings: the repository root is recorded as $ROOT.

The Swift test (Tests/RudderCLITests/LintConformanceTests.swift) runs
`rudder lint` with the same arguments and compares.

Run from anywhere: python3 scripts/lint-goldens.py
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib  # noqa: E402

F = "Tests/Fixtures/lint"


def invocations():
    result = []
    for name in sorted(os.listdir(os.path.join(goldenlib.ROOT, F))):
        if not os.path.isdir(os.path.join(goldenlib.ROOT, F, name)):
            continue
        result.append((name, [F + "/" + name]))
        result.append((name + " --strict", [F + "/" + name, "--strict"]))
    result += [
        ("values-schema --skip-schema-validation", [F + "/values-schema", "--skip-schema-validation"]),
        ("values-schema --set fixes it", [F + "/values-schema", "--set", "image=nginx", "--set-string", "replicas=2"]),
        ("template-deprecated --kube-version 1.15", [F + "/template-deprecated", "--kube-version", "1.15"]),
        ("template-deprecated --kube-version v1.99.0", [F + "/template-deprecated", "--kube-version", "v1.99.0"]),
        ("template-deprecated --kube-version bad", [F + "/template-deprecated", "--kube-version", "one.two"]),
        ("deps-subchart-broken --with-subcharts", [F + "/deps-subchart-broken", "--with-subcharts"]),
        ("deps-subchart-broken --with-subcharts --quiet", [F + "/deps-subchart-broken", "--with-subcharts", "--quiet"]),
        ("deps-subchart-broken --with-subcharts --strict", [F + "/deps-subchart-broken", "--with-subcharts", "--strict"]),
        ("chart-icon-missing --quiet", [F + "/chart-icon-missing", "--quiet"]),
        ("clean --quiet", [F + "/clean", "--quiet"]),
        ("many-problems --quiet", [F + "/many-problems", "--quiet"]),
        ("several charts", [F + "/clean", F + "/template-indent", F + "/template-selector", F + "/does-not-exist"]),
        ("several charts --strict", [F + "/clean", F + "/template-indent", "--strict"]),
        ("several charts --quiet", [F + "/clean", F + "/chart-icon-missing", F + "/template-indent", "--quiet"]),
        ("missing chart", [F + "/does-not-exist"]),
        ("no arguments", []),
        ("a file, not a chart", [F + "/values-host.yaml"]),
        ("needs-values -f", [F + "/needs-values", "-f", F + "/values-host.yaml", "-n", "team-a"]),
        ("needs-values --set bad host", [F + "/needs-values", "--set", "host=Not Valid"]),
        ("needs-values --set-json", [F + "/needs-values", "--set-json", "replicas=\"three\""]),
        ("needs-values missing -f", [F + "/needs-values", "-f", F + "/nope.yaml"]),
        ("template-required --set", [F + "/template-required", "--set", "name=given,stop=false"]),
        ("bundled anything-llm", ["charts/anything-llm"]),
        ("bundled lobe-chat", ["charts/lobe-chat"]),
    ]
    for chart in ("anything-llm", "lobe-chat"):
        departments = os.path.join(goldenlib.ROOT, "charts", chart, "departments")
        for department in sorted(os.listdir(departments)):
            path = "charts/%s/departments/%s" % (chart, department)
            result.append(("bundled %s %s --strict" % (chart, department[:-5]), ["charts/" + chart, "-f", path, "--strict"]))
    return result


def main():
    root = goldenlib.ROOT
    cases = []
    for name, args in invocations():
        rc, out, err = goldenlib.run_helm(["lint"] + args, cwd=root)
        cases.append((name, [
            ("args", "\n".join(args)),
            ("status", str(rc)),
            ("stdout", out.decode().replace(root, "$ROOT")),
            ("stderr", err.decode().replace(root, "$ROOT")),
        ]))
    path = goldenlib.write_cases("lint/lint.cases", cases)
    print("wrote %s (%d cases)" % (os.path.relpath(path, root), len(cases)))


if __name__ == "__main__":
    main()
