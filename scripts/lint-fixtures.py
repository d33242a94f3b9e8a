#!/usr/bin/env python3
"""Writes the broken charts of Tests/Fixtures/lint/ (each breaks one lint rule of
`helm lint`, a few break several). The charts are committed; this script is how
they were made and how to remake them. Then run scripts/lint-goldens.py.

Run from anywhere: python3 scripts/lint-fixtures.py
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib  # noqa: E402

BASE = os.path.join(goldenlib.ROOT, "Tests", "Fixtures", "lint")


def chart_yaml(name, extra="", api="v2", version="0.1.0", icon=True):
    text = "apiVersion: %s\nname: %s\nversion: %s\n" % (api, name, version)
    if icon:
        text += "icon: https://example.com/icon.png\n"
    return text + extra


CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  a: \"1\"\n"


def good(name, **files):
    """A chart that lints clean, with `files` added or replaced (None removes)."""
    result = {
        "Chart.yaml": chart_yaml(name),
        "values.yaml": "replicas: 1\n",
        "templates/configmap.yaml": CM,
    }
    for path, content in files.items():
        path = path.replace("__", "/").replace("_DOT_", ".")
        if content is None:
            result.pop(path, None)
        else:
            result[path] = content
    return result


DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
spec:
  replicas: {{ .Values.replicas }}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
"""

CHARTS = {
    # Chart.yaml
    "chart-yaml-directory": dict(good("chart-yaml-directory", **{"Chart_DOT_yaml": None}),
                                 **{"Chart.yaml/placeholder.txt": "Chart.yaml is a directory here\n"}),
    "chart-yaml-unparsable": good("x", **{"Chart_DOT_yaml": "apiVersion: v2\nname: [unclosed\nversion: 0.1.0\n"}),
    "chart-yaml-unknown-field": good("x", **{"Chart_DOT_yaml": chart_yaml("chart-yaml-unknown-field", "colour: blue\nmaintainers:\n  - name: ann\n    phone: \"123\"\n")}),
    "chart-yaml-duplicate-key": good("x", **{"Chart_DOT_yaml": chart_yaml("chart-yaml-duplicate-key", "description: one\ndescription: two\n")}),
    "chart-name-missing": good("x", **{"Chart_DOT_yaml": "apiVersion: v2\nversion: 0.1.0\nicon: https://example.com/i.png\n"}),
    "chart-name-path": good("x", **{"Chart_DOT_yaml": chart_yaml("team/web")}),
    "chart-api-version-missing": good("x", **{"Chart_DOT_yaml": "name: chart-api-version-missing\nversion: 0.1.0\nicon: https://example.com/i.png\n"}),
    "chart-api-version-unknown": good("x", **{"Chart_DOT_yaml": chart_yaml("chart-api-version-unknown", api="v9")}),
    "chart-version-number": good("x", **{"Chart_DOT_yaml": chart_yaml("chart-version-number", version="1.0")}),
    "chart-version-invalid": good("x", **{"Chart_DOT_yaml": chart_yaml("chart-version-invalid", version="one.two")}),
    "chart-version-loose": good("x", **{"Chart_DOT_yaml": chart_yaml("chart-version-loose", version="v1.2")}),
    "chart-app-version-number": good("x", **{"Chart_DOT_yaml": chart_yaml("chart-app-version-number", "appVersion: 1.10\n")}),
    "chart-maintainer-no-name": good("x", **{"Chart_DOT_yaml": chart_yaml("chart-maintainer-no-name", "maintainers:\n  - email: ann@example.com\n")}),
    "chart-maintainer-bad-email": good("x", **{"Chart_DOT_yaml": chart_yaml("chart-maintainer-bad-email", "maintainers:\n  - name: ann\n    email: ann-at-example\n")}),
    "chart-maintainer-bad-url": good("x", **{"Chart_DOT_yaml": chart_yaml("chart-maintainer-bad-url", "maintainers:\n  - name: ann\n    email: ann@example.com\n    url: \"not a url\"\n")}),
    "chart-maintainer-null": good("x", **{"Chart_DOT_yaml": chart_yaml("chart-maintainer-null", "maintainers:\n  -\n")}),
    "chart-source-invalid": good("x", **{"Chart_DOT_yaml": chart_yaml("chart-source-invalid", "sources:\n  - https://github.com/example/web\n  - example.com/web\n")}),
    "chart-icon-missing": good("x", **{"Chart_DOT_yaml": chart_yaml("chart-icon-missing", icon=False)}),
    "chart-icon-invalid": good("x", **{"Chart_DOT_yaml": chart_yaml("chart-icon-invalid", "icon: icon.png\n", icon=False)}),
    "chart-type-in-v1": good("x", **{"Chart_DOT_yaml": chart_yaml("chart-type-in-v1", "type: application\n", api="v1")}),
    "chart-dependencies-in-v1": dict(good("x", **{"Chart_DOT_yaml": chart_yaml("chart-dependencies-in-v1", "dependencies:\n  - name: sub\n    version: 0.1.0\n", api="v1")}),
                                     **{"charts/sub/Chart.yaml": chart_yaml("sub"), "charts/sub/templates/cm.yaml": CM}),
    # values
    "values-missing": good("values-missing", **{"values_DOT_yaml": None}),
    "values-unparsable": good("values-unparsable", **{"values_DOT_yaml": "replicas: 1\nimage: {tag: [1, 2}\n"}),
    "values-not-a-map": good("values-not-a-map", **{"values_DOT_yaml": "- one\n- two\n"}),
    "values-schema": good("values-schema", **{
        "values_DOT_schema_DOT_json": '{"type": "object", "required": ["image"], "properties": {"replicas": {"type": "string"}}}\n',
        "templates__bad-name_DOT_yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_Valid\n"}),
    # templates
    "templates-missing": {"Chart.yaml": chart_yaml("templates-missing"), "values.yaml": "a: 1\n"},
    "templates-not-directory": {"Chart.yaml": chart_yaml("templates-not-directory"), "values.yaml": "a: 1\n", "templates": "not a directory\n"},
    "template-parse-error": good("template-parse-error", **{"templates__broken_DOT_yaml": "metadata:\n  name: {{ if .Values.x }}\n"}),
    "template-exec-error": good("template-exec-error", **{"templates__nil_DOT_yaml": "metadata:\n  name: {{ .Values.missing.deeper }}\n"}),
    "template-required": good("template-required", **{"templates__required_DOT_yaml":
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ required \"name is required\" .Values.name }}\n{{- if .Values.stop }}\n{{ fail \"stop here\" }}\n{{- end }}\n",
        "values_DOT_yaml": "stop: true\n"}),
    "template-extension": good("template-extension", **{"templates__config_DOT_json": "{}\n", "templates__README": "read me\n", "templates__notes_DOT_txt": "fine\n"}),
    "template-indent": good("template-indent", **{"templates__indented_DOT_yaml": "  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: indented\n"}),
    "template-yaml-error": good("template-yaml-error", **{"templates__a-first_DOT_yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: [unclosed\n",
                                                          "templates__b-never-read_DOT_yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: Never_Read\n"}),
    "template-yaml-not-object": good("template-yaml-not-object", **{"templates__list_DOT_yaml": "- apiVersion: v1\n  kind: ConfigMap\n"}),
    "template-yaml-wrong-type": good("template-yaml-wrong-type", **{"templates__meta_DOT_yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name:\n    first: a\n"}),
    "template-bad-separator": good("template-bad-separator", **{"templates__sep_DOT_yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n--- not a separator\napiVersion: v1\n"}),
    "template-names": good("template-names", **{
        "templates__names_DOT_yaml":
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: 1-service\n---\n"
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team.a\n---\n"
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: a/b%\n---\n"
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + "x" * 260 + "\n---\n"
            "apiVersion: certificates.k8s.io/v1\nkind: CertificateSigningRequest\nmetadata:\n  name: Any_Name\n---\n"
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: 1e6\n---\n"
            "apiVersion: v1\nkind: ConfigMap\n"}),
    "template-deprecated": good("template-deprecated", **{
        "templates__old_DOT_yaml":
            "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\n---\n"
            "apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\n---\n"
            "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: web\n---\n"
            "apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\n---\n"
            "apiVersion: rbac.authorization.k8s.io/v1beta1\nkind: ClusterRole\nmetadata:\n  name: web\n---\n"
            "apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: web\n---\n"
            "apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: web\n---\n"
            "apiVersion: example.com/v1alpha1\nkind: Widget\nmetadata:\n  name: web\n",
        "templates__deployment_DOT_yaml": DEPLOYMENT.replace("apps/v1", "apps/v1beta2")}),
    "template-selector": good("template-selector", **{
        "templates__deployment_DOT_yaml": DEPLOYMENT.replace("  selector:\n    matchLabels:\n      app: web\n", ""),
        "templates__statefulset_DOT_yaml": "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  selector: {}\n# matchExpressions only in a comment still passes\n",
        "templates__daemonset_DOT_yaml": "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec: {}\n"}),
    "template-list-policy": good("template-list-policy", **{"templates__list_DOT_yaml":
        "apiVersion: v1\nkind: List\nmetadata:\n  name: things\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: kept\n      annotations:\n        helm.sh/resource-policy: keep\n"}),
    "template-list-wrong-type": good("template-list-wrong-type", **{"templates__list_DOT_yaml":
        "apiVersion: v1\nkind: List\nitems:\n  - metadata:\n      annotations: [helm.sh/resource-policy]\n"}),
    "template-json-stream": good("template-json-stream", **{"templates__objects_DOT_yaml":
        '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "First"}}\n{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "2nd"}}\n{"kind": [1]}\n'}),
    "template-crlf": good("template-crlf", **{"templates__crlf_DOT_yaml":
        "\r\n  apiVersion: v1\r\n  kind: Service\r\n  metadata:\r\n    name: Web\r\n---\r\nkind: Pod\r\n---x\r\n"}),
    "template-json": good("template-json", **{"templates__object_DOT_yaml": '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "Upper"}}\n'}),
    "template-deployment-ok": good("template-deployment-ok", **{"templates__deployment_DOT_yaml": DEPLOYMENT}),
    # dependencies
    "deps-undeclared": dict(good("deps-undeclared"), **{"charts/extra/Chart.yaml": chart_yaml("extra"), "charts/extra/templates/cm.yaml": CM}),
    "deps-missing": good("deps-missing", **{"Chart_DOT_yaml": chart_yaml("deps-missing", "dependencies:\n  - name: database\n    version: 1.2.3\n    repository: https://charts.example.com\n")}),
    "deps-duplicate": dict(good("deps-duplicate", **{"Chart_DOT_yaml": chart_yaml("deps-duplicate", "dependencies:\n  - name: sub\n    version: 0.1.0\n  - name: other\n    alias: sub\n    version: 0.1.0\n")}),
                           **{"charts/sub/Chart.yaml": chart_yaml("sub"), "charts/sub/templates/cm.yaml": CM,
                              "charts/other/Chart.yaml": chart_yaml("other"), "charts/other/templates/cm.yaml": CM}),
    "deps-subchart-broken": dict(good("deps-subchart-broken", **{"Chart_DOT_yaml": chart_yaml("deps-subchart-broken", "dependencies:\n  - name: child\n    version: 0.1.0\n")}),
                                 **{"charts/child/Chart.yaml": chart_yaml("child", icon=False),
                                    "charts/child/templates/svc.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: Child_Service\n",
                                    "charts/child/charts/grandchild/Chart.yaml": chart_yaml("grandchild"),
                                    "charts/child/charts/grandchild/values.yaml": "a: 1\n",
                                    "charts/child/charts/grandchild/templates/x.json": "{}\n"}),
    # CRDs
    "crds-wrong": good("crds-wrong", **{
        "crds__configmap_DOT_yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: not-a-crd\n",
        "crds__old-group_DOT_yml": "apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n---\napiVersion: apiextensions.k8s.io/v1\nkind: Widget\nmetadata:\n  name: w\n",
        "crds__notes_DOT_txt": "ignored: not a manifest extension\n"}),
    "crds-not-directory": good("crds-not-directory", **{"crds": "not a directory\n"}),
    "crds-unparsable": good("crds-unparsable", **{"crds__a_DOT_yaml": "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: [\n",
                                                  "crds__b_DOT_yaml": "apiVersion: v1\nkind: ConfigMap\n"}),
    # several at once
    "many-problems": {
        "Chart.yaml": "apiVersion: v1\nname: many-problems\nversion: 1.0\nappVersion: 2\nmaintainers:\n  - name: \"\"\nsources: [\"\"]\nicon: nope\nfoo: bar\n",
        "values.yaml": "replicas: 2\n",
        "templates/deployment.yaml": DEPLOYMENT.replace("  selector:\n    matchLabels:\n      app: web\n", "").replace("{{ .Release.Name }}-web", "Web"),
        "templates/extra.conf": "x = 1\n",
        "crds/crd.yaml": "apiVersion: v1\nkind: ConfigMap\n"},
    "clean": good("clean", **{"templates__deployment_DOT_yaml": DEPLOYMENT, "templates__NOTES_DOT_txt": "Installed {{ .Release.Name }}.\n",
                              "templates___helpers_DOT_tpl": "{{- define \"clean.name\" -}}clean{{- end -}}\n",
                              "values_DOT_schema_DOT_json": '{"type": "object", "properties": {"replicas": {"type": "integer", "minimum": 1}}}\n'}),
    "needs-values": good("needs-values", **{"templates__required_DOT_yaml":
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ required \"host is required\" .Values.host }}\n  namespace: {{ .Release.Namespace }}\n",
        "values_DOT_schema_DOT_json": '{"type": "object", "properties": {"replicas": {"type": "integer"}, "host": {"type": "string", "pattern": "^[a-z.]+$"}}}\n'}),
}


def main():
    if os.path.isdir(BASE):
        shutil.rmtree(BASE)
    for name, files in CHARTS.items():
        goldenlib.write_chart(os.path.join(BASE, name), files)
    with open(os.path.join(BASE, "values-host.yaml"), "w") as f:
        f.write("host: web.example.com\n")
    print("wrote %d charts under %s" % (len(CHARTS), os.path.relpath(BASE, goldenlib.ROOT)))


if __name__ == "__main__":
    main()
