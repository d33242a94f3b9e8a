#!/usr/bin/env python3
"""Times the crypto functions through `template` in rudder and the reference
Helm, in the same run: one chart per workload, median wall time of RUNS runs
each, and the ratio. Reports numbers only; asserts nothing.

Usage: scripts/crypto-bench.py [--runs N] [--rudder PATH]   (default: .build/release/rudder)
"""
import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib  # noqa: E402

WORKLOADS = [
    ("derivePassword x1", '{{ derivePassword 1 "long" "password" "user" "example.com" }}'),
    ("bcrypt x4", '{{ range until 4 }}{{ bcrypt "secret" }} {{ end }}'),
    ("genCA + genSignedCert", '{{ $ca := genCA "ca" 365 }}{{ (genSignedCert "x" nil (list "x") 30 $ca).Cert | len }}'),
    ("genPrivateKey rsa (4096)", '{{ genPrivateKey "rsa" | len }}'),
    ("encryptAES+decryptAES x1000", '{{ range until 1000 }}{{ decryptAES "k" (encryptAES "k" "text") }}{{ end }}'),
    ("randAlphaNum 1 MiB", '{{ randAlphaNum 1048576 | len }}'),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rudder", default=os.path.join(goldenlib.ROOT, ".build", "release", "rudder"))
    args = parser.parse_args()
    helm = goldenlib.helm_path()
    work = tempfile.mkdtemp(prefix="rudder-crypto-bench-")
    print("%-30s %12s %12s %8s" % ("workload", "helm (s)", "rudder (s)", "ratio"))
    for name, template in WORKLOADS:
        chart = os.path.join(work, "c")
        goldenlib.write_chart(chart, {"Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\n",
                                      "templates/t.yaml": "# " + template + "\n"})
        helm_time, _ = goldenlib.measure([helm, "template", chart], args.runs)
        rudder_time, _ = goldenlib.measure([args.rudder, "template", chart], args.runs)
        print("%-30s %12.3f %12.3f %7.1fx" % (name, helm_time, rudder_time, helm_time / rudder_time))


if __name__ == "__main__":
    main()
