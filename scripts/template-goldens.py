#!/usr/bin/env python3
"""Generates Tests/Golden/template/*.cases from the reference Helm.

Each case is a template (run as c/templates/t.yaml of a one-template chart)
and a values document (JSON, which is YAML). For every case the reference
`helm template` is run twice at most:

1. with the case as templates/_case.tpl and t.yaml = `out: {{ include
   "c/templates/_case.tpl" . | b64enc | quote }}`, which captures the exact
   raw output (whitespace and `<no value>` included);
2. if that fails, with the case itself as templates/t.yaml, so that the error
   message is exactly the one Helm prints for the case's own file.

Case sections: `template`, `values` (JSON), optionally `set` (one
`key=integer` per line, passed as --set: Helm makes those int64), then `output` (raw bytes) or
`error` (what Helm prints after "Error: ", without the trailing hint).

Usage: scripts/template-goldens.py [GROUP...]   (default: every group)
The case definitions live in scripts/template-cases.py.
"""
import base64
import concurrent.futures
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib  # noqa: E402
import importlib.util  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    "template_cases", os.path.join(os.path.dirname(os.path.abspath(__file__)), "template-cases.py"))
template_cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(template_cases)

CHART_YAML = "apiVersion: v2\nname: c\nversion: 0.1.0\n"
WRAPPER = 'out: {{ include "c/templates/_case.tpl" . | b64enc | quote }}\n'
HINT = "\n\nUse --debug flag to render out invalid YAML"


def run_case(work, template, values, sets=()):
    chart = os.path.join(work, "c")
    set_args = []
    for item in sets:
        set_args += ["--set", item]
    values_text = json.dumps(values, sort_keys=True)
    goldenlib.write_chart(chart, {
        "Chart.yaml": CHART_YAML,
        "values.yaml": values_text + "\n",
        "templates/_case.tpl": template,
        "templates/t.yaml": WRAPPER,
    })
    rc, out, err = goldenlib.run_helm(["template", chart] + set_args)
    if rc == 0:
        m = re.search(rb'^out: "([A-Za-z0-9+/=]*)"$', out, re.M)
        if not m:
            raise RuntimeError("no output line in: %r" % out)
        return ("output", base64.b64decode(m.group(1)).decode("utf-8"))
    goldenlib.write_chart(chart, {
        "Chart.yaml": CHART_YAML,
        "values.yaml": values_text + "\n",
        "templates/t.yaml": template,
    })
    rc, out, err = goldenlib.run_helm(["template", chart] + set_args)
    if rc == 0:
        raise RuntimeError("case fails only through include: %r" % template)
    text = err.decode("utf-8")
    if text.startswith("Error: "):
        text = text[len("Error: "):]
    if text.endswith("\n"):
        text = text[:-1]
    if text.endswith(HINT):
        text = text[: -len(HINT)]
    return ("error", text)


def generate(group, cases):
    names = set()
    for name in (c[0] for c in cases):
        if name in names:
            raise ValueError("duplicate case name %s in %s" % (name, group))
        names.add(name)

    def one(case):
        name, template, values = case[:3]
        sets = case[3] if len(case) > 3 else ()
        with tempfile.TemporaryDirectory() as work:
            kind, text = run_case(work, template, values, sets)
        sections = [("template", template), ("values", json.dumps(values, sort_keys=True))]
        if sets:
            sections.append(("set", "\n".join(sets)))
        return (name, sections + [(kind, text)])

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(one, cases))
    path = goldenlib.write_cases("template/%s.cases" % group, results)
    print("%s: %d cases -> %s" % (group, len(results), os.path.relpath(path, goldenlib.ROOT)))


def main():
    groups = template_cases.GROUPS
    wanted = sys.argv[1:] or list(groups)
    for group in wanted:
        generate(group, groups[group])


if __name__ == "__main__":
    main()
