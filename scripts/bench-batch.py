#!/usr/bin/env python3
"""Benchmarks batch rendering (issue #10) in one run:

1. generates N department values files (default 1,000: half for
   charts/anything-llm, half for charts/lobe-chat), each a bundled department
   file with a new department name, hosts, secret names, volume sizes and
   replica counts (all within the charts' values.schema.json), plus a release
   set listing them all;
2. times `rudder render SET --output-dir OUT` (the batch, files written) three
   ways: into an empty folder; over the previous output with every release
   changed (two release sets alternate, differing in every namespace); and
   over unchanged output (such releases are left as they are); and
   `rudder render SET > /dev/null` (stdout);
3. times rudder as N separate `rudder template` processes (one after another);
4. times the reference Helm as `helm template` processes: a measured sample
   (--helm-sample, default 100; 0 for all N) scaled up to N;

and reports wall times, ratios and the peak memory (max RSS) of each, with
what creating one small file cost before and after the batch runs (file
systems that are slow to create files just after many deletions show it there).

    swift build -c release --product rudder
    python3 scripts/bench-batch.py [--count 1000] [--helm-sample 100] [--rudder PATH] [--keep]
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib  # noqa: E402

ROOT = goldenlib.ROOT
CHARTS = ["anything-llm", "lobe-chat"]
BASES = ["engineering", "legal", "sales", "support"]
WORDS = ["finance", "research", "ops", "hr", "design", "data", "security", "platform", "growth", "infra",
         "media", "mobile", "web", "qa", "risk", "audit", "tax", "procurement", "logistics", "support"]


def department_name(i):
    return "%s-%03d" % (WORDS[i % len(WORDS)], i)


def generate(directory, count):
    """Writes <dir>/<chart>/<dept>.yaml files and <dir>/releases.yaml; returns [(chart, name, path)]."""
    rng = random.Random(10)
    releases = []
    for i in range(count):
        chart = CHARTS[i % 2]
        base = BASES[(i // 2) % len(BASES)]
        name = department_name(i)
        with open(os.path.join(ROOT, "charts", chart, "departments", base + ".yaml")) as f:
            text = f.read()
        # The department's name appears in `department:`, hosts, secret and client names.
        text = re.sub(r"\b%s\b" % base, name, text)
        text = re.sub(r"(\n\s*size:\s*)\d+Gi", lambda m: "%s%dGi" % (m.group(1), rng.randint(5, 500)), text)
        if "\nreplicaCount:" in text:
            text = re.sub(r"\nreplicaCount:\s*\d+", "\nreplicaCount: %d" % rng.randint(1, 4), text)
        folder = os.path.join(directory, chart)
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, name + ".yaml")
        with open(path, "w") as f:
            f.write(text)
        releases.append((chart, name, path))
    # releases.yaml, and releases-b.yaml: the same releases in other namespaces
    # (every rendered object changes).
    for file_name, suffix in (("releases.yaml", ""), ("releases-b.yaml", "-b")):
        with open(os.path.join(directory, file_name), "w") as f:
            f.write("releases:\n")
            for chart, name, path in releases:
                f.write("  - name: %s\n    namespace: %s%s\n    chart: %s\n    values: [%s]\n    labels: {app: %s}\n"
                        % (name, name, suffix, os.path.join(ROOT, "charts", chart), path, chart))
    return releases


def run(argv, stdout=subprocess.DEVNULL):
    """Runs argv; returns (wall seconds, max RSS in MiB, exit status, CPU seconds: user + system)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=ROOT, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return (time.perf_counter() - start, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status),
            usage.ru_utime + usage.ru_stime)


def one_by_one(binary, releases, sample):
    """Each release as its own `template` process, one after another:
    (wall seconds for all, peak MiB, measured, CPU seconds for all)."""
    chosen = releases if sample <= 0 or sample >= len(releases) else releases[:: max(1, len(releases) // sample)][:sample]
    total, peak, failures, cpu = 0.0, 0.0, 0, 0.0
    for chart, name, path in chosen:
        seconds, rss, status, used = run([binary, "template", name, "charts/" + chart, "-n", name, "-f", path])
        total += seconds
        cpu += used
        peak = max(peak, rss)
        failures += status != 0
    if failures:
        print("warning: %d of %d %s runs failed" % (failures, len(chosen), os.path.basename(binary)), file=sys.stderr)
    scale = len(releases) / len(chosen)
    return total * scale, peak, len(chosen), cpu * scale


def file_creation_probe(directory, count=2000):
    """Microseconds per file to create `count` small files in a new folder of `directory`.

    The file system's state moves the files-written figures: ext4 without a
    journal (as on this project's CI machines) skips inodes deleted in the last
    minutes when it allocates one, checking each, so creating files right after
    many deletions costs several times more. Printed with the results."""
    folder = tempfile.mkdtemp(prefix="probe-", dir=directory)
    start = time.perf_counter()
    for i in range(count):
        with open(os.path.join(folder, "f%d" % i), "w") as f:
            f.write("x")
    return (time.perf_counter() - start) / count * 1e6


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--helm-sample", type=int, default=100)
    parser.add_argument("--rudder-sample", type=int, default=0, help="0: run all N separate processes")
    parser.add_argument("--rudder", default=os.path.join(ROOT, ".build", "release", "rudder"))
    parser.add_argument("--batch-runs", type=int, default=3, help="batch timings: best of this many")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    if not os.path.exists(args.rudder):
        raise SystemExit("build first: swift build -c release --product rudder")
    helm = goldenlib.helm_path()

    directory = tempfile.mkdtemp(prefix="rudder-bench-batch-")
    try:
        releases = generate(directory, args.count)
        release_set = os.path.join(directory, "releases.yaml")
        out = os.path.join(directory, "out")
        n = len(releases)

        # Check first: every release renders, and identically in the batch and alone.
        _, _, status, _ = run([args.rudder, "render", release_set, "-q", "--output-dir", out])
        if status != 0:
            raise SystemExit("rudder render failed (status %d)" % status)

        probe_before = file_creation_probe(directory)
        runs = args.batch_runs
        other_set = os.path.join(directory, "releases-b.yaml")
        # Into an empty folder each time (a new one per run; all removed at the end).
        fresh = [run([args.rudder, "render", release_set, "-q", "--output-dir", os.path.join(directory, "fresh-%d" % i)])
                 for i in range(runs)]
        # Over the previous output, every release changed: the two sets alternate.
        changed = [run([args.rudder, "render", other_set if i % 2 == 0 else release_set, "-q", "--output-dir", out])
                   for i in range(runs)]
        # Over unchanged output (the set last rendered, again).
        last = other_set if (runs - 1) % 2 == 0 else release_set
        unchanged = [run([args.rudder, "render", last, "-q", "--output-dir", out]) for _ in range(runs)]
        to_stdout = [run([args.rudder, "render", release_set, "-q"]) for _ in range(runs)]
        batch_dir = min(fresh)
        with open(os.devnull, "w") as sink:
            single = run([args.rudder, "render", release_set, "-q", "-j", "1"], stdout=sink)
        rudder_each, rudder_peak, rudder_measured, rudder_cpu = one_by_one(args.rudder, releases, args.rudder_sample)
        helm_each, helm_peak, helm_measured, helm_cpu = one_by_one(helm, releases, args.helm_sample)
        with open("/proc/loadavg") as f:
            load = f.read().split()[0]

        probe_after = file_creation_probe(directory)
        cores = os.cpu_count()
        print("%d releases (%d anything-llm, %d lobe-chat), %d cores, load average %s"
              % (n, (n + 1) // 2, n // 2, cores, load))
        def spread(results):
            walls = sorted(r[0] for r in results)
            return "%.2f-%.2f" % (walls[0], walls[-1])

        rows = [
            ("rudder render --output-dir, empty folder (files written)", batch_dir, spread(fresh)),
            ("rudder render --output-dir, every release changed", min(changed), spread(changed)),
            ("rudder render --output-dir, output unchanged", min(unchanged), spread(unchanged)),
            ("rudder render > /dev/null (batch, stdout)", min(to_stdout), spread(to_stdout)),
            ("rudder render -j 1 (batch, one release at a time)", single, ""),
            ("rudder template x %d processes%s" % (n, "" if rudder_measured == n else " (%d measured, scaled)" % rudder_measured),
             (rudder_each, rudder_peak, 0, rudder_cpu), ""),
            ("helm template x %d processes%s" % (n, "" if helm_measured == n else " (%d measured, scaled)" % helm_measured),
             (helm_each, helm_peak, 0, helm_cpu), ""),
        ]
        print("file system: creating a small file took %.0f us before the batch runs, %.0f us after them"
              % (probe_before, probe_after))
        print("%-58s %8s %8s %8s %9s  %s" % ("", "wall s", "vs batch", "CPU s", "peak MiB", "wall range (%d runs)" % runs))
        for label, (seconds, peak, _, cpu), walls in rows:
            print("%-58s %8.2f %7.1fx %8.2f %9.1f  %s" % (label, seconds, seconds / batch_dir[0], cpu, peak, walls))
        print("batch (files written) vs helm process by process: %.0fx faster wall, %.0fx less CPU; "
              "vs rudder process by process: %.1fx faster wall"
              % (helm_each / batch_dir[0], helm_cpu / batch_dir[3], rudder_each / batch_dir[0]))
        print("every release changed: %.0fx faster than helm; unchanged output: %.0fx; stdout: %.0fx"
              % (helm_each / min(changed)[0], helm_each / min(unchanged)[0], helm_each / min(to_stdout)[0]))
    finally:
        if args.keep:
            print("generated files kept in", directory)
        else:
            shutil.rmtree(directory)


if __name__ == "__main__":
    main()
