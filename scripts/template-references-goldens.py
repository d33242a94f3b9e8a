#!/usr/bin/env python3
"""Generates Tests/Golden/template/references.cases from the reference Helm:
Go's reference semantics for maps (set/unset/merge in place, aliases of
.Values, dot in include, deepCopy, maps inside lists and dicts).

Two kinds of case:

* `template` + `values` (JSON): the template runs as c/templates/_case.tpl,
  included by t.yaml through b64enc, so `output` holds its exact raw output
  (as scripts/template-goldens.py does); `error` when Helm fails.
* `chart-a` + `chart-b` (+ optional `sub-a` for a subchart "sub") + `values`:
  a chart whose files are executed in one render; `output-a`, `output-b` and
  `output-sub` hold each file's rendered text (Helm's `# Source:` documents),
  so the cases check that a change to `.Values` in one file is seen by the
  files executed after it.

Usage: scripts/template-references-goldens.py
"""
import json
import os
import re
import sys
import tempfile
import concurrent.futures

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib  # noqa: E402

import importlib.util  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    "template_goldens", os.path.join(os.path.dirname(os.path.abspath(__file__)), "template-goldens.py"))
_template_goldens = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_template_goldens)

CHART_YAML = "apiVersion: v2\nname: c\nversion: 0.1.0\n"
SUB_CHART_YAML = "apiVersion: v2\nname: sub\nversion: 0.1.0\n"

ITEMS = {"items": [{"n": 1}, {"n": 2}]}
X = {"x": {"a": 1}, "my-key": {"k": "v"}}

# (name, template, values)
CASES = [
    ("set-variable", '{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $d.b }}', {}),
    ("set-returns-same-map", '{{ $d := dict }}{{ $e := set $d "x" 1 }}{{ $_ := set $e "y" 2 }}{{ $d }}', {}),
    ("variable-alias", '{{ $a := dict "k" 1 }}{{ $b := $a }}{{ $_ := set $b "k" 2 }}{{ $a.k }}', {}),
    ("variable-reassigned", '{{ $d := dict }}{{ $e := $d }}{{ $d = dict "new" 1 }}{{ $_ := set $e "a" 1 }}{{ $d }} {{ $e }}', {}),
    ("values-alias", '{{ $v := .Values }}{{ $_ := set $v "k" 1 }}{{ .Values.k }}', {}),
    ("values-direct", '{{ $_ := set .Values "k" "v" }}{{ .Values.k }} {{ $.Values.k }}', {}),
    ("values-child-alias", '{{ $x := .Values.x }}{{ $_ := set $x "n" 1 }}{{ .Values.x.n }} {{ toJson .Values }}', X),
    ("values-child-direct", '{{ $_ := set .Values.x "n" 2 }}{{ .Values.x }}', X),
    ("values-two-aliases", '{{ $a := .Values.x }}{{ $b := .Values.x }}{{ $_ := set $a "k" 1 }}{{ $b.k }}', X),
    ("include-dot", '{{ define "m" }}{{ $_ := set . "x" 1 }}{{ end }}{{ $d := dict }}{{ include "m" $d }}{{ $d.x }}', {}),
    ("template-dot", '{{ define "m" }}{{ $_ := set . "x" 1 }}{{ end }}{{ $d := dict }}{{ template "m" $d }}{{ $d.x }}', {}),
    ("include-values", '{{ define "m" }}{{ $_ := set .Values "fromInclude" true }}{{ end }}{{ include "m" . }}{{ .Values.fromInclude }}', {}),
    ("include-dollar", '{{ define "m" }}{{ $_ := set $.Values "viaDollar" 1 }}{{ end }}{{ include "m" . }}{{ .Values.viaDollar }}', {}),
    ("include-counter", '{{ define "inc" }}{{ $_ := set . "n" (add1 .n) }}{{ end }}{{ $c := dict "n" 0 }}{{ include "inc" $c }}{{ include "inc" $c }}{{ include "inc" $c }}{{ $c.n }}', {}),
    ("tpl-dot", '{{ $d := dict }}{{ tpl "{{ $_ := set . \\"t\\" 3 }}" $d }}{{ $d.t }}', {}),
    ("merge-in-place", '{{ $dst := dict "a" 1 }}{{ $_ := merge $dst (dict "b" 2 "a" 9) }}{{ $dst }}', {}),
    ("merge-overwrite-in-place", '{{ $dst := dict "a" 1 }}{{ $_ := mergeOverwrite $dst (dict "b" 2 "a" 9) }}{{ $dst }}', {}),
    ("must-merge-in-place", '{{ $dst := dict "a" 1 }}{{ $_ := mustMerge $dst (dict "b" 2) (dict "c" 3) }}{{ $dst }}', {}),
    ("must-merge-overwrite-in-place", '{{ $dst := dict "a" 1 }}{{ $_ := mustMergeOverwrite $dst (dict "a" 2) }}{{ $dst }}', {}),
    ("merge-returns-same-map", '{{ $dst := dict }}{{ $r := merge $dst (dict "a" 1) }}{{ $_ := set $r "b" 2 }}{{ $dst }}', {}),
    ("merge-into-values", '{{ $_ := merge .Values (dict "extra" "e") }}{{ .Values.extra }}', X),
    ("merge-overwrite-keeps-child", '{{ $c := .Values.x }}{{ $_ := mergeOverwrite .Values (dict "x" (dict "b" 2)) }}{{ $c }} {{ .Values.x }}', X),
    ("merge-source-shared", '{{ $src := dict "s" (dict "v" 1) }}{{ $dst := dict }}{{ $_ := merge $dst $src }}{{ $_ := set $src.s "v" 2 }}{{ $dst }}', {}),
    ("unset-in-place", '{{ $d := dict "a" 1 "b" 2 }}{{ $_ := unset $d "a" }}{{ $d }} {{ hasKey $d "a" }} {{ hasKey $d "b" }}', {}),
    ("unset-values-alias", '{{ $v := .Values }}{{ $_ := unset $v "x" }}{{ hasKey .Values "x" }} {{ keys .Values }}', X),
    ("deepcopy-breaks", '{{ $a := dict "k" 1 }}{{ $b := deepCopy $a }}{{ $_ := set $b "k" 2 }}{{ $a.k }} {{ $b.k }}', {}),
    ("deepcopy-values", '{{ $v := deepCopy .Values }}{{ $_ := set $v.x "k" 1 }}{{ hasKey .Values.x "k" }} {{ hasKey $v.x "k" }}', X),
    ("dict-holds-dict", '{{ $in := dict "a" 1 }}{{ $out := dict "in" $in }}{{ $_ := set $in "b" 2 }}{{ $out.in.b }} {{ $out }}', {}),
    ("dict-child-alias", '{{ $out := dict "in" (dict "a" 1) }}{{ $in := $out.in }}{{ $_ := set $in "b" 2 }}{{ toJson $out }}', {}),
    ("set-value-shared", '{{ $a := dict }}{{ $b := dict }}{{ $_ := set $a "b" $b }}{{ $_ := set $b "x" 1 }}{{ $a }}', {}),
    ("list-holds-dict", '{{ $d := dict }}{{ $l := list $d }}{{ $_ := set $d "a" 1 }}{{ $l }}', {}),
    ("append-holds-dict", '{{ $d := dict }}{{ $l := append (list) $d }}{{ $_ := set $d "a" 1 }}{{ $l }}', {}),
    ("range-list-of-dicts", '{{ $l := list (dict "n" 1) (dict "n" 2) }}{{ range $v := $l }}{{ $_ := set $v "seen" true }}{{ end }}{{ toJson $l }}', {}),
    ("range-values-list-dot", '{{ range .Values.items }}{{ $_ := set . "x" 1 }}{{ end }}{{ toJson .Values.items }}', ITEMS),
    ("range-values-list-variable", '{{ range $i, $v := .Values.items }}{{ $_ := set $v "i" $i }}{{ end }}{{ toJson .Values }}', ITEMS),
    ("range-map-of-maps", '{{ range $k, $v := .Values }}{{ if kindIs "map" $v }}{{ $_ := set $v "key" $k }}{{ end }}{{ end }}{{ toJson .Values }}', X),
    ("range-sets-root", '{{ range list 1 2 3 }}{{ $_ := set $.Values "count" . }}{{ end }}{{ .Values.count }}', {}),
    ("index-values-list", '{{ $first := index .Values.items 0 }}{{ $_ := set $first "z" 1 }}{{ toJson .Values.items }}', ITEMS),
    ("index-values-key", '{{ $x := index .Values "my-key" }}{{ $_ := set $x "n" 1 }}{{ toJson (index .Values "my-key") }}', X),
    ("first-values-list", '{{ $f := first .Values.items }}{{ $_ := set $f "f" 1 }}{{ toJson .Values.items }}', ITEMS),
    ("get-values-key", '{{ $x := get .Values "x" }}{{ $_ := set $x "g" 1 }}{{ .Values.x.g }}', X),
    ("default-given-map", '{{ $x := default (dict) .Values.x }}{{ $_ := set $x "d" 1 }}{{ .Values.x.d }}', X),
    ("default-fallback-map", '{{ $x := default (dict "a" 1) .Values.missing }}{{ $_ := set $x "b" 2 }}{{ $x }} {{ hasKey .Values "missing" }}', X),
    ("with-values-child", '{{ with .Values.x }}{{ $_ := set . "w" 1 }}{{ end }}{{ .Values.x.w }}', X),
    ("if-empty-then-set", '{{ $d := dict }}{{ if $d }}yes{{ else }}no{{ end }} {{ $_ := set $d "a" 1 }}{{ if $d }}yes{{ else }}no{{ end }}', {}),
    ("and-or-results", '{{ $d := dict }}{{ $e := or $d (dict "z" 1) }}{{ $e }} {{ $a := dict "k" 1 }}{{ $b := and true $a }}{{ $_ := set $b "m" 2 }}{{ $a }}', {}),
    ("not-empty-map", '{{ $d := dict }}{{ not $d }} {{ $_ := set $d "a" 1 }}{{ not $d }}', {}),
    ("print-mutated", '{{ $d := dict "b" 2 }}{{ $_ := set $d "a" (dict "c" 3) }}{{ $d }} {{ print $d }} {{ printf "%v %T" $d $d }} {{ printf "%T" $d.a }}', {}),
    ("to-json-mutated-values", '{{ $_ := set .Values "z" (list 1 2) }}{{ $_ := unset .Values "my-key" }}{{ toJson .Values }}', X),
    ("to-yaml-mutated-values", '{{ $_ := set .Values.x "b" (dict "c" "d") }}{{ toYaml .Values }}', X),
    ("has-key-after-unset", '{{ $_ := unset .Values.x "a" }}{{ hasKey .Values.x "a" }} {{ .Values.x }}', X),
    ("eq-on-maps", '{{ $a := dict "k" 1 }}{{ eq $a $a }}', {}),
    ("eq-on-elements", '{{ $a := dict "k" 1 }}{{ $_ := set $a "k" 2 }}{{ eq (index $a "k") 2 }} {{ eq $a.k 2 }}', {}),
    ("len-after-set", '{{ $d := dict }}{{ $_ := set $d "a" 1 }}{{ $_ := set .Values "n" 1 }}{{ len $d }} {{ len .Values }}', X),
    ("empty-after-set", '{{ $d := dict }}{{ empty $d }} {{ $_ := set $d "a" 1 }}{{ empty $d }}', {}),
    ("keys-after-set", '{{ $_ := set .Values "b" 1 }}{{ keys .Values | sortAlpha }}', X),
    ("type-and-kind", '{{ typeOf .Values.x }} {{ kindOf .Values.x }} {{ kindIs "map" .Values.x }}', X),
    ("from-yaml-mutable", '{{ $y := fromYaml "a: 1" }}{{ $_ := set $y "b" 2 }}{{ toYaml $y }}', {}),
    ("dig-after-set", '{{ $d := dict "x" (dict) }}{{ $_ := set $d.x "deep" (dict "er" "yes") }}{{ dig "x" "deep" "er" "no" $d }}', {}),
    ("pluck-after-set", '{{ $a := dict }}{{ $_ := set $a "k" 1 }}{{ pluck "k" $a (dict "k" 2) }}', {}),
    ("values-method-on-list", '{{ $d := dict "a" (dict "b" 1) }}{{ $_ := set $d.a "c" 2 }}{{ values $d | toJson }}', {}),
    ("tpl-values", '{{ tpl "{{ $_ := set .Values \\"t\\" 1 }}" . }}{{ .Values.t }}', {}),
    ("set-on-root-dot", '{{ $_ := set . "top" 1 }}{{ .top }} {{ $.top }}', {}),
    ("accumulate-list", '{{ $d := dict "l" list }}{{ range list 1 2 3 }}{{ $_ := set $d "l" (append $d.l .) }}{{ end }}{{ $d.l }}', {}),
    ("coalesce-map", '{{ $x := coalesce .Values.missing .Values.x }}{{ $_ := set $x "c" 1 }}{{ .Values.x.c }}', X),
    ("ternary-map", '{{ $x := ternary .Values.x (dict) true }}{{ $_ := set $x "t" 1 }}{{ .Values.x.t }}', X),
    ("pick-shares-children", '{{ $p := pick .Values "x" }}{{ $_ := set $p.x "picked" 1 }}{{ $_ := set $p "top" 1 }}{{ .Values.x }} {{ hasKey .Values "top" }}', X),
    ("omit-shares-children", '{{ $o := omit .Values "my-key" }}{{ $_ := set $o.x "o" 1 }}{{ .Values.x }}', X),
    ("values-shares-maps", '{{ range values .Values }}{{ $_ := set . "seen" 1 }}{{ end }}{{ toJson .Values }}', X),
    ("pluck-shares-maps", '{{ $a := dict "k" (dict) }}{{ range pluck "k" $a }}{{ $_ := set . "p" 1 }}{{ end }}{{ $a }}', {}),
    ("merge-overwrite-src-shared", '{{ $src := dict "s" (dict "v" 1) }}{{ $dst := dict "s" 1 }}{{ $_ := mergeOverwrite $dst $src }}{{ $_ := set $src.s "v" 2 }}{{ $dst }}', {}),
    ("nested-include-values", '{{ define "inner" }}{{ $_ := set .Values "depth" (add1 (.Values.depth | default 0)) }}{{ end }}{{ define "outer" }}{{ include "inner" . }}{{ include "inner" . }}{{ end }}{{ include "outer" . }}{{ .Values.depth }}', {}),
    ("set-wrong-type", '{{ $_ := set .Values.x.a "k" 1 }}', X),
]

# (name, a.yaml, b.yaml, sub-chart template or None, values)
CHART_CASES = [
    ("chart-a-sets-b-reads",
     '{{ $_ := set .Values "shared" "fromA" }}a: {{ .Values.shared }}\n',
     'b: {{ .Values.shared | default "unset" }}\n', None, {}),
    ("chart-b-sets-a-reads",
     'a: {{ .Values.shared | default "unset" }}\n',
     '{{ $_ := set .Values "shared" "fromB" }}b: {{ .Values.shared }}\n', None, {}),
    ("chart-nested-alias",
     '{{ $x := .Values.x }}{{ $_ := set $x "fromA" 1 }}a: {{ toJson .Values.x }}\n',
     'b: {{ toJson .Values.x }}\n', None, {"x": {"k": 1}}),
    ("chart-unset-merge",
     '{{ $_ := unset .Values "drop" }}{{ $_ := merge .Values (dict "added" 1) }}a: {{ toJson .Values }}\n',
     'b: {{ toJson .Values }}\n', None, {"drop": 1, "keep": 2}),
    ("chart-subchart-scope",
     '{{ $_ := set .Values.sub "fromParentA" 1 }}a: {{ toJson .Values.sub }}\n',
     'b: {{ toJson .Values.sub }}\n',
     '{{ $_ := set .Values "fromSub" 1 }}sub: {{ toJson .Values }}\n', {"sub": {"k": 1}}),
]


def run_case(work, template, values):
    """One case through `include` (as template-goldens.py runs its cases)."""
    return _template_goldens.run_case(work, template, values)


def source_documents(out):
    """Helm's `# Source: PATH` documents: path -> text (without the header)."""
    documents = {}
    for part in out.decode("utf-8").split("---\n"):
        m = re.match(r"# Source: (\S+)\n", part)
        if m:
            documents[m.group(1)] = part[m.end():].rstrip("\n")
    return documents


def run_chart_case(work, a, b, sub, values):
    chart = os.path.join(work, "c")
    files = {
        "Chart.yaml": CHART_YAML,
        "values.yaml": json.dumps(values, sort_keys=True) + "\n",
        "templates/a.yaml": a,
        "templates/b.yaml": b,
    }
    if sub is not None:
        files["charts/sub/Chart.yaml"] = SUB_CHART_YAML
        files["charts/sub/templates/a.yaml"] = sub
    goldenlib.write_chart(chart, files)
    rc, out, err = goldenlib.run_helm(["template", chart])
    if rc != 0:
        raise RuntimeError("chart case failed: %r" % err)
    documents = source_documents(out)
    sections = [("output-a", documents["c/templates/a.yaml"]), ("output-b", documents["c/templates/b.yaml"])]
    if sub is not None:
        sections.append(("output-sub", documents["c/charts/sub/templates/a.yaml"]))
    return sections


def main():
    def one(case):
        name, template, values = case
        with tempfile.TemporaryDirectory() as work:
            kind, text = run_case(work, template, values)
        return (name, [("template", template), ("values", json.dumps(values, sort_keys=True)), (kind, text)])

    def one_chart(case):
        name, a, b, sub, values = case
        with tempfile.TemporaryDirectory() as work:
            outputs = run_chart_case(work, a, b, sub, values)
        sections = [("chart-a", a), ("chart-b", b)]
        if sub is not None:
            sections.append(("sub-a", sub))
        return (name, sections + [("values", json.dumps(values, sort_keys=True))] + outputs)

    names = [c[0] for c in CASES] + [c[0] for c in CHART_CASES]
    if len(names) != len(set(names)):
        raise ValueError("duplicate case names")
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(one, CASES)) + list(pool.map(one_chart, CHART_CASES))
    path = goldenlib.write_cases("template/references.cases", results)
    print("references: %d cases -> %s" % (len(results), os.path.relpath(path, goldenlib.ROOT)))


if __name__ == "__main__":
    main()
