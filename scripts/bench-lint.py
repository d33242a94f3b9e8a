#!/usr/bin/env python3
"""Times `rudder lint` against the reference `helm lint` on the bundled charts
with every department file, in the same run, and reports the ratio and the
peak memory of each (and whether both print the same thing). `rudder lint`
runs twice: by default (helm lint's rules and Rudder's: production, hygiene,
Kubernetes schemas) and with `--rules helm` (helm lint's rules only).

    python3 scripts/bench-lint.py [--runs N] [--rudder PATH]

Builds the release binary first (swift build -c release --product rudder)
unless --rudder is given. Wall times are medians over N runs of each command.
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib  # noqa: E402

ROOT = goldenlib.ROOT


def cases():
    result = []
    for chart in ("anything-llm", "lobe-chat"):
        departments = sorted(os.listdir(os.path.join(ROOT, "charts", chart, "departments")))
        for department in departments:
            result.append(("%s %s" % (chart, department[:-5]),
                           ["charts/" + chart, "-f", "charts/%s/departments/%s" % (chart, department), "--strict"]))
        every = []
        for department in departments:
            every += ["-f", "charts/%s/departments/%s" % (chart, department)]
        result.append(("%s all departments" % chart, ["charts/" + chart] + every))
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--rudder")
    args = ap.parse_args()
    rudder = args.rudder
    if not rudder:
        subprocess.run(["swift", "build", "-c", "release", "--product", "rudder"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        rudder = os.path.join(ROOT, ".build", "release", "rudder")
    helm = goldenlib.helm_path()
    print("%-34s %9s %10s %7s %10s %7s %9s %11s" % (
        "chart", "helm ms", "rudder ms", "ratio", "--rules helm", "ratio", "helm MiB", "rudder MiB"))
    total_h = total_r = total_rh = 0.0
    for name, largs in cases():
        h = subprocess.run([helm, "lint"] + largs, cwd=ROOT, capture_output=True)
        r = subprocess.run([rudder, "lint"] + largs, cwd=ROOT, capture_output=True)
        same = "same output" if (h.stdout, h.returncode) == (r.stdout, r.returncode) else "OUTPUT DIFFERS"
        ht, hm = goldenlib.measure([helm, "lint"] + largs, args.runs)
        rt, rm = goldenlib.measure([rudder, "lint"] + largs, args.runs)
        rht, _ = goldenlib.measure([rudder, "lint", "--rules", "helm"] + largs, args.runs)
        total_h += ht
        total_r += rt
        total_rh += rht
        print("%-34s %9.1f %10.1f %6.1fx %12.1f %6.1fx %9.1f %11.1f  %s" % (
            name, ht * 1000, rt * 1000, ht / rt, rht * 1000, ht / rht, hm / 1024, rm / 1024, same))
    print("%-34s %9.1f %10.1f %6.1fx %12.1f %6.1fx" % (
        "total", total_h * 1000, total_r * 1000, total_h / total_r, total_rh * 1000, total_h / total_rh))

if __name__ == "__main__":
    main()
