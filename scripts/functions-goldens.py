#!/usr/bin/env python3
"""Generates Tests/Golden/functions/*.cases from the reference Helm.

Each case is a small template. It is written to `templates/_case.tpl` of a
one-file chart and rendered with `out: {{ include "c/templates/_case.tpl" . | b64enc }}`,
so the exact bytes are captured. A case that fails records Helm's error:
section `error` is the function's own message (what follows the last
"error calling NAME: "), section `helm-error` Helm's whole message.

Usage: scripts/functions-goldens.py   (needs ../shared/tools/reference-helm)
"""
import base64
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib  # noqa: E402

import importlib.util  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    "functions_cases", os.path.join(os.path.dirname(os.path.abspath(__file__)), "functions-cases.py"))
_cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_cases)
FAMILIES = _cases.FAMILIES

CHART_YAML = "apiVersion: v2\nname: c\nversion: 0.1.0\n"
WRAPPER = 'out: {{ include "c/templates/_case.tpl" . | b64enc }}\n'


def render(workdir, template, args):
    goldenlib.write_chart(os.path.join(workdir, "c"), {
        "Chart.yaml": CHART_YAML,
        "templates/_case.tpl": template,
        "templates/out.yaml": WRAPPER,
    })
    rc, out, err = goldenlib.run_helm(["template", "c"] + list(args), cwd=workdir, env={"TZ": "UTC"})
    if rc == 0:
        text = out.decode()
        line = [l for l in text.split("\n") if l.startswith("out:")][0]
        encoded = line[len("out:"):].strip()
        return ("output", base64.b64decode(encoded).decode("utf-8", "surrogateescape"))
    return ("error", err.decode())


def main():
    workdir = tempfile.mkdtemp(prefix="rudder-functions-goldens-")
    total = 0
    for family, cases in FAMILIES.items():
        records = []
        for index, case in enumerate(cases):
            if isinstance(case, tuple):
                template, args = case
            else:
                template, args = case, []
            kind, text = render(workdir, template, args)
            name = "%s-%03d" % (family, index)
            sections = [("template", template)]
            if args:
                sections.append(("args", " ".join(args)))
            if kind == "output":
                sections.append(("output", text))
            else:
                sections.append(("error", goldenlib.function_error(text)))
                sections.append(("helm-error", text))
            records.append((name, sections))
        path = goldenlib.write_cases("functions/%s.cases" % family, records)
        total += len(records)
        print("%s: %d cases" % (path, len(records)))
    print("total: %d" % total)


if __name__ == "__main__":
    main()
