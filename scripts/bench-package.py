#!/usr/bin/env python3
"""Times `rudder package` against the reference `helm package` on the two
bundled charts (charts/anything-llm, charts/lobe-chat), and reports wall time,
archive size, and whether a fresh copy of the tree packaged a second later
gives the same bytes ("same bytes twice").

    python3 scripts/bench-package.py [--runs N] [--rudder PATH]

Without --rudder it uses .build/release/rudder when present (build it once
with `swift build -c release`), else .build/debug/rudder. Wall times are
medians over N runs of each command, run alternately. Reports numbers only;
it asserts nothing.
"""
import argparse
import hashlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib  # noqa: E402

ROOT = goldenlib.ROOT
CHARTS = ["charts/anything-llm", "charts/lobe-chat"]


def run_once(argv, env):
    """Runs argv; returns (seconds, peak RSS in KiB of this child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    p = subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit("%s failed: %s" % (" ".join(argv), p.stderr.decode()))
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(before, after)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--rudder")
    args = parser.parse_args()
    rudder = args.rudder
    if not rudder:
        release = os.path.join(ROOT, ".build", "release", "rudder")
        rudder = release if os.path.exists(release) else os.path.join(ROOT, ".build", "debug", "rudder")
    helm = goldenlib.helm_path()
    env = dict(os.environ)
    print("rudder: %s\nhelm:   %s\nruns:   %d\n" % (rudder, helm, args.runs))
    print("%-14s %-6s %10s %10s %10s  %s" % ("chart", "tool", "median ms", "min ms", "size B", "same bytes twice"))
    with tempfile.TemporaryDirectory() as tmp:
        for chart in CHARTS:
            results = {"rudder": [], "helm": []}
            outputs = {}
            for tool, argv0 in [("rudder", rudder), ("helm", helm)]:
                outputs[tool] = os.path.join(tmp, tool, os.path.basename(chart))
            for _ in range(args.runs):
                for tool, argv0 in [("rudder", rudder), ("helm", helm)]:
                    out = outputs[tool]
                    shutil.rmtree(out, ignore_errors=True)
                    seconds, _ = run_once([argv0, "package", chart, "-d", out], env)
                    results[tool].append(seconds)
            for tool, argv0 in [("rudder", rudder), ("helm", helm)]:
                out = outputs[tool]
                archive = os.path.join(out, os.listdir(out)[0])
                first = digest(archive)
                # Package a fresh copy of the tree a second later: Helm stamps file times, Rudder does not.
                copy = os.path.join(tmp, "copy-" + tool, os.path.basename(chart))
                shutil.rmtree(os.path.dirname(copy), ignore_errors=True)
                time.sleep(1.1)
                shutil.copytree(os.path.join(ROOT, chart), copy, copy_function=shutil.copy)
                again = os.path.join(tmp, "again-" + tool)
                shutil.rmtree(again, ignore_errors=True)
                run_once([argv0, "package", copy, "-d", again], env)
                second = digest(os.path.join(again, os.listdir(again)[0]))
                times = results[tool]
                print("%-14s %-6s %10.1f %10.1f %10d  %s" % (
                    os.path.basename(chart), tool, statistics.median(times) * 1000, min(times) * 1000,
                    os.path.getsize(archive), "yes" if first == second else "no"))


if __name__ == "__main__":
    main()
