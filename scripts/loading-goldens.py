#!/usr/bin/env python3
"""Writes the loading/values fixture charts and their goldens from the reference Helm.

Fixtures go to Tests/Fixtures/charts/<name>/ (recreated on every run), goldens to
Tests/Golden/loading/*.cases. Every chart (and subchart) has a template
`templates/values.yaml` printing `# {{ toJson .Values }}`, and some print the
`.Files` they see, so `helm template` shows each chart's coalesced values.

Case sections: `chart` (fixture directory), `args` (one argument per line),
then either `output` (the rendered stream) or `error` (Helm's message after
`Error: `).
"""
import gzip
import io
import os
import shutil
import sys
import tarfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from goldenlib import ROOT, helm_error_message, run_helm, write_cases  # noqa: E402

FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "charts")
VALUES_DIR = os.path.join(ROOT, "Tests", "Fixtures", "values")
VALUES_TEMPLATE = "# {{ toJson .Values }}\n"
FILES_TEMPLATE = "# files:{{ range $path, $_ := .Files }} {{ $path }}{{ end }}\n"


def chart_yaml(name, version="0.1.0", api="v2", extra=""):
    return "apiVersion: %s\nname: %s\nversion: %s\n%s" % (api, name, version, extra)


def with_values_template(files, prefix=""):
    files[prefix + "templates/values.yaml"] = VALUES_TEMPLATE
    return files


def write_fixture(name, files):
    path = os.path.join(FIXTURES, name)
    if os.path.exists(path):
        shutil.rmtree(path)
    for rel, content in files.items():
        full = os.path.join(path, rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb" if isinstance(content, bytes) else "w") as f:
            f.write(content)
    return path


def tgz(files, top):
    """A deterministic gzipped tar of `files` under directory `top`."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for rel in sorted(files):
            data = files[rel].encode() if isinstance(files[rel], str) else files[rel]
            info = tarfile.TarInfo(top + "/" + rel)
            info.size = len(data)
            info.mode = 0o644
            info.mtime = 0
            tar.addfile(info, io.BytesIO(data))
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as gz:
        gz.write(raw.getvalue())
    return out.getvalue()


def sub(prefix, name, values="", extra="", version="0.1.0", more=None):
    files = {
        prefix + "Chart.yaml": chart_yaml(name, version=version, extra=extra),
        prefix + "templates/values.yaml": VALUES_TEMPLATE,
    }
    if values:
        files[prefix + "values.yaml"] = values
    for rel, content in (more or {}).items():
        files[prefix + rel] = content
    return files


FIXTURE_DEFINITIONS = {}


def fixture(name):
    def register(function):
        FIXTURE_DEFINITIONS[name] = function
        return function
    return register


@fixture("basic")
def _basic():
    return with_values_template({
        "Chart.yaml": chart_yaml("basic"),
        "values.yaml": (
            "replicas: 1\nimage:\n  repository: nginx\n  tag: \"1.25\"\n  pullPolicy: IfNotPresent\n"
            "list: [a, b, c]\nnested:\n  deep:\n    deeper: {x: 1, y: [1, 2]}\n"
            "nothing: null\nbig: 1000000\nratio: 0.5\nflag: true\nempty: {}\nemptyList: []\n"
            "text: \"line1\\nline2\"\nhtml: \"<b>&</b>\"\n"
        ),
    })


@fixture("globals")
def _globals():
    files = with_values_template({
        "Chart.yaml": chart_yaml("globals", extra="dependencies:\n- name: alpha\n  version: 0.1.0\n- name: beta\n  version: 0.1.0\n"),
        "values.yaml": (
            "global:\n  env: prod\n  region: eu\n  image: {registry: docker.io, pullSecrets: [a]}\n  deep: {n1: {fromParent: 1}}\n"
            "alpha:\n  replicas: 3\n  global: {alphaOnly: true}\n"
        ),
    })
    files.update(sub("charts/alpha/", "alpha",
                     values="replicas: 1\nglobal:\n  env: dev\n  image: {registry: quay.io, tag: v1}\n  deep: {n1: {fromAlpha: 2}}\n  own: alpha\n",
                     extra="dependencies:\n- name: gamma\n  version: 0.1.0\n"))
    files.update(sub("charts/alpha/charts/gamma/", "gamma", values="global: {gammaDefault: g}\nsetting: s\n"))
    files.update(sub("charts/beta/", "beta", values="port: 80\nglobal: {region: us}\n"))
    return files


@fixture("conditions")
def _conditions():
    files = with_values_template({
        "Chart.yaml": chart_yaml("conditions", extra=(
            "dependencies:\n"
            "- name: on\n  version: 0.1.0\n  condition: on.enabled\n"
            "- name: off\n  version: 0.1.0\n  condition: off.enabled\n"
            "- name: multi\n  version: 0.1.0\n  condition: missing.flag,multi.enabled,global.multi\n"
            "- name: notbool\n  version: 0.1.0\n  condition: notbool.enabled\n"
            "- name: nested\n  version: 0.1.0\n  condition: nested.enabled\n"
        )),
        "values.yaml": "on: {enabled: true, keep: 1}\noff: {enabled: false, kept: yes}\nmulti: {enabled: false}\nnotbool: {enabled: \"false\"}\nglobal: {multi: true}\n",
    })
    files.update(sub("charts/on/", "on", values="enabled: false\nfromOn: 1\n"))
    files.update(sub("charts/off/", "off", values="fromOff: 1\n"))
    files.update(sub("charts/multi/", "multi", values="fromMulti: 1\n"))
    files.update(sub("charts/notbool/", "notbool", values="fromNotBool: 1\n"))
    files.update(sub("charts/nested/", "nested", values="leaf: {enabled: false}\n",
                     extra="dependencies:\n- name: leaf\n  version: 0.1.0\n  condition: leaf.enabled\n"))
    files.update(sub("charts/nested/charts/leaf/", "leaf", values="fromLeaf: 1\n"))
    return files


@fixture("tags")
def _tags():
    files = with_values_template({
        "Chart.yaml": chart_yaml("tags", extra=(
            "dependencies:\n"
            "- name: front\n  version: 0.1.0\n  tags: [web]\n"
            "- name: back\n  version: 0.1.0\n  tags: [api, db]\n"
            "- name: both\n  version: 0.1.0\n  tags: [web, api]\n"
            "- name: untagged\n  version: 0.1.0\n"
            "- name: overridden\n  version: 0.1.0\n  tags: [web]\n  condition: overridden.enabled\n"
        )),
        "values.yaml": "tags: {web: false, api: true, db: false}\noverridden: {enabled: true}\n",
    })
    for name in ["front", "back", "both", "untagged", "overridden"]:
        files.update(sub("charts/%s/" % name, name, values="name: %s\n" % name))
    return files


@fixture("aliases")
def _aliases():
    files = with_values_template({
        "Chart.yaml": chart_yaml("aliases", extra=(
            "dependencies:\n"
            "- name: db\n  version: 0.1.0\n  alias: primary\n"
            "- name: db\n  version: \"~0.1\"\n  alias: replica\n  condition: replica.enabled\n"
            "- name: cache\n  alias: redis\n"
            "- name: web\n  version: \">=1.0.0\"\n  alias: frontend\n"
        )),
        "values.yaml": "primary: {size: 10}\nreplica: {enabled: true, size: 5}\nredis: {ignored: true}\ndb: {plain: 1}\n",
    })
    files.update(sub("charts/db/", "db", values="size: 1\nengine: postgres\n"))
    files.update(sub("charts/cache/", "cache", values="ttl: 60\n"))
    files.update(sub("charts/web/", "web", values="port: 8080\n", version="0.9.0"))
    return files


@fixture("imports")
def _imports():
    files = with_values_template({
        "Chart.yaml": chart_yaml("imports", extra=(
            "dependencies:\n"
            "- name: lib\n  version: 0.1.0\n  import-values:\n  - data\n  - missing\n"
            "  - child: config.server\n    parent: server\n"
            "  - child: config\n    parent: imported.all\n"
            "  - child: nothere\n    parent: x\n"
            "  - 42\n"
            "- name: other\n  version: 0.1.0\n  import-values:\n  - child: shared\n    parent: .\n"
        )),
        "values.yaml": "server: {port: 9999}\nfromExports: parent-wins\n",
    })
    files.update(sub("charts/lib/", "lib", values=(
        "exports:\n  data: {fromExports: child, exportedOnly: 1, nested: {a: 1}}\n"
        "config:\n  server: {port: 80, host: lib}\n  mode: fast\n"
    )))
    files.update(sub("charts/other/", "other", values="shared: {top: from-other, server: {tls: true}}\n"))
    return files


@fixture("tgz")
def _tgz():
    files = with_values_template({
        "Chart.yaml": chart_yaml("tgz", extra="dependencies:\n- name: packed\n  version: 0.2.0\n"),
        "values.yaml": "packed: {override: parent}\n",
    })
    inner = {
        "Chart.yaml": chart_yaml("packed", version="0.2.0"),
        "values.yaml": "override: child\nchildOnly: true\n",
        "templates/values.yaml": VALUES_TEMPLATE,
        "files/data.txt": "packed data\n",
        "templates/files.yaml": FILES_TEMPLATE,
    }
    files["charts/packed-0.2.0.tgz"] = tgz(inner, "packed")
    files["charts/_skipped.tgz"] = b"not an archive"
    files["charts/.hidden/Chart.yaml"] = "not: loaded\n"
    return files


@fixture("library")
def _library():
    files = with_values_template({
        "Chart.yaml": chart_yaml("library", extra="dependencies:\n- name: common\n  version: 0.1.0\n"),
        "values.yaml": "common: {fromParent: true}\n",
        "templates/uses.yaml": "# {{ include \"common.greeting\" . }}\n",
    })
    files.update(sub("charts/common/", "common", values="libDefault: 1\n", extra="type: library\n", more={
        "templates/_helpers.tpl": "{{- define \"common.greeting\" -}}hello from common{{- end -}}\n",
    }))
    return files


@fixture("helmignore")
def _helmignore():
    return with_values_template({
        "Chart.yaml": chart_yaml("helmignore"),
        ".helmignore": (
            "# comment\n\n*.tmp\n/docs/\nsecret-?.txt\nlogs/\nnested/*.bak\n  spaced.txt  \nfiles/[ab].txt\nfiles/\\[x\\].txt\n"
        ),
        "templates/files.yaml": FILES_TEMPLATE,
        "templates/.hidden.yaml": "should: not render\n",
        "keep.txt": "keep\n",
        "scratch.tmp": "tmp\n",
        "sub/scratch.tmp": "tmp\n",
        "docs/guide.md": "docs\n",
        "other/docs/guide.md": "other docs\n",
        "secret-a.txt": "a\n",
        "secret-keep.txt": "kept\n",
        "logs/app.log": "log\n",
        "nested/x.bak": "bak\n",
        "nested/y.txt": "txt\n",
        "spaced.txt": "spaced\n",
        "files/a.txt": "a\n",
        "files/c.txt": "c\n",
        "files/[x].txt": "x\n",
    })


@fixture("files")
def _files():
    return with_values_template({
        "Chart.yaml": chart_yaml("files"),
        "values.yaml": "a: 1\n",
        "templates/files.yaml": FILES_TEMPLATE,
        "README.md": "# readme\n",
        "config/app.conf": "key=value\n",
        "config/nested/deep.json": "{\"x\": 1}\n",
        "bom.txt": b"\xef\xbb\xbfwith bom\n",
        "crds/crontab.yaml": "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: crontabs.example.com\n",
        "crds/notes.txt": "not a crd\n",
    })


@fixture("crds")
def _crds():
    files = with_values_template({
        "Chart.yaml": chart_yaml("crds", extra="dependencies:\n- name: operator\n  version: 0.1.0\n"),
        "crds/a.yaml": "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: as.example.com\n",
        "crds/b.json": "{\"apiVersion\": \"apiextensions.k8s.io/v1\", \"kind\": \"CustomResourceDefinition\", \"metadata\": {\"name\": \"bs.example.com\"}}\n",
        "crds/readme.txt": "ignored\n",
    })
    files.update(sub("charts/operator/", "operator", more={
        "crds/op.yaml": "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: ops.example.com\n",
    }))
    return files


@fixture("schema-pass")
def _schema_pass():
    return with_values_template({
        "Chart.yaml": chart_yaml("schema-pass"),
        "values.yaml": "name: web\nport: 80\ntags: [a, b]\nresources: {cpu: 100m}\n",
        "values.schema.json": (
            '{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",'
            ' "required": ["name", "port"], "properties": {"name": {"type": "string", "minLength": 1},'
            ' "port": {"type": "integer", "minimum": 1, "maximum": 65535},'
            ' "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true},'
            ' "resources": {"$ref": "#/$defs/resources"}},'
            ' "$defs": {"resources": {"type": "object", "additionalProperties": {"type": "string"}}}}\n'
        ),
    })


@fixture("schema-fail")
def _schema_fail():
    return with_values_template({
        "Chart.yaml": chart_yaml("schema-fail"),
        "values.yaml": "name: web\nport: 80\n",
        "values.schema.json": (
            '{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "required": ["name"],'
            ' "properties": {"name": {"type": "string", "pattern": "^[a-z]+$", "maxLength": 5},'
            ' "port": {"type": "integer", "minimum": 1, "maximum": 65535},'
            ' "mode": {"enum": ["fast", "slow"]}, "replicas": {"anyOf": [{"type": "integer"}, {"type": "null"}]},'
            ' "items": {"type": "array", "items": {"type": "string"}, "minItems": 1},'
            ' "obj": {"type": "object", "additionalProperties": false, "properties": {"ok": {}}},'
            ' "ref": {"$ref": "#/definitions/positive"}},'
            ' "definitions": {"positive": {"type": "number", "exclusiveMinimum": 0}}}\n'
        ),
    })


@fixture("subchart-schema")
def _subchart_schema():
    files = with_values_template({
        "Chart.yaml": chart_yaml("subchart-schema", extra="dependencies:\n- name: strict\n  version: 0.1.0\n"),
        "values.yaml": "strict: {level: 3}\n",
        "values.schema.json": '{"type": "object", "properties": {"top": {"type": "string"}}}\n',
    })
    files.update(sub("charts/strict/", "strict", values="level: 1\n", more={
        "values.schema.json": '{"type": "object", "properties": {"level": {"type": "integer", "maximum": 2}, "global": {"type": "object"}}}\n',
    }))
    return files


@fixture("nulls")
def _nulls():
    files = with_values_template({
        "Chart.yaml": chart_yaml("nulls", extra="dependencies:\n- name: child\n  version: 0.1.0\n"),
        "values.yaml": "keep: null\nmap: {a: 1, b: null, c: {d: null, e: 2}}\nchild: {removeMe: null, nested: {gone: null}}\n",
    })
    files.update(sub("charts/child/", "child", values="removeMe: 1\nstays: null\nnested: {gone: 1, also: null, here: 2}\n"))
    return files


@fixture("undeclared")
def _undeclared():
    files = with_values_template({"Chart.yaml": chart_yaml("undeclared"), "values.yaml": "top: 1\n"})
    files.update(sub("charts/vendored/", "vendored", values="x: null\nm: {n: null, k: 1}\nglobal: {g: 1}\n"))
    return files


@fixture("v1-requirements")
def _v1_requirements():
    files = with_values_template({
        "Chart.yaml": chart_yaml("v1-requirements", api="v1"),
        "requirements.yaml": "dependencies:\n- name: dep\n  version: 0.1.0\n  condition: dep.enabled\n",
        "values.yaml": "dep: {enabled: true, fromParent: 1}\n",
        "templates/files.yaml": FILES_TEMPLATE,
    })
    files.update(sub("charts/dep/", "dep", values="fromDep: 1\n"))
    return files


@fixture("nested")
def _nested():
    files = with_values_template({
        "Chart.yaml": chart_yaml("nested", extra="dependencies:\n- name: mid\n  version: 0.1.0\n  alias: middle\n"),
        "values.yaml": "global: {level: root}\nmiddle: {bottom: {fromRoot: 1}, leafEnabled: true}\n",
    })
    files.update(sub("charts/mid/", "mid", values="global: {midGlobal: 1}\nbottom: {fromMid: 1}\n",
                     extra="dependencies:\n- name: bottom\n  version: 0.1.0\n  condition: leafEnabled\n"))
    files.update(sub("charts/mid/charts/bottom/", "bottom", values="fromBottom: 1\n"))
    return files


@fixture("type-mismatch")
def _type_mismatch():
    files = with_values_template({
        "Chart.yaml": chart_yaml("type-mismatch", extra="dependencies:\n- name: sub\n  version: 0.1.0\n"),
        "values.yaml": "sub: {a: 1}\n",
    })
    files.update(sub("charts/sub/", "sub", values="a: 2\n"))
    return files


MOBY_VALUES = (
    "back: exists\nbottom: exists\nfront: exists\nleft: exists\nname: moby\nnested: {boat: true}\noverride: bad\n"
    "right: exists\nscope: moby\ntop: nope\nglobal:\n  nested2: {l0: moby}\n"
    "pequod:\n  boat: maybe\n  ahab:\n    boat: maybe\n    nested: {boat: maybe}\n"
)


def moby(declared):
    """The chart of Helm's coalesce_test.go (moby > pequod > ahab, and spouter)."""
    extra = "dependencies:\n- name: pequod\n  version: 0.1.0\n- name: spouter\n  version: 0.1.0\n" if declared else ""
    files = with_values_template({"Chart.yaml": chart_yaml("moby", extra=extra), "values.yaml": MOBY_VALUES})
    pequod_extra = "dependencies:\n- name: ahab\n  version: 0.1.0\n" if declared else ""
    files.update(sub("charts/pequod/", "pequod", extra=pequod_extra, values=(
        "name: pequod\nscope: pequod\nglobal:\n  nested2: {l1: pequod}\nboat: false\nahab:\n  boat: false\n  nested: {boat: false}\n")))
    files.update(sub("charts/pequod/charts/ahab/", "ahab", values=(
        "global:\n  nested: {foo: bar, foo2: bar2}\n  nested2: {l2: ahab}\nscope: ahab\nname: ahab\nboat: true\n"
        "nested: {foo: false, boat: true}\nobject: {foo: bar}\n")))
    files.update(sub("charts/spouter/", "spouter", values="scope: spouter\nglobal:\n  nested2: {l1: spouter}\n"))
    return files


@fixture("chart-metadata")
def _chart_metadata():
    chart_template = "# {{ toJson .Chart }}\n"
    files = with_values_template({
        "Chart.yaml": (
            "apiVersion: v2\nname: md\nversion: 1.0\nappVersion: 01.10\ndescription: \"multi\\tline\\nand\\x01ctl\"\n"
            "keywords: [1e3, yes, ~]\nhome: https://x\nsources: [a, b]\nmaintainers:\n- name: me\n  email: a@b.c\n  url: http://u\n"
            "icon: i.png\nannotations: {a: 1, b: x}\nkubeVersion: \">=1.20\"\ntype: application\ncondition: c\ntags: t\n"
            "Name: Upper\nNAME: upper\nDescriptioN: ignored\n"
            "dependencies:\n- name: sub\n  version: 0.1.0\n  repository: file://../sub\n  condition: sub.enabled\n  tags: [x]\n"
            "  alias: s\n  import-values: [a, {child: b, parent: c}, {child: 1.5}]\n"
            "- name: sub\n  version: \"~0.1\"\n  repository: file://../sub\n  condition: other.enabled\n  tags: [y]\n  alias: other\n"
        ),
        "values.yaml": "other: {enabled: false}\n",
        "templates/chart.yaml": chart_template,
    })
    files.update(sub("charts/sub/", "sub", extra="description: \"  spaced  \"\n", more={"templates/chart.yaml": chart_template}))
    return files


FIXTURE_DEFINITIONS["moby"] = lambda: moby(False)
FIXTURE_DEFINITIONS["moby-declared"] = lambda: moby(True)

# Helm's testCoalesceValuesYaml (coalesce_test.go).
MOBY_USER_VALUES = """
top: yup
bottom: null
right: Null
left: NULL
front: ~
back: ""
nested:
  boat: null

global:
  name: Ishmael
  subject: Queequeg
  nested:
    boat: true

pequod:
  boat: null
  global:
    name: Stinky
    harpooner: Tashtego
    nested:
      boat: false
      sail: true
      foo2: null
  ahab:
    scope: whale
    boat: null
    nested:
      foo: true
      boat: null
    object: null
"""


# Broken charts: the Chart.yaml (or other file) named, everything else minimal.
BAD_CHARTS = {
    "bad-empty-chartfile": {"Chart.yaml": ""},
    "bad-list-chartfile": {"Chart.yaml": "- a\n- b\n"},
    "bad-null-maintainer": {"Chart.yaml": chart_yaml("bad", extra="maintainers:\n- null\n")},
    "bad-null-dependency": {"Chart.yaml": chart_yaml("bad", extra="dependencies:\n- null\n")},
    "bad-apiversion-v3": {"Chart.yaml": chart_yaml("bad", api="v3")},
    "bad-apiversion-v9": {"Chart.yaml": chart_yaml("bad", api="v9")},
    "bad-name-dotdot": {"Chart.yaml": chart_yaml("..")},
    "bad-name-dot": {"Chart.yaml": chart_yaml(".")},
    "bad-name-slash": {"Chart.yaml": chart_yaml("a/b")},
    "bad-no-name": {"Chart.yaml": "apiVersion: v2\nversion: 0.1.0\n"},
    "bad-no-version": {"Chart.yaml": "apiVersion: v2\nname: bad\n"},
    "bad-version": {"Chart.yaml": chart_yaml("bad", version="abc")},
    "bad-type": {"Chart.yaml": chart_yaml("bad", extra="type: foo\n")},
    "bad-yaml": {"Chart.yaml": chart_yaml("bad", extra="foo: [\n")},
    "bad-alias": {"Chart.yaml": chart_yaml("bad", extra="dependencies:\n- name: x\n  alias: \"a b\"\n")},
    "bad-duplicate-dependency": {"Chart.yaml": chart_yaml("bad", extra="dependencies:\n- name: x\n- name: x\n")},
    "bad-keywords": {"Chart.yaml": chart_yaml("bad", extra="keywords: x\n")},
    "bad-deprecated": {"Chart.yaml": chart_yaml("bad", extra="deprecated: \"yes\"\n")},
    "bad-missing-dependency": {"Chart.yaml": chart_yaml("bad", extra="dependencies:\n- name: absent\n  version: 0.1.0\n")},
    "bad-values-yaml": {"Chart.yaml": chart_yaml("bad"), "values.yaml": "a: [1\n"},
    "bad-values-list": {"Chart.yaml": chart_yaml("bad"), "values.yaml": "- 1\n"},
    "bad-helmignore": {"Chart.yaml": chart_yaml("bad"), ".helmignore": "foo/**/bar\n"},
    "bad-helmignore-pattern": {"Chart.yaml": chart_yaml("bad"), ".helmignore": "files/[a\n"},
    "bad-helmignore-negation": {"Chart.yaml": chart_yaml("bad"), ".helmignore": "!keep.txt\n", "keep.txt": "k\n"},
    "bad-schema-json": {"Chart.yaml": chart_yaml("bad"), "values.schema.json": "a: 1\n"},
    "bad-subchart": {"Chart.yaml": chart_yaml("bad"), "charts/inner/Chart.yaml": "apiVersion: v2\nname: inner\n"},
    "bad-charts-loose-file": {"Chart.yaml": chart_yaml("bad"), "charts/README.md": "not a chart\n"},
    "bad-charts-broken-archive": {"Chart.yaml": chart_yaml("bad"), "charts/sub-0.1.0.tgz": b"not gzip at all"},
    "bad-charts-nested-broken": {
        "Chart.yaml": chart_yaml("bad"),
        "charts/mid/Chart.yaml": chart_yaml("mid"),
        "charts/mid/charts/leaf/Chart.yaml": "apiVersion: v2\nname: leaf\nversion: 1.0\ntype: other\n",
    },
    "bad-chartfile-maintainer-string": {"Chart.yaml": chart_yaml("bad", extra="maintainers: [me]\n")},
    "bad-chartfile-annotations-list": {"Chart.yaml": chart_yaml("bad", extra="annotations: [a]\n")},
    "bad-chartfile-dependency-tags": {"Chart.yaml": chart_yaml("bad", extra="dependencies:\n- name: x\n  tags: x\n")},
    "bad-chartfile-name-number": {"Chart.yaml": "apiVersion: v2\nname: 42\nversion: 0.1.0\n"},
    "bad-import-values": {
        "Chart.yaml": chart_yaml("bad", extra="dependencies:\n- name: x\n  version: 0.1.0\n  import-values:\n  - 1\n  - [a]\n  - {child: 1, parent: null}\n"),
        "charts/x/Chart.yaml": chart_yaml("x"),
        "charts/x/values.yaml": "\"1\": {d: 2}\n",
        "charts/x/templates/values.yaml": VALUES_TEMPLATE,
    },
}


# Schemas that fail in particular ways: (schema, values.yaml).
SCHEMA_CASES = {
    "schema-cycle-root": ('{"$ref": "#"}', "a: 1\n"),
    "schema-cycle-defs": ('{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}', "a: 1\n"),
    "schema-missing-pointer": ('{"$ref": "#/definitions/missing"}', "a: 1\n"),
    "schema-big-number": ('{"properties": {"a": {"minimum": 1000000.5}, "b": {"maximum": 1234.5}, "c": {"multipleOf": 0.00001}}}', "a: 5\nb: 12345.25\nc: 0.000015\n"),
    "schema-enum-display": ('{"properties": {"a": {"enum": [1000, "x", true, null]}}}', "a: 5\n"),
    "schema-draft4-exclusive": ('{"$schema": "http://json-schema.org/draft-04/schema#", "properties": {"a": {"minimum": 5, "exclusiveMinimum": true}}}', "a: 5\n"),
    "schema-oneof-none": ('{"oneOf": [{"required": ["a"]}, {"required": ["b"]}]}', "c: 1\n"),
    "schema-oneof-both": ('{"oneOf": [{"required": ["a"]}, {"required": ["b"]}]}', "a: 1\nb: 2\n"),
    "schema-const-object": ('{"properties": {"a": {"const": {"x": 1}}, "b": {"dependentRequired": {"x": ["y", "z"]}}}}', "a: 1\nb: {x: 1}\n"),
    "schema-not": ('{"properties": {"a": {"not": {"type": "string"}}}}', "a: s\n"),
    "schema-if-then": ('{"if": {"properties": {"kind": {"const": "db"}}}, "then": {"required": ["port"]}, "else": {"required": ["url"]}}', "kind: db\n"),
    "schema-prefix-items": ('{"properties": {"l": {"prefixItems": [{"type": "string"}], "items": false}}}', "l: [a, 2, 3]\n"),
    "schema-draft7-items": ('{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"l": {"items": [{"type": "string"}], "additionalItems": false}}}', "l: [a, 2, 3]\n"),
    "schema-contains": ('{"properties": {"l": {"contains": {"type": "string"}, "maxItems": 1}}}', "l: [1, 2]\n"),
    "schema-unevaluated": ('{"properties": {"a": {}}, "unevaluatedProperties": false}', "a: 1\nb: 2\n"),
    "schema-property-names": ('{"propertyNames": {"maxLength": 3}}', "abcd: 1\n"),
    "schema-pattern-properties": ('{"patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": {"type": "integer"}}', "x-a: 1\nb: s\n"),
    "schema-min-properties": ('{"minProperties": 3, "maxProperties": 0}', "a: 1\n"),
    "schema-string-lengths": ('{"properties": {"a": {"minLength": 5}, "b": {"maxLength": 1}}}', "a: héé\nb: ✓✓\n"),
    "schema-anchor": ('{"$defs": {"n": {"$anchor": "num", "type": "number"}}, "properties": {"a": {"$ref": "#num"}}}', "a: x\n"),
    "schema-id-ref": ('{"$id": "http://example.com/root.json", "$defs": {"s": {"$id": "s.json", "type": "string"}}, "properties": {"a": {"$ref": "s.json"}}}', "a: 1\n"),
    "schema-true-false": ('{"properties": {"a": true, "b": false}}', "a: 1\nb: 2\n"),
    "schema-nested-ref": ('{"properties": {"a": {"$ref": "#/$defs/obj"}}, "$defs": {"obj": {"type": "object", "properties": {"b": {"type": "integer"}}, "required": ["c"]}}}', "a: {b: x}\n"),
    "schema-format-draft7": ('{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"a": {"format": "email"}, "b": {"format": "ipv4"}, "c": {"format": "date-time"}, "d": {"format": "uuid"}, "e": {"format": "hostname"}, "f": {"format": "duration"}}}', "a: x\n"),
    "schema-format-ipv4": ('{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"b": {"format": "ipv4"}}}', "b: 1.2.3.04\n"),
    "schema-format-date-time": ('{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"c": {"format": "date-time"}}}', "c: 2024-01-01X10:00:00Z\n"),
    "schema-format-uuid": ('{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"d": {"format": "uuid"}}}', "d: 123e4567-e89b-12d3-a456-42661417400g\n"),
    "schema-format-hostname": ('{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"e": {"format": "hostname"}}}', "e: -bad.example.com\n"),
    "schema-format-duration": ('{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"f": {"format": "duration"}}}', "f: P1S\n"),
    "schema-format-email-domain": ('{"$schema": "http://json-schema.org/draft-04/schema#", "properties": {"a": {"format": "email"}}}', "a: me@exa_mple.com\n"),
    "schema-format-2020-ignored": ('{"properties": {"a": {"format": "email"}}}', "a: x\n"),
    "schema-meta-type": ('{"properties": {"a": {"type": "foo"}}}', "a: 1\n"),
    "schema-meta-type-draft7": ('{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"a": {"type": "foo"}}}', "a: 1\n"),
    "schema-meta-type-list": ('{"$schema": "http://json-schema.org/draft-07/schema#", "type": ["string", "foo"]}', "a: 1\n"),
    "schema-meta-pattern": ('{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"a": {"pattern": "("}}}', "a: 1\n"),
    "schema-meta-pattern-2020": ('{"$defs": {"x": {"properties": {"y": {"pattern": "[a"}}}}}', "a: 1\n"),
    "schema-meta-minimum": ('{"properties": {"a": {"minimum": "x"}}}', "a: 1\n"),
    "schema-meta-required": ('{"properties": {"a": {"required": "x"}}}', "a: 1\n"),
    "schema-meta-array": ('[]', "a: 1\n"),
    "schema-meta-subschema-number": ('{"properties": {"a": 5}}', "a: 1\n"),
    "schema-meta-min-length": ('{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"a": {"minLength": -1}}}', "a: 1\n"),
    "schema-subchart-not-map": (None, None),
}


def schema_fixture(name, schema, values):
    files = {"Chart.yaml": chart_yaml("schema"), "templates/values.yaml": VALUES_TEMPLATE}
    if name == "schema-subchart-not-map":
        files.update({"values.yaml": "sub: 1\n", "Chart.yaml": chart_yaml("schema")})
        files.update(sub("charts/sub/", "sub", more={"values.schema.json": '{"type": "object"}\n'}))
        return files
    files["values.schema.json"] = schema + "\n"
    files["values.yaml"] = values
    return files


# Archives, built from these descriptions both here (for Helm) and in the test
# (with its own tar writer), so no binary fixture is committed. Each entry:
# (type, name, data); types: file, dir, raw (the whole file is `data`, not a tar).
ARCHIVE_CASES = {
    "archive-ok": ("chart.tgz", [("file", "mychart/Chart.yaml", chart_yaml("mychart")), ("dir", "mychart/templates/", ""),
                                 ("file", "mychart/templates/values.yaml", VALUES_TEMPLATE), ("file", "mychart/values.yaml", "a: 1\n")]),
    "archive-parent-dir": ("chart.tgz", [("file", "mychart/Chart.yaml", chart_yaml("mychart")), ("file", "mychart/../evil.txt", "x")]),
    "archive-outside-base": ("chart.tgz", [("file", "Chart.yaml", chart_yaml("mychart"))]),
    "archive-chart-yaml-top": ("chart.tgz", [("file", "Chart.yaml/x", chart_yaml("mychart"))]),
    "archive-empty": ("chart.tgz", []),
    "archive-only-dirs": ("chart.tgz", [("dir", "mychart/", ""), ("dir", "mychart/templates/", "")]),
    "archive-no-chart-yaml": ("chart.tgz", [("file", "mychart/values.yaml", "a: 1\n")]),
    "archive-not-gzip": ("chart.tgz", [("raw", "", "just some text\n")]),
    "archive-yaml-name": ("values.yaml", [("raw", "", "a: 1\n")]),
    "archive-backslashes": ("chart.tgz", [("file", "mychart\\Chart.yaml", chart_yaml("mychart")),
                                          ("file", "mychart\\templates\\values.yaml", VALUES_TEMPLATE)]),
}


def build_archive(path, entries):
    if entries and entries[0][0] == "raw":
        with open(path, "w") as f:
            f.write(entries[0][2])
        return
    files = {}
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for kind, name, data in entries:
            info = tarfile.TarInfo(name)
            info.mtime = 0
            if kind == "dir":
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                tar.addfile(info)
            else:
                payload = data.encode()
                info.size = len(payload)
                info.mode = 0o644
                tar.addfile(info, io.BytesIO(payload))
    with open(path, "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as gz:
            gz.write(raw.getvalue())


def archive_cases():
    import tempfile
    cases = []
    with tempfile.TemporaryDirectory() as directory:
        for name, (filename, entries) in ARCHIVE_CASES.items():
            path = os.path.join(directory, filename)
            build_archive(path, entries)
            rc, out, err = run_helm(["template", "release-name", filename], cwd=directory)
            description = "\n".join("%s\t%s\t%s" % (kind, entry, data.replace("\\", "\\\\").replace("\n", "\\n"))
                                    for kind, entry, data in entries)
            sections = [("file", filename), ("entries", description)]
            if rc == 0:
                sections.append(("output", out.decode()))
            else:
                message = err.decode()
                start = message.rfind("\nError: ")
                message = message[len("Error: "):] if message.startswith("Error: ") else message[start + len("\nError: "):]
                message = message.replace(directory, "<dir>")
                sections.append(("error", message[:-1] if message.endswith("\n") else message))
            cases.append((name, sections))
            os.remove(path)
    return cases


def build_fixtures():
    for name, (schema, values) in SCHEMA_CASES.items():
        write_fixture(name, schema_fixture(name, schema, values))
    os.makedirs(FIXTURES, exist_ok=True)
    for name, function in FIXTURE_DEFINITIONS.items():
        write_fixture(name, function())
    for name, files in BAD_CHARTS.items():
        files = dict(files)
        files.setdefault("templates/values.yaml", VALUES_TEMPLATE)
        write_fixture(name, files)
    os.makedirs(VALUES_DIR, exist_ok=True)
    user_files = {
        "override.yaml": "replicas: 5\nimage: {tag: \"2.0\"}\nlist: [z]\nnested: {deep: {deeper: {y: null, z: 3}}}\n",
        "second.yaml": "replicas: 7\nimage: {pullPolicy: Always}\nnothing: {now: map}\n",
        "multi-doc.yaml": "a: 1\nl: [1]\n---\nb: 2\nl: [2]\n---\na: 3\n",
        "empty.yaml": "",
        "list.yaml": "- 1\n",
        "broken.yaml": "a: [1\n",
        "file-value.txt": "from a file\nsecond line\n",
        "nulls.yaml": "map: {a: null, c: {e: null}}\nchild: {nested: {here: null}}\n",
        "moby.yaml": MOBY_USER_VALUES,
    }
    for name, content in user_files.items():
        with open(os.path.join(VALUES_DIR, name), "w") as f:
            f.write(content)


def fixture_path(name):
    return os.path.relpath(os.path.join(FIXTURES, name), ROOT)


def values_path(name):
    return os.path.relpath(os.path.join(VALUES_DIR, name), ROOT)


def case(name, chart, args=()):
    rc, out, err = run_helm(["template", "release-name", fixture_path(chart)] + list(args), cwd=ROOT)
    sections = [("chart", chart), ("args", "\n".join(args))]
    if rc == 0:
        sections.append(("output", out.decode()))
    else:
        sections.append(("error", helm_error_message(err)))
    return (name, sections)


def value_cases():
    cases = []
    for name in FIXTURE_DEFINITIONS:
        cases.append(case(name, name))
    cases += [
        case("globals-set-global", "globals", ["--set", "global.env=staging,global.deep.n1.fromSet=3"]),
        case("conditions-flip", "conditions", ["--set", "on.enabled=false,off.enabled=true,multi.enabled=true"]),
        case("conditions-nested-leaf", "conditions", ["--set", "nested.leaf.enabled=true"]),
        case("tags-all-on", "tags", ["--set", "tags.web=true,tags.db=true"]),
        case("tags-overridden-off", "tags", ["--set", "overridden.enabled=false,tags.web=true"]),
        case("aliases-replica-off", "aliases", ["--set", "replica.enabled=false"]),
        case("imports-override", "imports", ["--set", "imported.all.mode=slow,exportedOnly=9"]),
        case("nulls-user", "nulls", ["-f", values_path("nulls.yaml"), "--set", "child.stays=here,map.c.d=null"]),
        case("nested-leaf-off", "nested", ["--set", "middle.leafEnabled=false"]),
        case("type-mismatch-scalar", "type-mismatch", ["--set", "sub=text"]),
        case("crds-included", "crds", ["--include-crds"]),
        case("schema-fail-values", "schema-fail", ["--set", "name=Web-Server,port=70000,mode=medium,items[0]=1,obj.bad=1,ref=0,replicas=x"]),
        case("schema-fail-required", "schema-fail", ["--set", "name=null"]),
        case("schema-fail-skipped", "schema-fail", ["--set", "port=0", "--skip-schema-validation"]),
        case("schema-pass-broken", "schema-pass", ["--set", "port=0,tags={a,a}"]),
        case("schema-pass-type", "schema-pass", ["--set", "name=1,resources.cpu=1"]),
        case("subchart-schema-fixed", "subchart-schema", ["--set", "strict.level=2"]),
        case("moby-coalesce", "moby", ["-f", values_path("moby.yaml")]),
        case("moby-declared-coalesce", "moby-declared", ["-f", values_path("moby.yaml")]),
    ]
    return cases


# Every --set form, on the basic chart.
SET_CASES = [
    ("set-simple", ["--set", "a=1,b=two,c=true,d=FALSE,e=null,f=0,g=-3,h=+5,i=007,j=1.5,k=9223372036854775808,l=1e3"]),
    ("set-nested", ["--set", "image.tag=latest,nested.deep.deeper.x=2,new.path.here=v"]),
    ("set-list-literal", ["--set", "list={x,y,z},emptyList={},one={only}"]),
    ("set-list-index", ["--set", "arr[2]=c,arr[0]=a"]),
    ("set-list-index-map", ["--set", "servers[0].name=a,servers[0].port=80,servers[1].name=b"]),
    ("set-list-nested-list", ["--set", "m[1][0]=x,m[0].b=1"]),
    ("set-list-replaces", ["--set", "list[1]=B"]),
    ("set-escapes", ["--set", "a\\.b=1,c=x\\,y,d={x\\,y,z},e=back\\\\slash,f\\=g=h"]),
    ("set-null-deletes", ["--set", "replicas=null,image.tag=null,nested.deep=null"]),
    ("set-null-new-key", ["--set", "brand.new=null"]),
    ("set-empty-value", ["--set", "a=,b=2"]),
    ("set-trailing-index", ["--set", "a[0]"]),
    ("set-index-then-key-empty", ["--set", "a[0].b="]),
    ("set-index-alias", ["--set", "a[0].c=1,a[0].b="]),
    ("set-keymap-dot-eof", ["--set", "a."]),
    ("set-multiple-flags", ["--set", "a=1", "--set", "a=2,b=3"]),
    ("set-overrides-map", ["--set", "image=flat"]),
    ("set-unicode", ["--set", "name=héllo wörld,emoji=✓"]),
    ("set-spaces", ["--set", " a = 1 "]),
    ("set-max-index", ["--set", "a[65536]=x"]),
    ("set-max-nesting", ["--set", ".".join("k%d" % i for i in range(31)) + "=1"]),
    ("set-string", ["--set-string", "a=1,b=true,c=null,d={1,2},e[0]=007"]),
    ("set-string-precedence", ["--set-string", "x=2", "--set", "x=1"]),
    ("set-json-values", ["--set-json", "a={\"b\":[1,2.5,\"c\"]},d=null,e=\"s\",f=1000000"]),
    ("set-json-object", ["--set-json", "{\"a\":1,\"image\":{\"tag\":\"json\"}}"]),
    ("set-json-empty", ["--set-json", "a=,b= ,c=true"]),
    ("set-json-list-index", ["--set-json", "l[1]={\"x\":1},l[0]=[1,2]"]),
    ("set-json-precedence", ["--set-json", "a=1", "--set", "a=2", "--set-json", "b={\"c\":1}"]),
    ("set-literal", ["--set-literal", "a.b=x,y={z},c=\\n"]),
    ("set-literal-index", ["--set-literal", "l[1]=a=b"]),
    ("set-literal-precedence", ["--set-literal", "a=literal", "--set-file", "a=" + "Tests/Fixtures/values/file-value.txt", "--set", "a=set"]),
    ("set-file", ["--set-file", "content=Tests/Fixtures/values/file-value.txt,list={Tests/Fixtures/values/file-value.txt}"]),
    ("values-files", ["-f", "Tests/Fixtures/values/override.yaml", "-f", "Tests/Fixtures/values/second.yaml"]),
    ("values-multi-doc", ["-f", "Tests/Fixtures/values/multi-doc.yaml"]),
    ("values-empty", ["-f", "Tests/Fixtures/values/empty.yaml"]),
    ("values-precedence", ["-f", "Tests/Fixtures/values/override.yaml", "--set", "replicas=9", "--set-string", "image.tag=str"]),
    # errors
    ("err-set-type-map", ["--set", "a=1,a.b=2"]),
    ("err-set-type-list", ["--set", "a.b=1,a[0]=2"]),
    ("err-set-type-nil", ["--set", "a=null", "--set", "a.b=1"]),
    ("err-set-nested-list-type", ["--set", "a[0]=x,a[0][1]=y"]),
    ("err-set-index-too-big", ["--set", "a[70000]=1"]),
    ("err-set-negative-index", ["--set", "a[-1]=1"]),
    ("err-set-no-value", ["--set", "a"]),
    ("err-set-no-value-comma", ["--set", "a,b=1"]),
    ("err-set-second-no-value", ["--set", "a=1,b"]),
    ("err-set-keymap-no-value", ["--set", "a.=1"]),
    ("err-set-index-syntax", ["--set", "a[x]=1"]),
    ("err-set-index-range", ["--set", "a[99999999999999999999]=1"]),
    ("err-set-index-unclosed", ["--set", "a[1"]),
    ("err-set-index-trailing", ["--set", "a[0]xy=1"]),
    ("err-set-list-unterminated", ["--set", "a={b,c"]),
    ("err-set-nesting", ["--set", ".".join("k%d" % i for i in range(32)) + "=1"]),
    ("err-set-string-type", ["--set-string", "a=1,a.b=2"]),
    ("err-set-json-bad", ["--set-json", "a=[1"]),
    ("err-set-json-trailing", ["--set-json", "a=1 x"]),
    ("err-set-json-object", ["--set-json", "{bad"]),
    ("err-set-literal-no-value", ["--set-literal", "a"]),
    ("err-set-file-missing", ["--set-file", "a=Tests/Fixtures/values/nonexistent.txt"]),
    ("err-values-missing", ["-f", "Tests/Fixtures/values/nonexistent.yaml"]),
    ("err-values-list", ["-f", "Tests/Fixtures/values/list.yaml"]),
    ("err-values-broken", ["-f", "Tests/Fixtures/values/broken.yaml"]),
]


def main():
    build_fixtures()
    write_cases("loading/values.cases", value_cases())
    write_cases("loading/set.cases", [case(name, "basic", args) for name, args in SET_CASES])
    write_cases("loading/bad-charts.cases", [case(name, name) for name in BAD_CHARTS])
    write_cases("loading/schema.cases", [case(name, name) for name in SCHEMA_CASES])
    write_cases("loading/archives.cases", archive_cases())
    print("wrote fixtures to", FIXTURES, "and goldens to Tests/Golden/loading/")


if __name__ == "__main__":
    main()
