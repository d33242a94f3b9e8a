#!/usr/bin/env python3
"""Writes Tests/Golden/schema/validation.cases from the reference Helm.

Each case is a chart with a `values.schema.json` and a `values.yaml` (written
to a temporary directory), or one of the bundled charts with a values file;
`helm template` either renders it (result `ok`) or fails with the schema
report, recorded after `Error: `. The cases exercise every keyword of every
draft Helm's validator (santhosh-tekuri/jsonschema v6) knows, passing and
failing, plus metaschema failures, so a change to Rudder's validator that
changes any answer or any message shows up in `swift test`.

Case sections: `schema` and `values` (inline), or `chart` and `file`
(repository paths; `values` then holds the -f file's content when the case
brings its own), then `result`: `ok` or Helm's message.
"""
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from goldenlib import ROOT, helm_error_message, run_helm, write_cases, write_chart  # noqa: E402

D4 = "http://json-schema.org/draft-04/schema#"
D6 = "http://json-schema.org/draft-06/schema#"
D7 = "http://json-schema.org/draft-07/schema#"
D2019 = "https://json-schema.org/draft/2019-09/schema"
D2020 = "https://json-schema.org/draft/2020-12/schema"


def drafted(draft, schema):
    if draft is None:
        return schema
    out = {"$schema": draft}
    out.update(schema)
    return out


def props(draft=None, **properties):
    return drafted(draft, {"properties": properties})


# (name, schema (dict or raw JSON text), values.yaml)
CASES = [
    # type
    ("type-string-fail", props(a={"type": "string"}), "a: 1\n"),
    ("type-string-ok", props(a={"type": "string"}), "a: x\n"),
    ("type-list-fail", props(a={"type": ["string", "null", "boolean"]}), "a: 1\n"),
    ("type-list-ok", props(a={"type": ["string", "null"]}), "a: null\n"),
    ("type-integer-ok", props(a={"type": "integer"}, b={"type": "integer"}), "a: 3\nb: 3.0\n"),
    ("type-integer-fail", props(a={"type": "integer"}), "a: 3.5\n"),
    ("type-number-int", props(a={"type": "number"}, b={"type": "number"}), "a: 3\nb: 1e3\n"),
    ("type-object-array", props(a={"type": "object"}, b={"type": "array"}, c={"type": "boolean"}), "a: [1]\nb: {x: 1}\nc: \"true\"\n"),
    ("type-null-fail", props(a={"type": "null"}), "a: 0\n"),
    ("type-root", {"type": "array"}, "a: 1\n"),
    ("type-draft4", props(D4, a={"type": "integer"}), "a: x\n"),
    # const and enum
    ("const-ok", props(a={"const": 1}, b={"const": "x"}, c={"const": {"k": [1, 2]}}), "a: 1.0\nb: x\nc: {k: [1, 2]}\n"),
    ("const-fail", props(a={"const": 1}, b={"const": "x"}, c={"const": [1]}, d={"const": None}, e={"const": True}), "a: 2\nb: y\nc: [2]\nd: 0\ne: false\n"),
    ("const-draft4-ignored", props(D4, a={"const": 1}), "a: 2\n"),
    ("enum-ok", props(a={"enum": ["x", "y"]}, b={"enum": [1, {"k": 1}]}), "a: y\nb: {k: 1}\n"),
    ("enum-fail", props(a={"enum": ["x", "y"]}, b={"enum": ["only"]}, c={"enum": [[1], 2]}, d={"enum": [1.5, "it's", False]}), "a: z\nb: other\nc: 3\nd: true\n"),
    ("enum-quotes", props(a={"enum": ["a\"b", "tab\there", "é"]}), "a: x\n"),
    # numbers
    ("minimum-maximum", props(a={"minimum": 2}, b={"maximum": 2}, c={"minimum": 0.5, "maximum": 0.75}), "a: 1\nb: 3\nc: 0.8\n"),
    ("minimum-ok", props(a={"minimum": 2, "maximum": 2}), "a: 2\n"),
    ("exclusive-draft6", props(D6, a={"exclusiveMinimum": 2}, b={"exclusiveMaximum": 2}), "a: 2\nb: 2\n"),
    ("exclusive-draft2020", props(a={"exclusiveMinimum": 2, "exclusiveMaximum": 5}), "a: 5\n"),
    ("exclusive-draft4", props(D4, a={"minimum": 2, "exclusiveMinimum": True}, b={"maximum": 2, "exclusiveMaximum": True}, c={"maximum": 2, "exclusiveMaximum": False}), "a: 2\nb: 2\nc: 2\n"),
    ("multiple-of", props(a={"multipleOf": 3}, b={"multipleOf": 0.1}, c={"multipleOf": 0.5}, d={"multipleOf": 2}), "a: 7\nb: 0.3\nc: 1.25\nd: 4\n"),
    ("multiple-of-decimals", props(a={"multipleOf": 0.01}, b={"multipleOf": 0.01}, c={"multipleOf": 1e-8}, d={"multipleOf": 1.1}, e={"multipleOf": 0.1}, f={"multipleOf": 7}, g={"multipleOf": 2.5}), "a: 19.99\nb: 0.015\nc: 1e-7\nd: 3.3\ne: 1.0000001\nf: 1e20\ng: 1e300\n"),
    ("numbers-large", props(a={"maximum": 1000000}, b={"minimum": -5000}, c={"maximum": 0.0001}), "a: 123456789\nb: -123456.5\nc: 0.00025\n"),
    ("numbers-int64", props(a={"maximum": 9007199254740993}, b={"type": "integer", "minimum": 1}), "a: 9223372036854775807\nb: -9223372036854775808\n"),
    ("numbers-not-checked-on-strings", props(a={"minimum": 5, "maxLength": 1}), "a: \"12\"\n"),
    # strings
    ("string-lengths", props(a={"minLength": 3}, b={"maxLength": 2}, c={"minLength": 2, "maxLength": 2}), "a: ab\nb: abc\nc: \"ü😀\"\n"),
    ("string-lengths-unicode-fail", props(a={"maxLength": 2}), "a: \"ü😀x\"\n"),
    ("pattern", props(a={"pattern": "^[a-z]+$"}, b={"pattern": "b"}, c={"pattern": "^\\d{2}$"}), "a: Abc\nb: abc\nc: \"123\"\n"),
    ("pattern-ok", props(a={"pattern": "^[a-z]+$"}, b={"pattern": "é"}), "a: abc\nb: café\n"),
    ("pattern-quotes", props(a={"pattern": "^'x\"$"}), "a: \"it's\"\n"),
    ("string-keywords-not-on-numbers", props(a={"pattern": "^x$", "minLength": 5}), "a: 1\n"),
    # formats
    ("format-ipv6", props(D7, a={"format": "ipv6"}, b={"format": "ipv6"}), "a: \"::1\"\nb: \"1::2::3\"\n"),
    ("format-uri", props(D7, a={"format": "uri"}, b={"format": "uri-reference"}), "a: \"not a uri\"\nb: \"/ok/path\"\n"),
    ("format-date-time", props(D7, a={"format": "date"}, b={"format": "time"}), "a: \"2024-02-30\"\nb: \"25:00:00Z\"\n"),
    ("format-json-pointer", props(D7, a={"format": "json-pointer"}, b={"format": "regex"}), "a: \"x/y\"\nb: \"(\"\n"),
    ("format-ok", props(D7, a={"format": "email"}, b={"format": "hostname"}, c={"format": "ipv4"}, d={"format": "unknown-format"}), "a: me@example.com\nb: example.com\nc: 10.0.0.1\nd: anything\n"),
    ("format-non-string", props(D7, a={"format": "email"}), "a: 5\n"),
    ("format-draft2019-ignored", props(D2019, a={"format": "ipv4"}), "a: x\n"),
    # objects
    ("required-one", {"required": ["a"]}, "b: 1\n"),
    ("required-many", {"required": ["a", "b", "c"]}, "b: 1\n"),
    ("required-nested", props(a={"type": "object", "required": ["x", "y"]}), "a: {z: 1}\n"),
    ("required-ok", {"required": ["a"]}, "a: null\n"),
    ("properties-nested-paths", props(a={"properties": {"b/c": {"type": "string"}, "d~e": {"type": "string"}, "it's": {"type": "string"}}}), "a: {\"b/c\": 1, \"d~e\": 2, \"it's\": 3}\n"),
    ("additional-false", {"properties": {"a": {}}, "additionalProperties": False}, "a: 1\nb: 2\nc: 3\n\"it's\": 4\n"),
    ("additional-schema", {"properties": {"a": {}}, "additionalProperties": {"type": "integer"}}, "a: x\nb: y\nc: 3\n"),
    ("additional-nested", props(a={"type": "object", "additionalProperties": False, "properties": {"x": {"type": "integer"}}}), "a: {x: s, y: 1}\n"),
    ("pattern-properties-both", {"patternProperties": {"^a": {"type": "string"}, "b$": {"minLength": 3}}, "additionalProperties": False}, "ab: 1\nazb: xy\nc: 1\n"),
    ("pattern-properties-ok", {"patternProperties": {"^x-": {"type": "integer"}}, "additionalProperties": {"type": "string"}}, "x-a: 1\nother: s\n"),
    ("min-max-properties", props(a={"minProperties": 2}, b={"maxProperties": 1}), "a: {x: 1}\nb: {x: 1, y: 2}\n"),
    ("min-max-properties-big", props(a={"minProperties": 1500}), "a: {x: 1}\n"),
    ("property-names", {"propertyNames": {"pattern": "^[a-z]+$"}}, "abc: 1\nAbc: 2\n\"a1\": 3\n"),
    ("property-names-draft4-ignored", drafted(D4, {"propertyNames": {"maxLength": 1}}), "abc: 1\n"),
    ("property-names-false", {"propertyNames": False}, "a: 1\n"),
    ("dependencies-draft7", drafted(D7, {"dependencies": {"a": ["b", "c"], "d": {"required": ["e"]}, "f": {"properties": {"g": {"type": "string"}}}}}), "a: 1\nd: 1\nf: 1\ng: 2\n"),
    ("dependencies-draft7-ok", drafted(D7, {"dependencies": {"a": ["b"], "x": {"required": ["y"]}}}), "a: 1\nb: 1\n"),
    ("dependent-required", {"dependentRequired": {"a": ["b", "c"], "x": ["y"]}}, "a: 1\nc: 1\n"),
    ("dependent-schemas", {"dependentSchemas": {"a": {"required": ["b"]}, "x": {"properties": {"a": {"type": "string"}}}}}, "a: 1\nx: 1\n"),
    ("dependent-required-draft7-ignored", drafted(D7, {"dependentRequired": {"a": ["b"]}}), "a: 1\n"),
    # arrays
    ("items-schema", props(l={"items": {"type": "integer"}}), "l: [1, x, 3, y]\n"),
    ("items-ok", props(l={"items": {"type": "integer"}, "minItems": 1}), "l: [1, 2]\n"),
    ("min-max-items", props(a={"minItems": 2}, b={"maxItems": 1}), "a: [1]\nb: [1, 2]\n"),
    ("unique-items", props(a={"uniqueItems": True}, b={"uniqueItems": True}, c={"uniqueItems": True}, d={"uniqueItems": False}), "a: [1, 2, 1.0]\nb: [{x: 1}, {x: 1}]\nc: [a, b]\nd: [1, 1]\n"),
    ("items-tuple-draft7", props(D7, l={"items": [{"type": "string"}, {"type": "integer"}]}), "l: [1, x, extra]\n"),
    ("items-tuple-additional-schema", props(D7, l={"items": [{"type": "string"}], "additionalItems": {"type": "integer"}}), "l: [a, 1, b, c]\n"),
    ("items-tuple-additional-false-ok", props(D7, l={"items": [{}, {}], "additionalItems": False}), "l: [1, 2]\n"),
    ("additional-items-without-tuple", props(D7, l={"items": {"type": "integer"}, "additionalItems": False}), "l: [1, 2, x]\n"),
    ("prefix-items-items", props(l={"prefixItems": [{"type": "string"}, {"type": "string"}], "items": {"type": "string"}}), "l: [a, b, c, 4, 5]\n"),
    ("prefix-items-only", props(l={"prefixItems": [{"type": "integer"}]}), "l: [x, y]\n"),
    ("items-2020-array-form", props(D2019, l={"items": [{"type": "integer"}], "additionalItems": False}), "l: [1, 2]\n"),
    ("contains-draft6", props(D6, l={"contains": {"type": "string"}}), "l: [1, 2]\n"),
    ("contains-ok", props(l={"contains": {"type": "string"}}), "l: [1, a]\n"),
    ("contains-empty", props(l={"contains": {"type": "string"}}), "l: []\n"),
    ("min-contains", props(l={"contains": {"type": "string"}, "minContains": 2}, m={"contains": {"type": "string"}, "minContains": 2}), "l: [1, a]\nm: [1, 2]\n"),
    ("max-contains", props(l={"contains": {"type": "string"}, "maxContains": 1}), "l: [a, 1, b]\n"),
    ("min-contains-zero", props(l={"contains": {"type": "string"}, "minContains": 0}), "l: [1]\n"),
    ("contains-draft4-ignored", props(D4, l={"contains": {"type": "string"}}), "l: [1]\n"),
    # combinators
    ("all-of", {"allOf": [{"required": ["a"]}, {"required": ["b"]}, {"properties": {"c": {"type": "string"}}}]}, "c: 1\n"),
    ("all-of-ok", {"allOf": [{"required": ["a"]}, {"type": "object"}]}, "a: 1\n"),
    ("any-of", props(a={"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 5}]}), "a: 1\n"),
    ("any-of-ok", props(a={"anyOf": [{"type": "string"}, {"type": "integer"}]}), "a: 1\n"),
    ("one-of-nested", props(a={"oneOf": [{"type": "string", "minLength": 3}, {"type": "string", "pattern": "^x"}]}), "a: xy\n"),
    ("one-of-three", props(a={"oneOf": [{"type": "integer"}, {"minimum": 0}, {"maximum": 100}]}), "a: 5\n"),
    ("one-of-ok", props(a={"oneOf": [{"type": "integer"}, {"type": "string"}]}), "a: x\n"),
    ("not-ok", props(a={"not": {"type": "string"}}), "a: 1\n"),
    ("not-nested", props(a={"not": {"not": {"type": "string"}}}), "a: 1\n"),
    ("if-then-else-draft7", drafted(D7, {"if": {"required": ["a"]}, "then": {"required": ["b"]}, "else": {"required": ["c"]}}), "a: 1\n"),
    ("if-else-draft7", drafted(D7, {"if": {"required": ["a"]}, "then": {"required": ["b"]}, "else": {"required": ["c"]}}), "d: 1\n"),
    ("if-draft6-ignored", drafted(D6, {"if": {"required": ["a"]}, "then": {"required": ["b"]}}), "a: 1\n"),
    ("if-only", {"if": {"required": ["a"]}}, "b: 1\n"),
    ("then-without-if", {"then": {"required": ["a"]}}, "b: 1\n"),
    ("combinators-in-properties", props(a={"allOf": [{"type": "object"}, {"required": ["x"]}], "properties": {"x": {"anyOf": [{"type": "string"}, {"type": "null"}]}}}), "a: {x: 1}\n"),
    # booleans and empty schemas
    ("boolean-schemas", props(a=True, b=False, c={}), "a: 1\nb: 2\nc: 3\n"),
    ("root-true", True, "a: 1\n"),
    ("root-false", False, "a: 1\n"),
    ("empty-object-schema", {}, "a: [1, {b: c}]\n"),
    # references
    ("ref-definitions-draft7", drafted(D7, {"definitions": {"s": {"type": "string"}}, "properties": {"a": {"$ref": "#/definitions/s"}}}), "a: 1\n"),
    ("ref-siblings-ignored-draft7", drafted(D7, {"definitions": {"s": {"type": "string"}}, "properties": {"a": {"$ref": "#/definitions/s", "maxLength": 1}}}), "a: long\n"),
    ("ref-siblings-type-draft7", drafted(D7, {"definitions": {"s": {"type": "string"}}, "properties": {"a": {"$ref": "#/definitions/s", "type": "integer"}, "b": {"$ref": "#/definitions/s", "enum": ["z"]}}}), "a: x\nb: y\n"),
    ("ref-siblings-apply-2020", {"$defs": {"s": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/s", "maxLength": 1}}}, "a: long\n"),
    ("ref-siblings-both-fail-2020", {"$defs": {"s": {"minLength": 10}}, "properties": {"a": {"$ref": "#/$defs/s", "pattern": "^x"}}}, "a: long\n"),
    ("ref-escaped-pointer", {"$defs": {"a/b": {"type": "string"}, "c~d": {"type": "integer"}, "e f": {"type": "boolean"}}, "properties": {"x": {"$ref": "#/$defs/a~1b"}, "y": {"$ref": "#/$defs/c~0d"}, "z": {"$ref": "#/$defs/e%20f"}}}, "x: 1\ny: a\nz: 1\n"),
    ("ref-into-properties", {"properties": {"a": {"type": "integer"}, "b": {"$ref": "#/properties/a"}}}, "a: 1\nb: x\n"),
    ("ref-into-items-index", drafted(D7, {"properties": {"l": {"items": [{"type": "integer"}]}, "m": {"$ref": "#/properties/l/items/0"}}}), "m: x\n"),
    ("ref-chain", {"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/c"}, "c": {"type": "integer"}}, "properties": {"x": {"$ref": "#/$defs/a"}}}, "x: s\n"),
    ("ref-recursive-tree", {"$defs": {"node": {"type": "object", "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}, "additionalProperties": False}}, "properties": {"tree": {"$ref": "#/$defs/node"}}}, "tree: {name: a, children: [{name: b, children: [{name: 1}, {nam: c}]}]}\n"),
    ("ref-recursive-ok", {"$defs": {"node": {"type": "object", "properties": {"children": {"items": {"$ref": "#/$defs/node"}}}}}, "properties": {"tree": {"$ref": "#/$defs/node"}}}, "tree: {children: [{children: []}]}\n"),
    ("ref-cycle-allof", {"$defs": {"a": {"allOf": [{"$ref": "#/$defs/a"}]}}, "properties": {"x": {"$ref": "#/$defs/a"}}}, "x: 1\n"),
    ("ref-cycle-self-property", {"properties": {"x": {"$ref": "#/properties/x"}}}, "x: 1\n"),
    ("ref-root-recursion", {"properties": {"child": {"$ref": "#"}, "n": {"type": "integer"}}}, "child: {child: {n: x}}\n"),
    ("ref-missing-anchor", {"properties": {"a": {"$ref": "#nothere"}}}, "a: 1\n"),
    ("ref-missing-pointer-nested", {"properties": {"a": {"$ref": "#/$defs/x/y"}}}, "a: 1\n"),
    ("ref-anchor-2019", drafted(D2019, {"$defs": {"n": {"$anchor": "num", "type": "number"}}, "properties": {"a": {"$ref": "#num"}}}), "a: x\n"),
    ("ref-id-anchor-draft7", drafted(D7, {"definitions": {"n": {"$id": "#num", "type": "number"}}, "properties": {"a": {"$ref": "#num"}}}), "a: x\n"),
    ("ref-id-draft4", drafted(D4, {"definitions": {"n": {"id": "#num", "type": "number"}}, "properties": {"a": {"$ref": "#num"}}}), "a: x\n"),
    ("ref-embedded-id", {"$id": "http://example.com/root.json", "$defs": {"s": {"$id": "sub/s.json", "$defs": {"t": {"type": "string"}}, "$ref": "#/$defs/t"}}, "properties": {"a": {"$ref": "sub/s.json"}, "b": {"$ref": "http://example.com/sub/s.json#/$defs/t"}}}, "a: 1\nb: 2\n"),
    ("ref-dynamic-anchor", {"$dynamicAnchor": "node", "type": "object", "properties": {"kids": {"type": "array", "items": {"$dynamicRef": "#node"}}, "v": {"type": "integer"}}}, "kids: [{v: x}, 3]\n"),
    ("ref-recursive-ref-2019", drafted(D2019, {"$recursiveAnchor": True, "type": "object", "properties": {"kids": {"items": {"$recursiveRef": "#"}}, "v": {"type": "integer"}}}), "kids: [{v: x}]\n"),
    # unevaluated
    ("unevaluated-properties-allof", {"allOf": [{"properties": {"a": {}}}], "properties": {"b": {}}, "unevaluatedProperties": False}, "a: 1\nb: 2\nc: 3\nd: 4\n"),
    ("unevaluated-properties-if", {"if": {"properties": {"k": {"const": "x"}}, "required": ["k"]}, "then": {"properties": {"t": {}}}, "properties": {"k": {}}, "unevaluatedProperties": False}, "k: x\nt: 1\nu: 2\n"),
    ("unevaluated-properties-schema", {"properties": {"a": {}}, "unevaluatedProperties": {"type": "string"}}, "a: 1\nb: 2\nc: s\n"),
    ("unevaluated-properties-ref", {"$defs": {"base": {"properties": {"a": {}}}}, "$ref": "#/$defs/base", "unevaluatedProperties": False}, "a: 1\nb: 2\n"),
    ("unevaluated-properties-additional", {"additionalProperties": True, "unevaluatedProperties": False}, "a: 1\n"),
    ("unevaluated-properties-pattern", {"patternProperties": {"^x": {}}, "unevaluatedProperties": False}, "xa: 1\nya: 2\n"),
    ("unevaluated-properties-anyof", {"anyOf": [{"properties": {"a": {"type": "integer"}}}, {"properties": {"b": {"type": "integer"}}}], "unevaluatedProperties": False}, "a: 1\nb: x\n"),
    ("unevaluated-items", props(l={"prefixItems": [{"type": "integer"}], "unevaluatedItems": False}), "l: [1, 2, 3]\n"),
    ("unevaluated-items-contains", props(l={"contains": {"type": "string"}, "unevaluatedItems": {"type": "integer"}}), "l: [a, 1, true]\n"),
    ("unevaluated-items-2019", props(D2019, l={"items": [{"type": "integer"}], "unevaluatedItems": False}), "l: [1, 2]\n"),
    ("unevaluated-draft7-ignored", drafted(D7, {"properties": {"a": {}}, "unevaluatedProperties": False}), "a: 1\nb: 2\n"),
    # several failures at once
    ("many-failures", {"type": "object", "required": ["z"], "additionalProperties": False, "properties": {"a": {"type": "string"}, "b": {"minimum": 5}, "c": {"items": {"type": "integer"}}, "d": {"properties": {"e": {"enum": ["x"]}}}}}, "a: 1\nb: 2\nc: [x]\nd: {e: y}\nf: 1\n"),
    ("nested-object-errors", props(a={"properties": {"b": {"properties": {"c": {"type": "integer"}, "d": {"type": "integer"}}}}}), "a: {b: {c: x, d: y}}\n"),
    # metaschema failures
    ("meta-min-items-string", props(a={"minItems": "x"}), "a: 1\n"),
    ("meta-max-length-float", props(D7, a={"maxLength": 1.5}), "a: 1\n"),
    ("meta-max-length-negative", props(a={"maxLength": -1}), "a: 1\n"),
    ("meta-min-properties-negative-draft4", props(D4, a={"minProperties": -2}), "a: 1\n"),
    ("meta-required-item", props(a={"required": [1]}), "a: 1\n"),
    ("meta-enum-not-array", props(a={"enum": 3}), "a: 1\n"),
    ("meta-properties-array", {"properties": []}, "a: 1\n"),
    ("meta-all-of-empty", {"allOf": []}, "a: 1\n"),
    ("meta-any-of-object", {"anyOf": {}}, "a: 1\n"),
    ("meta-items-number-draft7", props(D7, l={"items": 3}), "a: 1\n"),
    ("meta-items-number-2020", props(l={"items": 3}), "a: 1\n"),
    ("meta-additional-properties-number", {"additionalProperties": 3}, "a: 1\n"),
    ("meta-additional-properties-bool-draft4", drafted(D4, {"additionalProperties": True, "properties": {"a": True}}), "a: 1\n"),
    ("meta-exclusive-bool-draft7", props(D7, a={"exclusiveMinimum": True}), "a: 1\n"),
    ("meta-exclusive-number-draft4", props(D4, a={"exclusiveMinimum": 3}), "a: 1\n"),
    ("meta-type-list-item", props(D7, a={"type": ["string", 3]}), "a: 1\n"),
    ("meta-type-number", props(a={"type": 3}), "a: 1\n"),
    ("meta-pattern-properties-regex", {"patternProperties": {"(": {}}}, "a: 1\n"),
    ("meta-pattern-number", props(a={"pattern": 3}), "a: 1\n"),
    ("meta-nested-defs-2019", drafted(D2019, {"$defs": {"a": {"allOf": [{"properties": {"b": {"minimum": "x"}}}]}}}), "a: 1\n"),
    ("meta-nested-definitions-draft7", drafted(D7, {"definitions": {"a": {"anyOf": [{"maximum": "x"}]}}}), "a: 1\n"),
    ("meta-not-string", {"not": "x"}, "a: 1\n"),
    ("meta-prefix-items-empty", {"prefixItems": []}, "a: 1\n"),
    ("meta-min-contains-string", {"minContains": "2"}, "a: 1\n"),
    ("meta-first-of-several", {"properties": {"b": {"minimum": "x"}, "a": {"type": "nope"}}}, "a: 1\n"),
    ("meta-unknown-keywords-ok", {"x-custom": {"type": 3}, "properties": {"a": {"description": 3, "title": [], "default": {"type": 4}}}}, "a: 1\n"),
    ("meta-schema-number", "5", "a: 1\n"),
    ("meta-schema-string", "\"x\"", "a: 1\n"),
    ("meta-dependencies-bad-draft7", drafted(D7, {"dependencies": {"a": 3}}), "a: 1\n"),
    ("meta-multiple-of-zero", props(a={"multipleOf": 0}), "a: 1\n"),
    # JSON text
    ("json-duplicate-keys", '{"properties": {"a": {"type": "string"}, "a": {"type": "integer"}}}', "a: x\n"),
    ("json-escapes", '{"properties": {"\\u0061\\n": {"enum": ["\\u00e9\\ud83d\\ude00", "\\/"]}}}', "\"a\\n\": x\n"),
    ("json-numbers", '{"properties": {"a": {"maximum": 1E2}, "b": {"minimum": -0.5e-1}, "c": {"maximum": 12345678901234567890}}}', "a: 101\nb: -1\nc: 1e20\n"),
    ("json-whitespace", ' \t\r\n{ "properties" : { "a" : { "type" : "string" } } } \n', "a: 1\n"),
    ("json-bom", '\ufeff{"properties": {"a": {"type": "string"}}}', "a: 1\n"),
    ("json-syntax-error", '{"properties": {"a": }', "a: 1\n"),
    ("json-trailing-comma", '{"a": 1,}', "a: 1\n"),
    ("json-trailing-text", '{"a": 1} x', "a: 1\n"),
    ("json-unterminated-string", '{"a": "x', "a: 1\n"),
    ("json-bad-escape", '{"a": "\\x"}', "a: 1\n"),
    ("json-control-character", '{"a": "\x01"}', "a: 1\n"),
    ("json-empty", '', "a: 1\n"),
    ("json-leading-zero", '{"a": 01}', "a: 1\n"),
    ("json-literal", '{"a": tru}', "a: 1\n"),
    ("json-number-range", '{"properties": {"a": {"maximum": 1e400}}}', "a: 1\n"),
]

# The bundled charts: every department passes; some broken values files fail.
BUNDLED = [("anything-llm", "engineering"), ("anything-llm", "legal"), ("lobe-chat", "sales"), ("lobe-chat", "engineering")]
BROKEN = [
    ("bundled-anything-llm-broken", "anything-llm",
     "department: Bad_Name\nreplicaCount: -1\nimage: {tag: 3, pullPolicy: Sometimes}\nunknownKey: 1\n"
     "persistence: {size: lots}\nllm: {provider: nobody}\n"),
    ("bundled-lobe-chat-broken", "lobe-chat",
     "department: \"\"\nservice: {port: 700000}\nextra: true\n"),
]


def chart_yaml():
    return "apiVersion: v2\nname: schema\nversion: 0.1.0\n"


def result_of(rc, err):
    return "ok" if rc == 0 else helm_error_message(err)


def inline_case(directory, name, schema, values):
    text = schema if isinstance(schema, str) else json.dumps(schema, indent=1, ensure_ascii=False)
    chart = os.path.join(directory, name)
    write_chart(chart, {
        "Chart.yaml": chart_yaml(),
        "values.yaml": values,
        "values.schema.json": text.encode("utf-8"),
        "templates/cm.yaml": "# {{ len .Values }}\n",
    })
    rc, _, err = run_helm(["template", "x", chart])
    return (name, [("schema", text), ("values", values), ("result", result_of(rc, err))])


def bundled_case(directory, name, chart, file=None, values=None):
    path = file
    if values is not None:
        path = os.path.join(directory, name + ".yaml")
        with open(path, "w") as f:
            f.write(values)
    rc, _, err = run_helm(["template", "x", os.path.join("charts", chart), "-f", path], cwd=ROOT)
    sections = [("chart", "charts/" + chart)]
    sections.append(("values", values) if values is not None else ("file", file))
    return (name, sections + [("result", result_of(rc, err))])


def main():
    cases = []
    with tempfile.TemporaryDirectory() as directory:
        for name, schema, values in CASES:
            if not isinstance(schema, str):
                schema = json.dumps(schema, indent=1, ensure_ascii=False)
            cases.append(inline_case(directory, name, schema, values))
        for chart, department in BUNDLED:
            file = "charts/%s/departments/%s.yaml" % (chart, department)
            cases.append(bundled_case(directory, "bundled-%s-%s" % (chart, department), chart, file=file))
        for name, chart, values in BROKEN:
            cases.append(bundled_case(directory, name, chart, values=values))
    path = write_cases("schema/validation.cases", cases)
    print("wrote %d cases to %s" % (len(cases), os.path.relpath(path, ROOT)))


if __name__ == "__main__":
    main()
