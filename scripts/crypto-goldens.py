#!/usr/bin/env python3
"""Generates Tests/Golden/crypto/*.cases from the reference Helm (issue 6).

- deterministic.cases: templates whose output or error Helm gives exactly
  (derivePassword, Sprig's error texts, empty inputs, buildCustomCert objects).
  Sections: template, then output, or error (the function's own message) and
  helm-error (Helm's whole message).
- aes-from-helm.cases: ciphertexts Helm's encryptAES made; rudder must decrypt
  them. Sections: key, plaintext, ciphertext.
- aes-from-rudder.cases: ciphertexts rudder's encryptAES made (the built
  .build/debug/rudder, run here), each decrypted by Helm in this run; the case
  is written only when Helm gave the plaintext back. Sections: key, plaintext,
  ciphertext, helm-decrypted.
- certificates.cases: certificates and keys Helm generated (genCA,
  genSignedCert, genSelfSignedCert and the WithKey forms), for the Swift tests
  to compare field by field with rudder's through `openssl x509 -text`.
  Sections: template, ca, cert, key.
- bcrypt.cases: Helm's bcrypt/htpasswd hashes of known passwords; rudder must
  give the same hash from the same salt. Sections: password, user, hash.

Usage: scripts/crypto-goldens.py   (needs ../shared/tools/reference-helm,
openssl, and `swift build` done for the rudder direction)
"""
import base64
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib  # noqa: E402

CHART_YAML = "apiVersion: v2\nname: c\nversion: 0.1.0\n"
WRAPPER = 'out: {{ include "c/templates/_case.tpl" . | b64enc }}\n'
RUDDER = os.path.join(goldenlib.ROOT, ".build", "debug", "rudder")

DETERMINISTIC = [
    # derivePassword: Master Password v3, every template type.
    '{{ derivePassword 1 "long" "password" "user" "example.com" }}',
    '{{ derivePassword 1 "maximum" "password" "user" "example.com" }}',
    '{{ derivePassword 1 "medium" "password" "user" "example.com" }}',
    '{{ derivePassword 1 "short" "password" "user" "example.com" }}',
    '{{ derivePassword 1 "basic" "password" "user" "example.com" }}',
    '{{ derivePassword 1 "pin" "password" "user" "example.com" }}',
    '{{ derivePassword 2 "long" "password" "user" "example.com" }}',
    '{{ derivePassword 4294967295 "long" "secret" "Robert Lee Mitchell" "twitter.com" }}',
    '{{ derivePassword 0 "maximum" "" "" "" }}',
    '{{ derivePassword 3 "long" "pässwörd" "üser" "exämple.com" }}',
    '{{ derivePassword 1 "nope" "password" "user" "example.com" }}',
    '{{ $x := 1 }}{{ derivePassword $x "long" "p" "u" "s" }}',
    # Sprig's texts and errors.
    '{{ genPrivateKey "foo" }}',
    '{{ genPrivateKey "RSA" }}',
    '{{ bcrypt (repeat 73 "a") }}',
    '{{ htpasswd "a:b" "c" }}',
    '{{ htpasswd "user" (repeat 80 "x") }}',
    '{{ encryptAES "key" "" | quote }}',
    '{{ decryptAES "key" "" | quote }}',
    '{{ decryptAES "key" "!!" }}',
    '{{ decryptAES "key" "YWJj" }}',
    '{{ decryptAES "key" "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NQ==" }}',
    '{{ decryptAES "key" "MDEyMzQ1Njc4OWFiY2RlZg==" }}',
    '{{ decryptAES "key" "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" }}',
    '{{ randInt 5 5 }}',
    '{{ randInt 9 2 }}',
    '{{ randBytes -1 }}',
    '{{ randAlpha -1 | quote }}{{ randAlphaNum 0 | quote }}{{ randNumeric -5 | quote }}{{ randAscii 0 | quote }}',
    '{{ randBytes 0 | quote }}',
    '{{ randInt 7 8 }}',
    '{{ len (uuidv4) }}',
    '{{ typeOf (genCA "x" 1) }}',
    '{{ genCA "x" 1 | kindOf }}',
    '{{ genSignedCert "x" nil nil 1 (dict "Cert" "a" "Key" "b") }}',
    '{{ genSelfSignedCert "x" (list "1.2.3") nil 1 }}',
    '{{ genSelfSignedCert "x" (list 5) nil 1 }}',
    '{{ genSelfSignedCert "x" nil (list 5) 1 }}',
    '{{ genSelfSignedCert "x" (list "010.0.0.1") nil 1 }}',
    '{{ genSelfSignedCert "x" (list "fe80::1%eth0") nil 1 }}',
    '{{ genCAWithKey "x" 1 "not a pem" }}',
    '{{ genCAWithKey "x" 1 "-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n" }}',
    '{{ genCAWithKey "x" 1 "-----BEGIN FOO PRIVATE KEY-----\\nAAAA\\n-----END FOO PRIVATE KEY-----\\n" }}',
    '{{ genSignedCert "x" nil nil 1 (buildCustomCert "!!" "") }}',
    '{{ buildCustomCert "!!" "" }}',
    '{{ buildCustomCert "" "!!" }}',
    '{{ buildCustomCert "" "" }}',
    '{{ buildCustomCert (b64enc "-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n") "" }}',
]


def render(workdir, template, tool=None):
    """Renders `template` with Helm (or `tool`); returns ("output", text) or ("error", stderr)."""
    goldenlib.write_chart(os.path.join(workdir, "c"), {
        "Chart.yaml": CHART_YAML,
        "templates/_case.tpl": template,
        "templates/out.yaml": WRAPPER,
    })
    if tool is None:
        rc, out, err = goldenlib.run_helm(["template", "c"], cwd=workdir)
    else:
        p = subprocess.run([tool, "template", "c"], cwd=workdir, capture_output=True)
        rc, out, err = p.returncode, p.stdout, p.stderr
    if rc == 0:
        line = [l for l in out.decode().split("\n") if l.startswith("out:")][0]
        return ("output", base64.b64decode(line[len("out:"):].strip()).decode("utf-8", "surrogateescape"))
    return ("error", err.decode())


def case_sections(template, kind, text):
    """A case's sections: the template, then its output or Helm's error."""
    if kind == "output":
        return [("template", template), ("output", text)]
    return [("template", template), ("error", goldenlib.function_error(text)), ("helm-error", text)]


def helm_output(workdir, template):
    kind, text = render(workdir, template)
    if kind != "output":
        raise SystemExit("helm failed on %s:\n%s" % (template, text))
    return text


def deterministic(workdir):
    records = []
    for index, template in enumerate(DETERMINISTIC):
        kind, text = render(workdir, template)
        sections = case_sections(template, kind, text)
        records.append(("det-%03d" % index, sections))
    # buildCustomCert with a fixed certificate and key made by openssl: the
    # object's fields, %v, %T and toJson are exact.
    key = subprocess.run(["openssl", "genrsa", "2048"], capture_output=True, check=True).stdout
    with open(os.path.join(workdir, "k.pem"), "wb") as f:
        f.write(key)
    cert = subprocess.run(
        ["openssl", "req", "-x509", "-new", "-key", os.path.join(workdir, "k.pem"), "-subj", "/CN=fixed",
         "-days", "3"], capture_output=True, check=True).stdout
    # Sprig's parser wants PKCS#1 for "RSA PRIVATE KEY": convert whatever openssl wrote.
    key = subprocess.run(["openssl", "rsa", "-traditional", "-in", os.path.join(workdir, "k.pem")],
                         capture_output=True, check=True).stdout
    b64cert = base64.b64encode(cert).decode()
    b64key = base64.b64encode(key).decode()
    custom = '{{ $c := buildCustomCert "%s" "%s" }}' % (b64cert, b64key)
    for suffix in ['{{ $c.Cert }}', '{{ $c.Key }}', '{{ $c }}', '{{ printf "%T" $c }}',
                   '{{ $c | toJson }}', '{{ $c | toYaml }}', '{{ $c.Nope }}']:
        template = custom + suffix
        kind, text = render(workdir, template)
        sections = case_sections(template, kind, text)
        records.append(("det-%03d" % len(records), sections))
    return records


AES_INPUTS = [
    ("secretkey", "hello world"),
    ("k", "exactly16bytes!!"),
    ("a key that is longer than thirty-two bytes in all", "cut to 32 bytes"),
    ("ключ", "текст ✓ with unicode"),
    ("", "empty key"),
    ("0123456789abcdef0123456789abcdef", "x" * 100),
]


def aes_from_helm(workdir):
    records = []
    for index, (key, plaintext) in enumerate(AES_INPUTS):
        ciphertext = helm_output(workdir, "{{ encryptAES %s %s }}" % (json.dumps(key), json.dumps(plaintext)))
        check = helm_output(workdir, "{{ decryptAES %s %s }}" % (json.dumps(key), json.dumps(ciphertext)))
        assert check == plaintext, (check, plaintext)
        records.append(("helm-aes-%03d" % index,
                        [("key", key), ("plaintext", plaintext), ("ciphertext", ciphertext)]))
    return records


def aes_from_rudder(workdir):
    if not os.access(RUDDER, os.X_OK):
        raise SystemExit("build rudder first (swift build): %s is missing" % RUDDER)
    records = []
    for index, (key, plaintext) in enumerate(AES_INPUTS):
        kind, ciphertext = render(workdir, "{{ encryptAES %s %s }}" % (json.dumps(key), json.dumps(plaintext)),
                                  tool=RUDDER)
        if kind != "output":
            raise SystemExit("rudder failed to encrypt: %s" % ciphertext)
        decrypted = helm_output(workdir, "{{ decryptAES %s %s }}" % (json.dumps(key), json.dumps(ciphertext)))
        if decrypted != plaintext:
            raise SystemExit("Helm decrypted rudder's %r to %r, not %r" % (ciphertext, decrypted, plaintext))
        records.append(("rudder-aes-%03d" % index,
                        [("key", key), ("plaintext", plaintext), ("ciphertext", ciphertext),
                         ("helm-decrypted", decrypted)]))
    return records


FIELDS = '{{ dict "CA" $ca.Cert "Cert" $c.Cert "Key" $c.Key | toJson }}'
CERTIFICATE_TEMPLATES = [
    ("ca", '{{ $c := genCA "my-ca" 365 }}{{ $ca := $c }}' + FIELDS),
    ("signed", '{{ $ca := genCA "my-ca" 365 }}{{ $c := genSignedCert "svc.example" (list "10.0.0.1" "::1") '
               '(list "a.example" "b.example") 30 $ca }}' + FIELDS),
    ("self-signed", '{{ $c := genSelfSignedCert "self.example" (list "192.168.1.1") (list "self.example") 10 }}'
                    '{{ $ca := $c }}' + FIELDS),
    ("self-signed-no-names", '{{ $c := genSelfSignedCert "bare" nil nil 1 }}{{ $ca := $c }}' + FIELDS),
    ("ca-ecdsa-key", '{{ $c := genCAWithKey "ec-ca" 100 (genPrivateKey "ecdsa") }}{{ $ca := $c }}' + FIELDS),
    ("ca-ed25519-key", '{{ $c := genCAWithKey "ed-ca" 100 (genPrivateKey "ed25519") }}{{ $ca := $c }}' + FIELDS),
    ("signed-ecdsa", '{{ $ca := genCAWithKey "ec-ca" 100 (genPrivateKey "ecdsa") }}'
                     '{{ $c := genSignedCertWithKey "leaf" nil (list "leaf.example") 5 $ca (genPrivateKey "ecdsa") }}'
                     + FIELDS),
    ("self-signed-with-key", '{{ $c := genSelfSignedCertWithKey "k" nil (list "k.example") 7 (genPrivateKey "rsa") }}'
                             '{{ $ca := $c }}' + FIELDS),
    ("signed-by-ed25519-ca", '{{ $ca := genCAWithKey "ed-ca" 100 (genPrivateKey "ed25519") }}'
                             '{{ $c := genSignedCert "under-ed" (list "2001:db8::1") nil 2 $ca }}' + FIELDS),
]


def certificates(workdir):
    records = []
    for name, template in CERTIFICATE_TEMPLATES:
        data = json.loads(helm_output(workdir, template))
        records.append(("cert-" + name, [("template", template), ("ca", data.get("CA", "")),
                                         ("cert", data["Cert"]), ("key", data["Key"])]))
    return records


BCRYPT_INPUTS = [("", "user"), ("password", "admin"), ("pässwörd ✓", "ops"), ("x" * 72, "long")]


def bcrypt_hashes(workdir):
    records = []
    for index, (password, user) in enumerate(BCRYPT_INPUTS):
        hashed = helm_output(workdir, "{{ bcrypt %s }}" % json.dumps(password))
        line = helm_output(workdir, "{{ htpasswd %s %s }}" % (json.dumps(user), json.dumps(password)))
        records.append(("bcrypt-%03d" % index, [("password", password), ("user", user), ("hash", hashed),
                                                 ("htpasswd", line)]))
    return records


def main():
    workdir = tempfile.mkdtemp(prefix="rudder-crypto-goldens-")
    for relative, records in [
        ("crypto/deterministic.cases", deterministic(workdir)),
        ("crypto/aes-from-helm.cases", aes_from_helm(workdir)),
        ("crypto/aes-from-rudder.cases", aes_from_rudder(workdir)),
        ("crypto/certificates.cases", certificates(workdir)),
        ("crypto/bcrypt.cases", bcrypt_hashes(workdir)),
    ]:
        path = goldenlib.write_cases(relative, records)
        print("%s: %d cases" % (path, len(records)))


if __name__ == "__main__":
    main()
