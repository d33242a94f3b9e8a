#!/usr/bin/env python3
"""Checks rudder's bcrypt and htpasswd output with Python's bcrypt package
(PyPI bcrypt 5.0.0, installed into a virtual environment on first use).

Renders a chart with rudder (.build/debug/rudder, or RUDDER_BIN) that hashes
known passwords, then verifies each hash with bcrypt.checkpw, and checks
that a wrong password is refused. Prints "N passed, N failed"; exit status 1
on any failure.

Usage: scripts/crypto-bcrypt-check.py [--venv DIR]
"""
import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORDS = ["", "a", "password", "pässwörd ✓", "with:colon", "x" * 72, "tab\tand space", "12345678901234567890"]


def venv_python(directory):
    python = os.path.join(directory, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", directory], check=True)
    probe = subprocess.run([python, "-c", "import bcrypt; print(bcrypt.__version__)"], capture_output=True, text=True)
    if probe.returncode != 0 or probe.stdout.strip() != "5.0.0":
        subprocess.run([python, "-m", "pip", "install", "-q", "bcrypt==5.0.0"], check=True)
    return python


def wrong_password(password):
    """A password that must not verify (bcrypt 5 refuses more than 72 bytes, so change the last one)."""
    if len(password.encode()) < 72:
        return password + "!"
    return password[:-1] + ("y" if password[-1] != "y" else "z")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--venv", default=os.path.join(tempfile.gettempdir(), "rudder-bcrypt-venv"))
    args = parser.parse_args()
    python = venv_python(args.venv)
    rudder = os.environ.get("RUDDER_BIN") or os.path.join(ROOT, ".build", "debug", "rudder")
    work = tempfile.mkdtemp(prefix="rudder-bcrypt-")
    os.makedirs(os.path.join(work, "c", "templates"))
    with open(os.path.join(work, "c", "Chart.yaml"), "w") as f:
        f.write("apiVersion: v2\nname: c\nversion: 0.1.0\n")
    lines = []
    for i, password in enumerate(PASSWORDS):
        quoted = json.dumps(password)
        lines.append("b%d: {{ bcrypt %s | b64enc }}" % (i, quoted))
        lines.append("h%d: {{ htpasswd \"user%d\" %s | b64enc }}" % (i, i, quoted))
    with open(os.path.join(work, "c", "templates", "t.yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")
    out = subprocess.run([rudder, "template", "c"], cwd=work, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit("rudder failed: " + out.stderr)
    values = {}
    for line in out.stdout.split("\n"):
        if ": " in line and line[0] in "bh":
            key, value = line.split(": ", 1)
            values[key] = base64.b64decode(value).decode()
    checks = []
    for i, password in enumerate(PASSWORDS):
        hashed = values["b%d" % i]
        user, _, htpasswd_hash = values["h%d" % i].partition(":")
        checks.append((password, hashed, "bcrypt"))
        checks.append((password, htpasswd_hash, "htpasswd user%d" % i))
        if user != "user%d" % i:
            checks.append((None, htpasswd_hash, "htpasswd user name %r" % user))
    verifier = (
        "import bcrypt, json, sys\n"
        "for p, h, wrong in json.load(sys.stdin):\n"
        "    ok = p is not None and bcrypt.checkpw(p.encode(), h.encode()) and h.startswith('$2a$10$')\n"
        "    bad = bcrypt.checkpw(wrong.encode(), h.encode())\n"
        "    print('ok' if ok and not bad else 'FAIL')\n")
    payload = json.dumps([(p, h, wrong_password(p or "")) for p, h, _ in checks])
    result = subprocess.run([python, "-c", verifier], input=payload, capture_output=True, text=True, check=True)
    verdicts = result.stdout.split()
    failed = 0
    for (password, hashed, what), verdict in zip(checks, verdicts):
        if verdict != "ok":
            failed += 1
            print("FAIL %s %r -> %s" % (what, password, hashed))
    print("%d passed, %d failed" % (len(verdicts) - failed, failed))
    sys.exit(1 if failed or len(verdicts) != len(checks) else 0)


if __name__ == "__main__":
    main()
