#!/usr/bin/env python3
"""Regenerates Tests/Golden/yaml/*.cases from the reference Helm 4.1.4.

Each case is a values.yaml. The generator writes a one-template chart whose
template prints the values through toJson, toRawJson, toPrettyJson, toYaml and
toYamlPretty, each base64-encoded (b64enc) so that the exact bytes survive
Helm's output framing, runs `helm template`, and stores the decoded outputs
(or Helm's error message) beside the input.

A second file, json.cases, feeds JSON texts to fromJson and fromJsonArray
and prints the results through toJson, toYaml and toYamlPretty (and the
error fromJson reports).

A third, fromyaml.cases, does the same for fromYaml and fromYamlArray.

Usage: scripts/yaml-goldens.py [values|json|fromyaml]   (all files, or one)
       scripts/yaml-goldens.py --show 'a: yes'   (print Helm's view of one input)
"""
import base64
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib  # noqa: E402

TEMPLATE = (
    "json: {{ .Values | toJson | b64enc }}\n"
    "rawjson: {{ .Values | toRawJson | b64enc }}\n"
    "prettyjson: {{ .Values | toPrettyJson | b64enc }}\n"
    "yaml: {{ .Values | toYaml | b64enc }}\n"
    "yamlpretty: {{ toYamlPretty .Values | b64enc }}\n"
)
OUTPUTS = ["json", "rawjson", "prettyjson", "yaml", "yamlpretty"]

LONG = "word " * 30
LONG_NOSPACE = "x" * 120

# (name, values.yaml text). Names are unique and stable.
SCALARS = [
    # YAML 1.1 booleans, as values and as keys
    ("bool-yes", "a: yes\nb: Yes\nc: YES\nd: y\ne: Y\n"),
    ("bool-no", "a: no\nb: No\nc: NO\nd: n\ne: N\n"),
    ("bool-on-off", "a: on\nb: On\nc: ON\nd: off\ne: Off\nf: OFF\n"),
    ("bool-true-false", "a: true\nb: True\nc: TRUE\nd: false\ne: False\nf: FALSE\n"),
    ("bool-mixed-case-strings", "a: yEs\nb: tRUE\nc: oN\nd: nO\n"),
    ("bool-keys", "y: 1\nn: 2\nyes: 3\noff: 4\nkeep: {x: 1, y: 2}\n"),
    ("bool-key-on", "on: yes\n"),
    ("bool-quoted", "a: 'yes'\nb: \"no\"\nc: 'y'\nd: \"on\"\ne: 'true'\n"),
    # null forms
    ("null-forms", "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: nULL\n"),
    ("null-quoted", "a: '~'\nb: \"null\"\nc: ''\n"),
    ("null-in-list", "a:\n- ~\n- null\n-\n- x\n"),
    ("null-top", "~\n"),
    # integers
    ("int-plain", "a: 1\nb: -1\nc: 0\nd: +5\ne: 42\n"),
    ("int-million", "a: 1000000\nb: 1e6\nc: 1000000.0\n"),
    ("int-hex", "a: 0x1F\nb: 0X1f\nc: -0x10\nd: 0xFFFFFFFFFFFFFFFF\n"),
    ("int-octal", "a: 0o17\nb: 017\nc: 08\nd: 0O17\ne: 09.5\n"),
    ("int-binary", "a: 0b101\nb: -0b11\nc: 0b2\n"),
    ("int-underscore", "a: 1_000\nb: 1_000_000\nc: 0x_FF\nd: 1__0\ne: _1\n"),
    ("int-big", "a: 9223372036854775807\nb: 9223372036854775808\nc: 18446744073709551615\nd: 18446744073709551616\ne: 123456789012345678901234567890\n"),
    ("int-big-negative", "a: -9223372036854775808\nb: -9223372036854775809\n"),
    ("int-precision", "a: 9007199254740993\nb: 12345678901\nc: 1234567\n"),
    ("int-leading-zero", "a: 007\nb: 0\nc: -0\nd: 00\ne: 0123456789\n"),
    # floats
    ("float-plain", "a: 1.5\nb: -2.25\nc: 3.0\nd: 0.1\ne: 100000.5\n"),
    ("float-exp", "a: 1e21\nb: 1e20\nc: 1.0e-7\nd: 1e-6\ne: 1E3\nf: 2.5e+3\n"),
    ("float-small", "a: 0.00001\nb: 0.0000001\nc: 1e-300\nd: 5e-324\n"),
    ("float-dot-forms", "a: .5\nb: 5.\nc: -.5\nd: +.5\ne: .\nf: ._5\n"),
    ("float-negative-zero", "a: -0.0\nb: -0.\nc: 0.0\n"),
    ("float-huge", "a: 1e308\nb: 1.7976931348623157e308\n"),
    ("float-overflow", "a: 1e400\n"),
    ("float-inf", "a: .inf\n"),
    ("float-neg-inf", "a: -.inf\n"),
    ("float-plus-inf", "a: +.Inf\n"),
    ("float-nan", "a: .nan\n"),
    ("float-nan-caps", "a: .NaN\n"),
    ("float-inf-words", "a: inf\nb: -inf\nc: nan\nd: infinity\ne: Infinity\n"),
    ("float-inf-in-list", "a: [1, .inf]\n"),
    ("float-quoted-inf", "a: '.inf'\nb: \".nan\"\n"),
    ("float-sexagesimal", "a: 1:20\nb: 190:20:30\nc: 1:2:3.5\nd: -1:30\n"),
    ("float-precision", "a: 0.1\nb: 0.30000000000000004\nc: 3.141592653589793\nd: 1.7976931348623157e+308\ne: 123456789.123456789\n"),
    ("float-versions", "a: 1.0\nb: 1.10\nc: 1.2.3\nd: 1.0.0-beta\ne: v1.0\n"),
    # timestamps
    ("timestamp-date", "date: 2024-01-01\n"),
    ("timestamp-forms", "a: 2001-12-14t21:59:43.10-05:00\nb: 2001-12-14 21:59:43.10\nc: 2002-12-14\nd: 2001-12-15T02:59:43.1Z\ne: 2001-12-14 21:59:43.10 -5\n"),
    ("timestamp-invalid", "a: 2024-13-45\nb: 2024-02-30\nc: 2024-1-2\nd: 24-01-01\ne: 2024-01-01x\n"),
    ("timestamp-quoted", "a: '2024-01-01'\nb: \"2024-01-01\"\n"),
    ("timestamp-key", "2024-01-01: x\n"),
    # strings
    ("string-plain", "a: hello\nb: hello world\nc: 'single'\nd: \"double\"\n"),
    ("string-escapes", "a: \"tab\\there\"\nb: \"nl\\nhere\"\nc: \"uni\\u00e9\"\nd: \"bell\\a\"\ne: \"\\x41\\U0001F600\"\nf: 'it''s'\n"),
    ("string-html", "a: \"<b>&amp;</b>\"\nb: \"a > b && c < d\"\n"),
    ("string-special-chars", "a: \"a: b\"\nb: \"a #b\"\nc: \"*ref\"\nd: \"&anchor\"\ne: \"!tag\"\nf: \"%pct\"\ng: \"@at\"\nh: \"`tick\"\n"),
    ("string-indicators", "a: \"-\"\nb: \"- x\"\nc: \"?\"\nd: \"? x\"\ne: \":\"\nf: \"|\"\ng: \">\"\nh: \"[x]\"\ni: \"{x}\"\nj: \",\"\n"),
    ("string-leading-space", "a: \" leading\"\nb: \"trailing \"\nc: \"  both  \"\nd: \" \"\n"),
    ("string-quoted-types", "a: \"1.0\"\nb: \"1\"\nc: \"0x1F\"\nd: \"1e3\"\ne: \"1_000\"\nf: \"017\"\ng: \"+1\"\nh: \"-1\"\n"),
    ("string-quoted-bools", "a: \"yes\"\nb: \"no\"\nc: \"on\"\nd: \"off\"\ne: \"y\"\nf: \"n\"\ng: \"true\"\nh: \"False\"\n"),
    ("string-quoted-nulls", "a: \"null\"\nb: \"~\"\nc: \"\"\nd: \"Null\"\n"),
    ("string-colons", "a: a:b\nb: http://x.io/a\nc: \"a:\"\nd: 'a :b'\ne: key=value\n"),
    ("string-hash", "a: a#b\nb: \"#x\"\nc: \"a #b\"\nd: x # comment\n"),
    ("string-unicode", "a: caf\u00e9\nb: \u65e5\u672c\u8a9e\nc: \"\u00e9\"\nd: \u00fcber cool\n"),
    ("string-emoji", "a: \U0001F600\nb: \"smile \U0001F642\"\nc: \U0001F680 launch\n"),
    ("string-nbsp", "a: \"x\u00a0y\"\nb: \"\u200b\"\nc: \"\ufeffbom\"\n"),
    ("string-control", "a: \"\\x01\"\nb: \"\\x7f\"\nc: \"\\r\"\nd: \"a\\u0085b\"\ne: \"\\u2028\"\n"),
    ("string-long", "a: " + LONG.strip() + "\n"),
    ("string-long-nospace", "a: " + LONG_NOSPACE + "\n"),
    ("string-long-quoted", "a: \"" + ("yes " * 30).strip() + ":\"\n"),
    ("string-long-in-list", "a:\n- " + LONG.strip() + "\n- nested: " + LONG.strip() + "\n"),
    ("string-long-double-spaces", "a: \"" + ("ab  cd " * 20).strip() + "\"\n"),
    ("string-exactly-80", "a: " + ("abcd " * 16)[:78] + "\n"),
    ("string-backslash", "a: 'C:\\path\\to'\nb: \"back\\\\slash\"\n"),
    ("string-quotes-inside", "a: 'say \"hi\"'\nb: \"it's\"\nc: \"'\"\nd: '\"'\n"),
    ("string-tilde-words", "a: ~x\nb: x~\n"),
    ("string-dashes", "a: ---\nb: ...\nc: -- x\n"),
    # multi-line strings
    ("multiline-literal", "a: |\n  line1\n  line2\n"),
    ("multiline-literal-strip", "a: |-\n  line1\n  line2\n"),
    ("multiline-literal-keep", "a: |+\n  line1\n  line2\n\n\nb: 1\n"),
    ("multiline-folded", "a: >\n  folded\n  text\n\n  para\n"),
    ("multiline-folded-strip", "a: >-\n  folded\n  text\n"),
    ("multiline-indent-indicator", "a: |2\n    indented\n  less\n"),
    ("multiline-leading-space", "a: \"  lead\\nline2\"\n"),
    ("multiline-trailing-space", "a: \"line1  \\nline2\\n\"\n"),
    ("multiline-only-newlines", "a: \"\\n\"\nb: \"\\n\\n\"\nc: \"x\\n\\n\"\n"),
    ("multiline-tabs", "a: \"x\\ty\\nz\"\n"),
    ("multiline-plain", "a: first\n  second\n  third\n"),
    ("multiline-quoted-folding", "a: \"one\n  two\n\n  three\"\n"),
    ("multiline-in-list", "a:\n- |\n  x\n  y\n- |-\n  p\n  q\n"),
    ("multiline-crlf", "a: \"x\\r\\ny\"\n"),
    ("multiline-long-lines", "a: |\n  " + LONG.strip() + "\n  short\n"),
    # keys
    ("key-numeric", "1: a\n2.5: b\n0x10: c\n-1: d\n"),
    ("key-float32", "3.14159265358979: pi\n1e20: big\n0.1: tenth\n"),
    ("key-float-special", ".inf: a\n"),
    ("key-null", "~: a\n"),
    ("key-empty-quoted", "'': a\n"),
    ("key-sorting", "b: 1\na: 2\nB: 3\nA: 4\n_x: 5\n1x: 6\nz10: 7\nz9: 8\nz09: 9\n\u00e9: 10\n"),
    ("key-natural-sort", "a10: 1\na2: 2\na1: 3\na01: 4\nx1y2: 5\nx1y10: 6\n\"1\": 7\n\"10\": 8\n\"9\": 9\n"),
    ("key-special", "\"a b\": 1\n\"a:b\": 2\n\"-x\": 3\n\"yes\": 4\n\"1.0\": 5\n\"\": 6\n\"#\": 7\n"),
    ("key-complex", "? [a, b]\n: c\n"),
    ("key-duplicate", "a: 1\nb: 2\na: 3\n"),
    ("key-duplicate-nested", "a: {x: 1}\na: {y: 2}\n"),
    ("key-long", ("k" * 130) + ": v\n"),
    # structures
    ("struct-nested", "a:\n  b:\n    c:\n      d: deep\n"),
    ("struct-list", "a:\n- 1\n- two\n- 3.5\n- true\n"),
    ("struct-list-of-maps", "a:\n- name: x\n  v: 1\n- name: y\n  v: 2\n"),
    ("struct-list-of-lists", "a:\n- [1, 2]\n- []\n- - x\n  - y\n"),
    ("struct-flow", "a: {b: 1, c: [x, y], d: {}}\n"),
    ("struct-empty", "a: {}\nb: []\nc: \"\"\nd: null\n"),
    ("struct-empty-nested", "a:\n  b: {}\n  c: []\n  d:\n  - {}\n  - []\n"),
    ("struct-indented-list", "a:\n  - 1\n  - 2\n"),
    ("struct-map-in-list-in-map", "a:\n  b:\n  - c:\n      d: 1\n    e: [1, {f: g}]\n"),
    ("struct-comments", "# top\na: 1 # trailing\n# middle\nb: 2\n"),
    ("struct-json-style", "{\"a\": 1, \"b\": [true, null, \"x\"]}\n"),
    ("struct-deep-flow", "a: [[[[[[1]]]]]]\n"),
    # anchors, aliases, merge keys
    ("anchor-scalar", "a: &x hello\nb: *x\n"),
    ("anchor-map", "base: &b {x: 1, y: 2}\nc: *b\n"),
    ("anchor-list", "l: &l [1, 2]\nm: *l\n"),
    ("merge-basic", "base: &b\n  x: 1\n  y: 2\nc:\n  <<: *b\n  y: 3\n"),
    ("merge-order", "base: &b\n  x: 1\nc:\n  x: 2\n  <<: *b\n"),
    ("merge-list", "a: &a {x: 1, z: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n"),
    ("merge-inline", "c:\n  <<: {x: 1}\n  y: 2\n"),
    ("merge-not-map", "a: &a 1\nc:\n  <<: *a\n"),
    ("merge-quoted-key", "c:\n  '<<': {x: 1}\n"),
    ("anchor-redefined", "a: &x 1\nb: *x\nc: &x 2\nd: *x\n"),
    ("anchor-undefined", "a: *nope\n"),
    ("anchor-key", "&k key: *k\n"),
    ("anchor-nested", "a: &a {b: &b [1, 2], c: 3}\nd: *b\ne: *a\n"),
    # explicit tags
    ("tag-str", "a: !!str 123\nb: !!str yes\nc: !!str\n"),
    ("tag-int-float", "a: !!float 1\nb: !!int \"12\"\n"),
    ("tag-bool-null", "a: !!bool yes\nb: !!null ''\n"),
    ("tag-custom", "a: !foo bar\nb: !foo 12\n"),
    ("tag-binary", "a: !!binary aGVsbG8=\n"),
    ("tag-bad-int", "a: !!int abc\n"),
    # documents
    ("doc-empty", ""),
    ("doc-whitespace", "  \n\n"),
    ("doc-comment-only", "# just a comment\n"),
    ("doc-start-marker", "---\na: 1\n"),
    ("doc-end-marker", "a: 1\n...\n"),
    ("doc-end-then-more", "a: 1\n...\nb: 2\n"),
    ("doc-multi", "a: 1\n---\nb: 2\n"),
    ("doc-multi-merge", "a: {x: 1, l: [1]}\n---\na: {y: 2, l: [2]}\n"),
    ("doc-multi-override", "a: {x: 1}\n---\na: 5\n---\nb: 1\n"),
    ("doc-multi-null", "a: {x: 1}\n---\na: null\n"),
    ("doc-multi-empty", "---\na: 1\n---\n---\nb: 2\n---\n"),
    ("doc-multi-comment", "a: 1\n--- # second\nb: 2\n"),
    ("doc-multi-bad-separator", "a: 1\n--- b: 2\n"),
    ("doc-separator-dashes", "a: 1\n----\nb: 2\n"),
    ("doc-separator-in-block", "a: |\n  x\n---\nb: 2\n"),
    ("doc-second-is-list", "a: 1\n---\n- 2\n"),
    ("doc-anchor-across", "a: &x 1\n---\nb: *x\n"),
    ("doc-directive", "%YAML 1.1\n---\na: 1\n"),
    ("doc-bom", "\ufeffa: 1\n"),
    ("doc-crlf", "a: 1\r\nb: two\r\n"),
    ("doc-no-final-newline", "a: 1"),
    # top-level shapes and errors
    ("top-scalar", "hello\n"),
    ("top-list", "- 1\n- 2\n"),
    ("top-number", "42\n"),
    ("err-bad-indent", "a:\n  b: 1\n c: 2\n"),
    ("err-tab", "a:\n\tb: 1\n"),
    ("err-unclosed-double", "a: \"abc\nb: 1\n"),
    ("err-unclosed-single", "a: 'abc\n"),
    ("err-mapping-values", "a: b: c\n"),
    ("err-unclosed-flow", "a: [1, 2\n"),
    ("err-unclosed-flow-map", "a: {b: 1\n"),
    ("err-block-in-flow", "a: [b: - c]\n"),
    ("err-bad-alias-char", "a: *\n"),
    ("err-reserved-char", "a: @b\n"),
    ("err-backtick", "a: `b\n"),
    ("err-missing-colon", "a: 1\nb\nc: 2\n"),
    ("err-late-line", "a: 1\nb: 2\nc: 3\nd: [\n"),
    ("err-second-doc", "a: 1\n---\nb: 2\nc: [\n"),
    ("err-control-char", "a: \"x\x01\"\n"),
    ("err-invalid-utf8", b"a: \xff\xfe\n"),
    ("err-invalid-utf8-late", b"a: 1\nb: ok\nc: x\xc3\x28\n"),
    ("err-bad-escape", "a: \"\\q\"\n"),
    ("err-duplicate-anchor-use-before", "a: *x\nb: &x 1\n"),
    ("err-list-after-map", "a: 1\n- b\n"),
    ("err-null-byte", "a: \"x\x00\"\n"),
]


JSON_TEMPLATE = (
    "{{- $m := fromJson .Values.s }}\n"
    "map: {{ $m | toJson | b64enc }}\n"
    "maperror: {{ $m.Error | default \"\" | b64enc }}\n"
    "yaml: {{ $m | toYaml | b64enc }}\n"
    "yamlpretty: {{ $m | toYamlPretty | b64enc }}\n"
    "{{- $l := fromJsonArray .Values.s }}\n"
    "list: {{ $l | toJson | b64enc }}\n"
    "listyaml: {{ $l | toYaml | b64enc }}\n"
    "listyamlpretty: {{ $l | toYamlPretty | b64enc }}\n"
)
JSON_OUTPUTS = ["map", "maperror", "yaml", "yamlpretty", "list", "listyaml", "listyamlpretty"]

WORDS = " ".join("w%d" % i for i in range(40))
# (name, JSON text). Read by fromJson and fromJsonArray; printed back.
JSON_CASES = [
    ("obj-simple", '{"a": 1, "b": "x", "c": true, "d": null}'),
    ("obj-nested", '{"a": {"b": {"c": [1, 2, {"d": "e"}]}}}'),
    ("obj-empty", '{}'),
    ("arr-simple", '[1, "two", 3.5, false, null]'),
    ("arr-empty", '[]'),
    ("arr-nested", '[[1, [2, [3]]], {"a": []}, [{}]]'),
    ("top-null", 'null'),
    ("top-string", '"hello"'),
    ("top-number", '42'),
    ("num-forms", '{"a": 1000000, "b": 1e21, "c": 1e20, "d": 0.0000001, "e": 0.000001, "f": -0, "g": 1.5e300, "h": 5e-324}'),
    ("num-precision", '{"a": 0.1, "b": 0.30000000000000004, "c": 123456789012, "d": 12345678901234567890, "e": 9007199254740993, "f": 1.7976931348623157e308}'),
    ("num-negative", '{"a": -1, "b": -1.5, "c": -1e-10, "d": -123456789}'),
    ("num-exponents", '{"a": 1E2, "b": 1e+2, "c": 1.0e-2, "d": 100e-2, "e": 0e5}'),
    ("num-overflow", '{"a": 1e400}'),
    ("str-escapes", '{"a": "q\\"b", "b": "back\\\\", "c": "\\/", "d": "\\b\\f\\n\\r\\t", "e": "\\u00e9\\u0041"}'),
    ("str-surrogates", '{"a": "\\ud83d\\ude00", "b": "\\ud800", "c": "\\udc00x", "d": "\\ud83dx"}'),
    ("str-html", '{"a": "<script>&</script>", "b": "\\u2028\\u2029"}'),
    ("str-yaml-special", '{"a": "yes", "b": "1e3", "c": "", "d": " x", "e": "x ", "f": "a: b", "g": "- x", "h": "#", "i": "null", "j": "0o17", "k": "1:2", "l": "~"}'),
    ("str-multiline", '{"a": "x\\ny", "b": "x\\n", "c": "x\\n\\n", "d": "\\nx", "e": " x\\ny", "f": "x \\ny", "g": "x\\n y", "h": "x\\r\\ny", "i": "\\ty\\nz"}'),
    ("str-fold-plain", '{"a": "%s"}' % WORDS),
    ("str-fold-double-spaces", '{"a": "%s"}' % WORDS.replace(" ", "  ")),
    ("str-fold-quoted", '{"a": "%s:"}' % ("yes " * 30).strip()),
    ("str-fold-double-quoted", '{"a": "\\t%s"}' % WORDS),
    ("str-fold-double-quoted-spaces", '{"a": "\\t%s"}' % WORDS.replace(" ", "  ")),
    ("str-fold-unicode", '{"a": "%s"}' % " ".join(["\u00e9\u00e9\u00e9"] * 30)),
    ("str-fold-nested", '{"a": {"b": {"c": ["%s"]}}}' % WORDS),
    ("str-fold-long-words", '{"a": "%s %s %s"}' % ("x" * 70, "y" * 70, "z" * 70)),
    ("str-fold-multiline", '{"a": "%s\\n%s"}' % (WORDS, WORDS)),
    ("key-long-spaces", '{"%s": 1}' % WORDS[:100]),
    ("key-very-long-spaces", '{"%s": 1}' % WORDS),
    ("key-multiline", '{"a\\nb": 1, "c\\n": [1]}'),
    ("key-quoting", '{"yes": 1, "": 2, " x": 3, "a: b": 4, "1": 5, "-": 6, "null": 7, "\\t": 8}'),
    ("key-order", '{"b1": 0, "b01": 1, "b001": 2, "a_b": 3, "a1": 4, "aa": 5, "a-": 6, "A": 7, "_": 8, "10": 9, "9a": 10, "\\u00e9": 11, "z": 12}'),
    # Not "x10y", "x1a", "x1_" together: yaml.v2's key order is not consistent
    # for them, and Helm prints them differently from run to run.
    ("key-order-digits", '{"x10y": 1, "x9y": 2, "x09y": 3, "x1": 6, "x2b": 7, "x2a": 8}'),
    ("deep-lists", '{"a": [[["x", {"b": [1, [2]]}]]]}'),
    ("map-in-list-multi", '{"a": [{"x": 1, "y": [1, 2], "z": {"w": 1}}, {"k": "v"}]}'),
    ("dup-keys", '{"a": 1, "a": 2}'),
    ("whitespace", ' \t\n {"a" : [ 1 , 2 ] } \n'),
    ("err-empty", ''),
    ("err-trailing-comma-obj", '{"a": 1,}'),
    ("err-trailing-comma-arr", '[1, 2,]'),
    ("err-single-quotes", "{'a': 1}"),
    ("err-unquoted-key", '{a: 1}'),
    ("err-missing-colon", '{"a" 1}'),
    ("err-missing-comma", '{"a": 1 "b": 2}'),
    ("err-arr-missing-comma", '[1 2]'),
    ("err-unclosed-obj", '{"a": 1'),
    ("err-unclosed-str", '{"a": "x'),
    ("err-bad-literal", '{"a": tru}'),
    ("err-bad-literal2", '{"a": nul1}'),
    ("err-leading-zero", '{"a": 01}'),
    ("err-bad-number", '{"a": -x}'),
    ("err-bad-decimal", '{"a": 1.}'),
    ("err-bad-exponent", '{"a": 1e}'),
    ("err-plus", '{"a": +1}'),
    ("err-trailing", '{"a": 1} x'),
    ("err-bad-escape", '{"a": "\\x"}'),
    ("err-bad-unicode", '{"a": "\\u12g4"}'),
    ("err-control", '{"a": "x\ty"}'),
    ("err-nan", '{"a": NaN}'),
    ("err-hash", '{"a": 1} # c'),
]


FROMYAML_TEMPLATE = (
    "{{- $m := fromYaml .Values.s }}\n"
    "map: {{ $m | toJson | b64enc }}\n"
    "maperror: {{ $m.Error | default \"\" | b64enc }}\n"
    "{{- $l := fromYamlArray .Values.s }}\n"
    "list: {{ $l | toJson | b64enc }}\n"
)
FROMYAML_OUTPUTS = ["map", "maperror", "list"]

# (name, YAML text) for fromYaml and fromYamlArray.
FROMYAML_CASES = [
    ("map", "a: 1\nb: [x, y]\n"),
    ("yaml11", "on: yes\nn: 0x1F\nd: 2024-01-01\n"),
    ("multi-doc", "a: 1\n---\nb: 2\n"),
    ("multi-doc-leading", "---\na: 1\n---\nb: 2\n"),
    ("doc-end", "a: 1\n...\nb: 2\n"),
    ("empty", ""),
    ("comment-only", "# nothing\n"),
    ("null", "~\n"),
    ("list", "- 1\n- a\n"),
    ("list-of-maps", "- a: 1\n- b: [2]\n"),
    ("scalar", "hello\n"),
    ("number", "42\n"),
    ("bad-indent", "a:\n  b: 1\n c: 2\n"),
    ("tab", "a:\n\tb: 1\n"),
    ("unclosed-quote", "a: \"x\n"),
    ("second-doc-error", "a: 1\n---\nb: [\n"),
    ("bad-separator", "a: 1\n--- b\n"),
    ("inf", "a: .inf\n"),
    ("null-key", "~: 1\n"),
    ("merge", "x: &x {a: 1}\ny:\n  <<: *x\n  b: 2\n"),
    ("unknown-anchor", "a: *x\n"),
    ("big-int", "a: 12345678901234567890\n"),
]


def run_fromyaml_case(text):
    with tempfile.TemporaryDirectory() as tmp:
        chart = os.path.join(tmp, "c")
        goldenlib.write_chart(chart, {
            "Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\n",
            "values.yaml": "s: " + json.dumps(text, ensure_ascii=False) + "\n",
            "templates/t.yaml": FROMYAML_TEMPLATE,
        })
        rc, out, err = goldenlib.run_helm(["template", chart])
    if rc != 0:
        raise RuntimeError("helm failed for %r: %s" % (text, err.decode()))
    outputs = {}
    for line in out.decode("utf-8").split("\n"):
        key, sep, value = line.partition(":")
        if sep and key in FROMYAML_OUTPUTS:
            outputs[key] = base64.b64decode(value.strip()).decode("utf-8")
    return outputs


def generate_fromyaml(relative, cases):
    out = []
    for name, text in cases:
        outputs = run_fromyaml_case(text)
        out.append((name, [("input", text)] + [(k, outputs[k]) for k in FROMYAML_OUTPUTS]))
    path = goldenlib.write_cases(relative, out)
    print("wrote %s (%d cases)" % (path, len(out)))


def run_json_case(text):
    with tempfile.TemporaryDirectory() as tmp:
        chart = os.path.join(tmp, "c")
        goldenlib.write_chart(chart, {
            "Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\n",
            "values.yaml": "s: " + json.dumps(text, ensure_ascii=False) + "\n",
            "templates/t.yaml": JSON_TEMPLATE,
        })
        rc, out, err = goldenlib.run_helm(["template", chart])
    if rc != 0:
        raise RuntimeError("helm failed for %r: %s" % (text, err.decode()))
    outputs = {}
    for line in out.decode("utf-8").split("\n"):
        key, sep, value = line.partition(":")
        if sep and key in JSON_OUTPUTS:
            outputs[key] = base64.b64decode(value.strip()).decode("utf-8")
    return outputs


def generate_json(relative, cases):
    out = []
    for name, text in cases:
        outputs = run_json_case(text)
        out.append((name, [("input", text)] + [(k, outputs[k]) for k in JSON_OUTPUTS]))
    path = goldenlib.write_cases(relative, out)
    print("wrote %s (%d cases)" % (path, len(out)))


def run_case(text):
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        chart = os.path.join(tmp, "c")
        goldenlib.write_chart(chart, {
            "Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\n",
            "values.yaml": data,
            "templates/t.yaml": TEMPLATE,
        })
        rc, out, err = goldenlib.run_helm(["template", chart])
    if rc != 0:
        message = err.decode("utf-8", "replace").strip()
        if message.startswith("Error: "):
            message = message[len("Error: "):]
        return data, None, message
    outputs = {}
    for line in out.decode("utf-8").split("\n"):
        key, sep, value = line.partition(": ")
        if sep and key in OUTPUTS:
            outputs[key] = base64.b64decode(value.strip()).decode("utf-8")
    missing = [k for k in OUTPUTS if k not in outputs]
    if missing:
        raise RuntimeError("missing outputs %s in %r" % (missing, out))
    return data, outputs, None


def input_section(data):
    """The input as text, or as base64 when it is not valid UTF-8."""
    try:
        return "input", data.decode("utf-8")
    except UnicodeDecodeError:
        return "input-base64", base64.b64encode(data).decode("ascii")


def generate(relative, cases):
    out = []
    for name, text in cases:
        data, outputs, error = run_case(text)
        sections = [input_section(data)]
        if error is not None:
            sections.append(("error", error))
        else:
            sections.extend((k, outputs[k]) for k in OUTPUTS)
        out.append((name, sections))
    path = goldenlib.write_cases(relative, out)
    print("wrote %s (%d cases)" % (path, len(out)))


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "--show":
        text = sys.argv[2].encode("utf-8").decode("unicode_escape").encode("latin-1")
        data, outputs, error = run_case(text)
        if error is not None:
            print("ERROR:", error)
        else:
            for k in OUTPUTS:
                print("== %s\n%s" % (k, outputs[k]))
        return
    names = [n for n, _ in SCALARS]
    if len(names) != len(set(names)):
        raise SystemExit("duplicate case names")
    names = [n for n, _ in JSON_CASES]
    if len(names) != len(set(names)):
        raise SystemExit("duplicate JSON case names")
    only = sys.argv[1] if len(sys.argv) > 1 else None
    if only in (None, "values"):
        generate("yaml/values.cases", SCALARS)
    if only in (None, "json"):
        generate_json("yaml/json.cases", JSON_CASES)
    if only in (None, "fromyaml"):
        generate_fromyaml("yaml/fromyaml.cases", FROMYAML_CASES)


if __name__ == "__main__":
    main()
