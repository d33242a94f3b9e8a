#!/usr/bin/env python3
"""Generates Tests/Golden/regex/fuzz.cases: random patterns (fixed seed) from a
small grammar over {a, b}, run by the reference Helm on random inputs through
regexFindAll (all matches) and regexReplaceAll (the first groups expanded), to
compare match positions, empty-match rules and capture priorities with Go's.

All cases render in one `helm template` run (one template file per case).
Sections: function, pattern, input, argument, output (as in regex.cases).

Usage: python3 scripts/regex-fuzz-goldens.py [count]
"""
import base64
import json
import os
import random
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib  # noqa: E402

ATOMS = ["a", "b", "a", "b", ".", "[ab]", "[^a]", "x", "(?i)A", "\\b", "^", "$", "(?m:^)", "(?m:$)", ""]
# Second round: classes, case folding and non-ASCII runes.
UNICODE_ATOMS = ["é", "σ", "(?i:σ)", "(?i:k)", "(?i:s)", "\\w", "\\W", "\\s", "\\d", "\\pL", "\\p{Greek}",
                 "[^\\pL]", "(?i)[a-f]", "[[:alpha:]]", "[^[:space:]]", "\\B", ".", "(?s:.)", "[é-ω]", "\\x{212A}"]
UNICODE_TEXT = "aké σςΣ\u212a\u017fS1 \nÉz"
REPEATS = ["*", "+", "?", "*?", "+?", "??", "{2}", "{0,2}", "{1,}", "{1,2}?", "{0}"]


def atom(rng, depth):
    roll = rng.random()
    if depth < 3 and roll < 0.3:
        inner = alternation(rng, depth + 1)
        return rng.choice(["(%s)", "(?:%s)", "(%s)", "(?U:%s)"]) % inner
    return rng.choice(rng.atoms)


def piece(rng, depth):
    a = atom(rng, depth)
    if a not in ("", "^", "$", "\\b", "\\B", "(?m:^)", "(?m:$)", "(?i)A", "(?i)[a-f]") and rng.random() < 0.45:
        return a + rng.choice(REPEATS)
    return a


def concatenation(rng, depth):
    return "".join(piece(rng, depth) for _ in range(rng.randint(1, 3)))


def alternation(rng, depth):
    parts = [concatenation(rng, depth) for _ in range(rng.choice([1, 1, 2, 3]))]
    return "|".join(parts)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(20260126)
    cases = []
    seen = set()
    while len(cases) < count + count // 2:
        unicode_round = len(cases) >= count
        rng.atoms = UNICODE_ATOMS if unicode_round else ATOMS
        pattern = alternation(rng, 0)
        if pattern in seen or not pattern:
            continue
        seen.add(pattern)
        alphabet = UNICODE_TEXT if unicode_round else "aab b\nx"
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        groups = pattern.count("(") - pattern.count("(?")
        if groups and rng.random() < 0.6:
            template = "<" + "|".join("$%d" % (i + 1) for i in range(min(groups, 3))) + ">"
            cases.append(("regexReplaceAll", pattern, text, template))
        else:
            cases.append(("regexFindAll", pattern, text, "-1"))

    with tempfile.TemporaryDirectory(prefix="rudder-regex-fuzz-") as directory:
        chart = os.path.join(directory, "c")
        files = {"Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\n"}
        values = {}
        for index, (function, pattern, text, argument) in enumerate(cases):
            key = "c%04d" % index
            values[key] = {"p": pattern, "s": text, "r": argument}
            if function == "regexFindAll":
                call = "regexFindAll .Values.%s.p .Values.%s.s -1" % (key, key)
            else:
                call = "regexReplaceAll .Values.%s.p .Values.%s.s .Values.%s.r" % (key, key, key)
            files["templates/%s.yaml" % key] = "# OUT %s {{ %s | toJson | b64enc }}\n" % (key, call)
        files["values.yaml"] = json.dumps(values, ensure_ascii=False) + "\n"
        goldenlib.write_chart(chart, files)
        rc, out, err = goldenlib.run_helm(["template", "c", chart])
        if rc != 0:
            raise SystemExit("helm failed: %s" % err.decode())
    outputs = {m.group(1).decode(): base64.b64decode(m.group(2)).decode("utf-8")
               for m in re.finditer(rb"# OUT (c\d+) (\S*)", out)}
    golden = []
    for index, (function, pattern, text, argument) in enumerate(cases):
        key = "c%04d" % index
        golden.append(("%03d %s" % (index + 1, function), [
            ("function", function), ("pattern", pattern), ("input", text), ("argument", argument),
            ("output", outputs[key])]))
    path = goldenlib.write_cases("regex/fuzz.cases", golden)
    print("wrote %d cases to %s" % (len(golden), path))


if __name__ == "__main__":
    main()
