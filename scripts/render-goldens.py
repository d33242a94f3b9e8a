#!/usr/bin/env python3
"""Regenerates Tests/Golden/render/*.cases: `helm template` runs over the
fixture charts in Tests/Fixtures/render (and the bundled charts), recorded as
arguments, stdout, stderr and exit status. The Swift tests run `rudder template`
with the same arguments and compare byte for byte (stderr: the `Error:` line).

Run from anywhere: python3 scripts/render-goldens.py
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib  # noqa: E402

F = "Tests/Fixtures/render"

# (case name, arguments after `template`), paths relative to the repo root.
INVOCATIONS = [
    ("scaffold-default", ["x", F + "/scaffold"]),
    ("scaffold-no-name", [F + "/scaffold"]),
    ("scaffold-ingress", ["web", F + "/scaffold", "--set", "ingress.enabled=true"]),
    ("scaffold-autoscaling", ["web", F + "/scaffold", "--set", "autoscaling.enabled=true"]),
    ("scaffold-serviceaccount-off", ["web", F + "/scaffold", "--set", "serviceAccount.create=false"]),
    ("scaffold-httproute", ["web", F + "/scaffold", "--set", "httpRoute.enabled=true"]),
    ("scaffold-all-on", ["web", F + "/scaffold", "-n", "team-a", "--set", "ingress.enabled=true,autoscaling.enabled=true,httpRoute.enabled=true", "--set", "podAnnotations.a=b"]),
    ("scaffold-show-only", ["web", F + "/scaffold", "-s", "templates/service.yaml"]),
    ("scaffold-show-only-glob", ["web", F + "/scaffold", "-s", "templates/s*.yaml", "--show-only", "templates/tests/*"]),
    ("scaffold-show-only-missing", ["web", F + "/scaffold", "-s", "templates/nope.yaml"]),
    ("scaffold-skip-tests", ["web", F + "/scaffold", "--skip-tests"]),
    ("scaffold-no-hooks", ["web", F + "/scaffold", "--no-hooks"]),
    ("scaffold-kube-129", ["web", F + "/scaffold", "--kube-version", "1.29", "--set", "autoscaling.enabled=true"]),
    ("order-default", ["rel", F + "/order"]),
    ("order-upgrade", ["rel", F + "/order", "--is-upgrade", "-n", "other"]),
    ("order-no-hooks", ["rel", F + "/order", "--no-hooks"]),
    ("order-skip-tests", ["rel", F + "/order", "--skip-tests"]),
    ("order-kube-version", ["rel", F + "/order", "--kube-version", "v1.30.2"]),
    ("order-kube-version-short", ["rel", F + "/order", "--kube-version", "1.29"]),
    ("order-kube-version-bad", ["rel", F + "/order", "--kube-version", "abc"]),
    ("order-kube-version-one", ["rel", F + "/order", "--kube-version", "1"]),
    ("order-api-versions", ["rel", F + "/order", "-a", "monitoring.coreos.com/v1", "--api-versions", "x/v1,y/v2"]),
    ("order-show-only-hook", ["rel", F + "/order", "-s", "templates/hook.yaml"]),
    ("order-show-only-notes", ["rel", F + "/order", "-s", "templates/NOTES.txt"]),
    ("crds-default", ["rel", F + "/crds"]),
    ("crds-include", ["rel", F + "/crds", "--include-crds"]),
    ("parent-default", ["rel", F + "/parent"]),
    ("parent-sub-disabled", ["rel", F + "/parent", "--set", "sub.enabled=false"]),
    ("files-default", ["rel", F + "/files"]),
    ("heads-plain", ["rel", F + "/heads"]),
    ("heads-case", ["rel", F + "/heads", "--set", "mode=case"]),
    ("heads-scalars", ["rel", F + "/heads", "--set", "mode=scalars"]),
    ("heads-metadata-number", ["rel", F + "/heads", "--set", "mode=metadata-number"]),
    ("heads-metadata-list", ["rel", F + "/heads", "--set", "mode=metadata-list"]),
    ("heads-name-list", ["rel", F + "/heads", "--set", "mode=name-list"]),
    ("heads-annotations-text", ["rel", F + "/heads", "--set", "mode=annotations-text"]),
    ("heads-first-error-sorted", ["rel", F + "/heads", "--set", "mode=first-error-sorted"]),
    ("heads-api-version-list", ["rel", F + "/heads", "--set", "mode=api-version-list"]),
    ("heads-sorted-keys", ["rel", F + "/heads", "--set", "mode=sorted-keys"]),
    ("schema-order-set-after-check", ["rel", F + "/schema-order"]),
    ("schema-order-check-first", ["rel", F + "/schema-order", "--set", "mode=boom,port=70000"]),
    ("schema-order-fail", ["rel", F + "/schema-order", "--set", "mode=boom"]),
    ("schema-order-skipped", ["rel", F + "/schema-order", "--set", "port=70000", "--skip-schema-validation"]),
    ("shared-set-none", ["rel", F + "/shared-set", "--set", "mode=none"]),
    ("shared-set-top", ["rel", F + "/shared-set", "--set", "mode=top"]),
    ("shared-set-nested", ["rel", F + "/shared-set", "--set", "mode=nested"]),
    ("shared-set-list", ["rel", F + "/shared-set", "--set", "mode=list"]),
    ("shared-set-through-dict", ["rel", F + "/shared-set", "--set", "mode=through-dict"]),
    ("shared-set-unset", ["rel", F + "/shared-set", "--set", "mode=unset"]),
    ("shared-set-merge", ["rel", F + "/shared-set", "--set", "mode=merge"]),
    ("shared-set-local", ["rel", F + "/shared-set", "--set", "mode=local"]),
    ("shared-set-fail-first", ["rel", F + "/shared-set", "--set", "mode=fail-first"]),
    ("shared-set-fail-second", ["rel", F + "/shared-set", "--set", "mode=fail-second"]),
    ("shared-set-fail-both", ["rel", F + "/shared-set", "--set", "mode=fail-both"]),
    ("errors-none", ["rel", F + "/errors"]),
    ("errors-required", ["rel", F + "/errors", "--set", "mode=required"]),
    ("errors-fail", ["rel", F + "/errors", "--set", "mode=fail"]),
    ("errors-nil", ["rel", F + "/errors", "--set", "mode=nil"]),
    ("errors-yaml", ["rel", F + "/errors", "--set", "mode=yaml"]),
    ("errors-include", ["rel", F + "/errors", "--set", "mode=include"]),
    ("errors-eq", ["rel", F + "/errors", "--set", "mode=eq", "--set-json", "num=1"]),
    # RFC 6761: .invalid never resolves, with or without a network.
    ("errors-dns-unresolvable", ["rel", F + "/errors", "--set", "mode=dns", "--enable-dns"]),
    ("errors-dns-off", ["rel", F + "/errors", "--set", "mode=dns"]),
    ("errors-yaml-debug", ["rel", F + "/errors", "--set", "mode=yaml", "--debug"]),
    ("errors-fail-debug", ["rel", F + "/errors", "--set", "mode=fail", "--debug"]),
    ("scaffold-debug", ["x", F + "/scaffold", "--debug"]),
    ("err-parse", ["rel", F + "/err-parse"]),
    ("library", ["rel", F + "/library"]),
    ("missing-chart", ["rel", F + "/does-not-exist"]),
    # Helm reads the values flags after locating the chart and before loading it:
    # a chart that fails to load (or to install) loses to a bad values file.
    ("missing-chart-bad-values", ["rel", F + "/does-not-exist", "-f", F + "/bad-values.yaml"]),
    ("bad-chart", ["rel", F + "/bad-chart"]),
    ("bad-chart-bad-values", ["rel", F + "/bad-chart", "-f", F + "/bad-values.yaml"]),
    ("bad-chart-missing-values", ["rel", F + "/bad-chart", "-f", F + "/does-not-exist.yaml"]),
    ("bad-chart-bad-set", ["rel", F + "/bad-chart", "--set", "a[x]=1"]),
    ("library-bad-values", ["rel", F + "/library", "-f", F + "/bad-values.yaml"]),
    ("no-arguments", []),
    ("too-many-arguments", ["a", "b", "c"]),
]


# `--output-dir` runs: the files written are recorded too. OUT stands for the directory.
OUTPUT_DIR_INVOCATIONS = [
    ("outdir-order", ["rel", F + "/order", "--output-dir", "OUT"]),
    ("outdir-crds-release-name", ["rel", F + "/crds", "--output-dir", "OUT", "--include-crds", "--release-name"]),
    ("outdir-parent", ["rel", F + "/parent", "--output-dir", "OUT", "--no-hooks"]),
]


def output_dir_cases():
    import tempfile
    cases = []
    for name, args in OUTPUT_DIR_INVOCATIONS:
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out")
            real = [out if a == "OUT" else a for a in args]
            rc, stdout, stderr = goldenlib.run_helm(["template"] + real, cwd=goldenlib.ROOT)
            sections = [
                ("args", "\n".join(args)),
                ("status", str(rc)),
                ("stdout", stdout.decode().replace(out, "OUT")),
                ("stderr", stderr.decode().replace(out, "OUT")),
            ]
            for root, _, files in sorted(os.walk(out)):
                for f in sorted(files):
                    path = os.path.join(root, f)
                    with open(path) as fh:
                        sections.append(("file " + os.path.relpath(path, out), fh.read()))
            cases.append((name, sections))
    return cases


def main():
    cases = []
    for name, args in INVOCATIONS:
        rc, out, err = goldenlib.run_helm(["template"] + args, cwd=goldenlib.ROOT)
        cases.append((name, [
            ("args", "\n".join(args)),
            ("status", str(rc)),
            ("stdout", out.decode()),
            ("stderr", err.decode()),
        ]))
    path = goldenlib.write_cases("render/template.cases", cases)
    print("wrote %s (%d cases)" % (os.path.relpath(path, goldenlib.ROOT), len(cases)))
    dir_cases = output_dir_cases()
    path = goldenlib.write_cases("render/output-dir.cases", dir_cases)
    print("wrote %s (%d cases)" % (os.path.relpath(path, goldenlib.ROOT), len(dir_cases)))


if __name__ == "__main__":
    main()
