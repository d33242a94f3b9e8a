#!/usr/bin/env python3
"""Times `rudder template` against the reference `helm template` on the same
charts in the same run, and reports the ratio and the peak memory of each.

    python3 scripts/bench-template.py [--runs N] [--rudder PATH]

Builds the release binary first (swift build -c release) unless --rudder is
given. Wall times are medians over N runs of each command, run alternately.
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib  # noqa: E402

ROOT = goldenlib.ROOT

CASES = [
    ("helm create scaffold", ["x", "Tests/Fixtures/render/scaffold"]),
    ("scaffold, everything on", ["web", "Tests/Fixtures/render/scaffold", "--set",
                                 "ingress.enabled=true,autoscaling.enabled=true,httpRoute.enabled=true"]),
    ("anything-llm engineering", ["engineering", "charts/anything-llm", "-n", "engineering",
                                  "-f", "charts/anything-llm/departments/engineering.yaml"]),
    ("lobe-chat sales", ["sales", "charts/lobe-chat", "-n", "sales",
                         "-f", "charts/lobe-chat/departments/sales.yaml"]),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--rudder")
    args = ap.parse_args()
    rudder = args.rudder
    if not rudder:
        subprocess.run(["swift", "build", "-c", "release", "--product", "rudder"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        rudder = os.path.join(ROOT, ".build", "release", "rudder")
    helm = goldenlib.helm_path()
    print("%-28s %10s %10s %8s %12s %12s" % ("chart", "helm ms", "rudder ms", "ratio", "helm MiB", "rudder MiB"))
    for name, targs in CASES:
        h_out = subprocess.run([helm, "template"] + targs, cwd=ROOT, capture_output=True).stdout
        r_out = subprocess.run([rudder, "template"] + targs, cwd=ROOT, capture_output=True).stdout
        same = "same output" if h_out == r_out else "OUTPUT DIFFERS"
        ht, hm = goldenlib.measure([helm, "template"] + targs, args.runs)
        rt, rm = goldenlib.measure([rudder, "template"] + targs, args.runs)
        print("%-28s %10.1f %10.1f %7.1fx %12.1f %12.1f  %s" % (
            name, ht * 1000, rt * 1000, ht / rt, hm / 1024, rm / 1024, same))


if __name__ == "__main__":
    main()
