#!/usr/bin/env python3
"""Writes the inputs of scripts/yaml-bench.sh and scripts/yaml-hostile.sh.

generate.py values OUT [MB]   a realistic values file of about MB megabytes
generate.py hostile DIR       one file per hostile input
"""
import os
import random
import sys


def values(out, megabytes):
    rnd = random.Random(42)
    target = megabytes * 1_000_000
    words = ["alpha", "beta", "gamma", "delta", "nginx", "redis", "postgres", "enabled",
             "image", "repository", "tag", "port", "service", "ingress", "annotations"]
    size = 0
    n = 0
    with open(out, "w") as f:
        while size < target:
            block = [
                "component%d:" % n,
                "  enabled: %s" % rnd.choice(["true", "false", "yes", "no"]),
                "  replicaCount: %d" % rnd.randint(1, 10),
                "  image:",
                "    repository: registry.example.com/%s/%s" % (rnd.choice(words), rnd.choice(words)),
                "    tag: \"%d.%d.%d\"" % (rnd.randint(0, 9), rnd.randint(0, 30), rnd.randint(0, 99)),
                "    pullPolicy: IfNotPresent",
                "  resources:",
                "    limits: {cpu: %dm, memory: %dMi}" % (rnd.randint(100, 4000), rnd.randint(64, 8192)),
                "    requests:",
                "      cpu: %.2f" % rnd.random(),
                "      memory: %d" % rnd.randint(1, 10**9),
                "  env:",
            ]
            for k in range(rnd.randint(1, 5)):
                block.append("    - name: VAR_%d_%d" % (n, k))
                block.append("      value: '%s'" % " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 8))))
            block.append("  config: |")
            for k in range(rnd.randint(1, 4)):
                block.append("    line %d of %s = %s" % (k, rnd.choice(words), rnd.random()))
            block.append("  labels: &labels%d" % n)
            block.append("    app: %s" % rnd.choice(words))
            block.append("  selector: *labels%d" % n)
            text = "\n".join(block) + "\n"
            f.write(text)
            size += len(text)
            n += 1


def hostile(directory):
    os.makedirs(directory, exist_ok=True)

    def write(name, data):
        with open(os.path.join(directory, name), "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())

    names = "abcdefghi"
    laughs = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, len(names)):
        laughs += "%s: &%s [%s]\n" % (names[i], names[i], ",".join(["*" + names[i - 1]] * 9))
    write("billion-laughs.yaml", laughs)
    fan = "l0: &l0 {k: v}\n"
    for level in range(1, 6):
        fan += "l%d: &l%d [%s]\n" % (level, level, ", ".join(["*l%d" % (level - 1)] * 100))
    write("fan-out-5-levels.yaml", fan)
    write("deep-flow-100k.yaml", "a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    write("deep-flow-maps-100k.yaml", "a: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n")
    write("deep-block-100k.yaml", "- " * 100_000 + "x\n")
    write("invalid-utf8-late.yaml", b"a: 1\n" * 200_000 + b"b: \xff\n")
    write("long-scalar-20mb.yaml", "a: " + "x" * 20_000_000 + "\n")
    write("many-keys-200k.yaml", "".join("k%d: %d\n" % (i, i) for i in range(200_000)))
    write("unclosed-quote-10mb.yaml", "a: \"" + "y" * 10_000_000 + "\n")
    write("many-documents-100k.yaml", "".join("k%d: 1\n---\n" % i for i in range(100_000)))


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "values":
        values(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 20)
    elif len(sys.argv) >= 3 and sys.argv[1] == "hostile":
        hostile(sys.argv[2])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
