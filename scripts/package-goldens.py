#!/usr/bin/env python3
"""Golden cases for `rudder package`, `show`, `repo index` and `create`, from
the reference Helm 4.1.4 (see scripts/goldenlib.py). Needs a built rudder
(`swift build`; RUDDER_BIN overrides the path), because several cases are
Helm's view of archives that rudder made:

  Tests/Golden/package/show.cases     `helm show SECTION CHART` of each fixture
  Tests/Golden/package/package.cases  per fixture: the entries of Helm's own
                                      archive, Helm's gzip header, `helm show
                                      chart` and `helm template` of rudder's
                                      archive (checked equal to rendering the
                                      folder), rudder's archive digest; and
                                      `helm package` errors
  Tests/Golden/package/index.cases    `helm repo index` over rudder's archives
                                      (times set to SOURCE_DATE_EPOCH), and
                                      `helm search repo` reading rudder's index
  Tests/Golden/package/create.cases   `helm template` of a `helm create` chart
"""
import gzip
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from goldenlib import ROOT, run_helm, write_cases  # noqa: E402

FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "package")
RUDDER = os.environ.get("RUDDER_BIN") or os.path.join(ROOT, ".build", "debug", "rudder")
EPOCH = "1700000000"
EPOCH_TEXT = "2023-11-14T22:13:20Z"
GOOD = ["full", "legacy", "bare", "bare2"]
BUNDLED = ["anything-llm", "lobe-chat"]
BAD = ["bad-missing-dep", "bad-version", "bad-no-name"]


def text(b):
    return b.decode("utf-8")


def rudder(args, cwd=None, env=None):
    e = dict(os.environ)
    if env:
        e.update(env)
    p = subprocess.run([RUDDER] + args, cwd=cwd, env=e, capture_output=True)
    if p.returncode != 0:
        sys.exit("rudder %s failed: %s" % (args, text(p.stderr)))
    return p


def helm_ok(args, cwd=None, env=None):
    rc, out, err = run_helm(args, cwd=cwd, env=env)
    if rc != 0:
        sys.exit("helm %s failed: %s" % (args, text(err)))
    return text(out)


def gzip_header(data):
    """The gzip header up to the end of the comment, as hex."""
    flags = data[3]
    i = 10
    if flags & 4:
        xlen = data[i] | data[i + 1] << 8
        i += 2 + xlen
    if flags & 8:
        i = data.index(0, i) + 1
    if flags & 16:
        i = data.index(0, i) + 1
    return data[:i].hex()


def show_cases():
    cases = []
    for chart in GOOD:
        for section in ["chart", "values", "readme", "crds", "all"]:
            rc, out, err = run_helm(["show", section, chart], cwd=FIXTURES)
            cases.append(("%s %s" % (section, chart), [
                ("args", "%s\n%s" % (section, chart)),
                ("stdout", text(out)),
                ("status", str(rc)),
            ]))
    # A missing path: Helm goes on to look for a repository chart, so only the status is compared.
    rc, out, err = run_helm(["show", "chart", "does-not-exist"], cwd=FIXTURES)
    cases.append(("missing chart", [("args", "chart\ndoes-not-exist"), ("stdout", text(out)), ("status", str(rc))]))
    rc, out, err = run_helm(["show", "chart", "bad-version"], cwd=FIXTURES)
    cases.append(("bad chart", [("args", "chart\nbad-version"), ("stdout", text(out)), ("stderr", text(err)),
                                ("status", str(rc))]))
    return cases


def package_cases(tmp):
    cases = []
    charts = [(c, os.path.join("Tests", "Fixtures", "package", c)) for c in GOOD]
    charts += [(c, os.path.join("charts", c)) for c in BUNDLED]
    for chart, relative in charts:
        helm_dir = os.path.join(tmp, "helm-" + chart)
        rudder_dir = os.path.join(tmp, "rudder-" + chart)
        out = helm_ok(["package", relative, "-d", helm_dir], cwd=ROOT)
        helm_archive = out.strip().split(": ", 1)[1]
        rudder(["package", relative, "-d", rudder_dir], cwd=ROOT, env={"SOURCE_DATE_EPOCH": EPOCH})
        rudder_archive = os.path.join(rudder_dir, os.path.basename(helm_archive))
        with open(helm_archive, "rb") as f:
            helm_bytes = f.read()
        with open(rudder_archive, "rb") as f:
            rudder_bytes = f.read()
        with tarfile.open(fileobj=io.BytesIO(helm_bytes)) as t:
            members = t.getmembers()
            entries = "\n".join("%s %o %d %d %d %s" % (m.name, m.mode, m.uid, m.gid, m.size, m.type.decode())
                                for m in members)
            chart_yaml = text(t.extractfile(members[0]).read())
        folder_render = helm_ok(["template", "rel", relative], cwd=ROOT)
        archive_render = helm_ok(["template", "rel", rudder_archive])
        if folder_render != archive_render:
            sys.exit("helm renders rudder's archive of %s differently from the folder" % chart)
        show_archive = helm_ok(["show", "chart", rudder_archive])
        cases.append((chart, [
            ("path", relative),
            ("archive", os.path.basename(helm_archive)),
            ("helm-entries", entries),
            ("helm-chart-yaml", chart_yaml),
            ("helm-gzip-header", gzip_header(helm_bytes)),
            ("helm-template-of-rudder-archive", archive_render),
            ("helm-show-chart-of-rudder-archive", show_archive),
            ("rudder-sha256", hashlib.sha256(rudder_bytes).hexdigest()),
        ]))
    for chart in BAD + ["nochart", "full/values.yaml", "does-not-exist"]:
        rc, out, err = run_helm(["package", chart, "-d", os.path.join(tmp, "bad")], cwd=FIXTURES)
        # Helm names the absolute path; $ROOT stands for the repository's.
        cases.append(("error " + chart, [("args", chart), ("stderr", text(err).replace(ROOT, "$ROOT")),
                                         ("status", str(rc))]))
    for name, args in [("version override", ["full", "--version", "9.9.9", "--app-version", "next"]),
                       ("bad version override", ["bare", "--version", "not-semver"])]:
        d = os.path.join(tmp, "override-" + name.replace(" ", "-"))
        rc, out, err = run_helm(["package"] + args + ["-d", d], cwd=FIXTURES)
        sections = [("args", "\n".join(args)), ("stderr", text(err)), ("status", str(rc))]
        if rc == 0:
            archive = text(out).strip().split(": ", 1)[1]
            sections.append(("archive", os.path.basename(archive)))
            sections.append(("helm-show-chart", helm_ok(["show", "chart", archive])))
        cases.append((name, sections))
    # -u with a file:// dependency: Helm's Chart.lock (time set to the epoch) and archive entries.
    work = os.path.join(tmp, "depup")
    os.makedirs(work)
    for name in ["withdep", "deplib"]:
        shutil.copytree(os.path.join(FIXTURES, name), os.path.join(work, name))
    out = helm_ok(["package", "withdep", "-u", "-d", "out"], cwd=work)
    with open(os.path.join(work, "withdep", "Chart.lock")) as f:
        lock = normalise_times(f.read())
    with tarfile.open(os.path.join(work, "out", "withdep-0.5.0.tgz")) as t:
        entries = "\n".join(m.name for m in t.getmembers())
    cases.append(("dependency update withdep", [("chart-lock", lock), ("entries", entries)]))
    return cases


def normalise_times(index):
    index = re.sub(r'("?)created("?): "[^"]*"', r'\1created\2: "%s"' % EPOCH_TEXT, index)
    return re.sub(r'("?)generated("?): "[^"]*"', r'\1generated\2: "%s"' % EPOCH_TEXT, index)


def index_cases(tmp):
    cases = []
    repo = os.path.join(tmp, "repo")
    os.makedirs(os.path.join(repo, "older"))
    for chart in GOOD:
        rudder(["package", chart, "-d", repo], cwd=FIXTURES, env={"SOURCE_DATE_EPOCH": EPOCH})
    rudder(["package", "bare2", "-d", os.path.join(repo, "older"), "--version", "0.0.1"], cwd=FIXTURES,
           env={"SOURCE_DATE_EPOCH": EPOCH})
    with open(os.path.join(repo, "broken-1.0.0.tgz"), "w") as f:
        f.write("not an archive\n")
    for name, extra in [("plain", []), ("url", ["--url", "https://charts.example.com/stable/"]), ("json", ["--json"])]:
        helm_ok(["repo", "index", repo] + extra)
        with open(os.path.join(repo, "index.yaml")) as f:
            helm_index = f.read()
        os.remove(os.path.join(repo, "index.yaml"))
        cases.append(("index " + name, [("args", "\n".join(extra)), ("index", normalise_times(helm_index))]))
    # Helm reading rudder's index through a local repository cache.
    rudder(["repo", "index", repo, "--url", "https://charts.example.com/stable"], env={"SOURCE_DATE_EPOCH": EPOCH})
    home = os.path.join(tmp, "helm-home")
    cache = os.path.join(home, "cache", "repository")
    os.makedirs(cache)
    shutil.copy(os.path.join(repo, "index.yaml"), os.path.join(cache, "local-index.yaml"))
    config = os.path.join(home, "repositories.yaml")
    with open(config, "w") as f:
        f.write("apiVersion: \"\"\ngenerated: \"0001-01-01T00:00:00Z\"\nrepositories:\n"
                "- name: local\n  url: https://charts.example.com/stable\n")
    env = {"HELM_REPOSITORY_CONFIG": config, "HELM_REPOSITORY_CACHE": cache}
    search = helm_ok(["search", "repo", "local/", "--versions", "--devel"], env=env)
    cases.append(("helm search of rudder index", [("stdout", search)]))
    # --merge: an index of the top-level archives merged into one of older ones.
    return cases


def create_cases(tmp):
    helm_ok(["create", "web"], cwd=tmp)
    render = helm_ok(["template", "rel", "web"], cwd=tmp)
    return [("create web", [("name", "web"), ("helm-template", render)])]


def main():
    if not os.path.exists(RUDDER):
        sys.exit("build rudder first (swift build)")
    with tempfile.TemporaryDirectory() as tmp:
        print(write_cases("package/show.cases", show_cases()))
        print(write_cases("package/package.cases", package_cases(tmp)))
        print(write_cases("package/index.cases", index_cases(tmp)))
        print(write_cases("package/create.cases", create_cases(tmp)))


if __name__ == "__main__":
    main()
