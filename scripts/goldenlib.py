"""Shared helpers for the golden-file generators in scripts/.

Golden files are what the reference Helm (../shared/tools/reference-helm) prints.
The case-file format is described in Sources/_RudderTestSupport/GoldenCases.swift.
"""
import os
import shutil
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "Tests", "Golden")


def helm_path():
    """Path of the reference Helm binary (installed into its cache on first use)."""
    tool = os.environ.get("REFERENCE_HELM") or os.path.join(ROOT, "..", "shared", "tools", "reference-helm")
    if os.path.isfile(tool) and os.access(tool, os.X_OK) and not tool.endswith("reference-helm"):
        return tool
    return subprocess.run([tool], check=True, capture_output=True, text=True).stdout.strip()


def run_helm(args, cwd=None, env=None):
    """Runs the reference Helm; returns (rc, stdout bytes, stderr bytes)."""
    e = dict(os.environ)
    e.setdefault("HELM_CACHE_HOME", os.path.join(tempfile.gettempdir(), "rudder-helm-cache"))
    e.setdefault("HELM_CONFIG_HOME", os.path.join(tempfile.gettempdir(), "rudder-helm-config"))
    e.setdefault("HELM_DATA_HOME", os.path.join(tempfile.gettempdir(), "rudder-helm-data"))
    if env:
        e.update(env)
    p = subprocess.run([helm_path()] + list(args), cwd=cwd, env=e, capture_output=True)
    return p.returncode, p.stdout, p.stderr


def write_chart(directory, files):
    """Writes a chart: `files` maps relative paths to str or bytes."""
    if os.path.exists(directory):
        shutil.rmtree(directory)
    for rel, content in files.items():
        path = os.path.join(directory, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(path, mode) as f:
            f.write(content)


def _escape(line):
    if line.startswith("####") or line.startswith("\\####"):
        return "\\" + line
    return line


def format_cases(cases):
    """`cases`: list of (name, [(section, text), ...]). Returns the file text."""
    out = []
    for name, sections in cases:
        if "\n" in name:
            raise ValueError("case name with newline: %r" % name)
        out.append("#### case " + name)
        for section, text in sections:
            out.append("#### " + section)
            out.extend(_escape(l) for l in text.split("\n"))
        out.append("#### end")
    return "\n".join(out) + "\n"


def parse_cases(text):
    """Inverse of format_cases: list of (name, dict section->text)."""
    cases, cur, sec, content = [], None, None, []
    for line in text.split("\n"):
        if line.startswith("#### ") or line == "####":
            if sec is not None:
                cur[1][sec] = "\n".join(content)
            sec, content = None, []
            header = line[5:]
            if header.startswith("case "):
                cur = (header[5:], {})
            elif header == "end":
                cases.append(cur)
                cur = None
            else:
                sec = header
        elif sec is not None:
            content.append(line[1:] if line.startswith("\\####") or line.startswith("\\\\####") else line)
    return cases


def write_cases(relative, cases):
    path = os.path.join(GOLDEN, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(format_cases(cases))
    return path


def measure(argv, runs, cwd=ROOT):
    """Runs `argv` `runs` times (stdout and stderr discarded); returns the
    median wall time in seconds and the peak resident memory in KiB.

    Processes start with posix_spawn (vfork and exec in glibc): a fork of the
    Python interpreter would add a millisecond or more of page-table copying
    to every run, which hides the start-up time of a fast command."""
    import statistics
    import time
    times, peak = [], 0
    devnull = os.open(os.devnull, os.O_WRONLY)
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        for _ in range(runs):
            start = time.perf_counter()
            pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
            _, status, usage = os.wait4(pid, 0)
            times.append(time.perf_counter() - start)
            peak = max(peak, usage.ru_maxrss)
            if status != 0:
                raise SystemExit("failed: %s" % " ".join(argv))
    finally:
        os.chdir(previous)
        os.close(devnull)
    return statistics.median(times), peak


HELM_DEBUG_SUFFIX = "\n\nUse --debug flag to render out invalid YAML\n"


def helm_error_message(stderr):
    """Helm's final error text (bytes in): what follows the last "Error: "
    (Helm may log lines before it, and the error may span lines), without
    the trailing newline."""
    message = stderr.decode()
    start = message.rfind("\nError: ")
    if message.startswith("Error: "):
        message = message[len("Error: "):]
    elif start >= 0:
        message = message[start + len("\nError: "):]
    if message.endswith("\n"):
        message = message[:-1]
    return message


def function_error(stderr):
    """The function's own message from Helm's error text of a failed render
    (what follows the last "error calling NAME: ", or the engine's message)."""
    text = stderr
    if text.startswith("Error: "):
        text = text[len("Error: "):]
    if text.endswith(HELM_DEBUG_SUFFIX):
        text = text[: -len(HELM_DEBUG_SUFFIX)]
    marker = "error calling "
    at = text.rfind(marker)
    if at >= 0:
        rest = text[at + len(marker):]
        colon = rest.find(": ")
        message = rest[colon + 2:] if colon >= 0 else rest
        if "\n" not in message.strip():
            return message
        text = message
    marker = "execution error at ("
    at = text.rfind(marker) if "error calling " not in text else -1
    if at >= 0:
        rest = text[at:]
        return rest[rest.find("): ") + 3:]
    # An engine error: the last line of Helm's indented trace is the message.
    lines = [l.strip() for l in text.strip().split("\n") if l.strip()]
    return lines[-1] if lines else text
