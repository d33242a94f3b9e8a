#!/usr/bin/env python3
"""Generates Tests/Golden/regex/regex.cases from the reference Helm.

Each case renders one Sprig regex function call with `helm template` and
records what Helm printed: the result through `toJson` (exact bytes), or the
error text after `error calling FUNCTION: `.

Sections: function, pattern, input, argument (n or replacement; absent for
two-argument functions), then output or error.

Usage: python3 scripts/regex-goldens.py
"""
import base64
import concurrent.futures
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldenlib  # noqa: E402

# (function, pattern, input, argument)
CASES = []


def add(function, pattern, text, argument=None):
    CASES.append((function, pattern, text, argument))


def match(pattern, *texts):
    for t in texts:
        add("regexMatch", pattern, t)


def find(pattern, *texts):
    for t in texts:
        add("regexFind", pattern, t)


def find_all(pattern, text, *ns):
    for n in ns or (-1,):
        add("regexFindAll", pattern, text, str(n))


def replace(pattern, text, repl):
    add("regexReplaceAll", pattern, text, repl)


def replace_literal(pattern, text, repl):
    add("regexReplaceAllLiteral", pattern, text, repl)


def split(pattern, text, *ns):
    for n in ns or (-1,):
        add("regexSplit", pattern, text, str(n))


# Literals, anchors, dot, alternation.
match("abc", "xabcx", "ab", "")
match("^abc$", "abc", "abc\n", "xabc")
match("a.c", "abc", "a\nc", "aéc")
match("(?s)a.c", "a\nc")
match("a|b|c", "c", "d")
match("", "", "x")
match("^$", "", "\n")
match("(?m)^b$", "a\nb\nc", "a\nbc")
match("(?m)^$", "a\n\nb")
match("\\Aab\\z", "ab", "ab\n")
match("x*", "")
# Perl, POSIX and Unicode classes.
match("^\\d+$", "0123456789", "١٢٣", "12a")
match("^\\w+$", "abc_XYZ_09", "héllo")
match("^\\s+$", " \t\n\r\f", "\v", "\u00a0")
match("^\\D\\W\\S$", "a b".replace(" ", "-") + "x", "é€z")
match("^[[:alpha:]]+$", "abcXYZ", "abc1", "é")
match("^[[:^digit:]]+$", "abc", "a1")
match("^[[:alnum:][:punct:]]+$", "a1!?", "a b")
match("^[[:space:]]$", "\v", "x")
match("^[[:xdigit:]]+$", "09afAF", "g")
match("^[[:upper:][:lower:]]+$", "aB", "a1")
match("^[[:word:]]+$", "a_1", "a-1")
match("^[[:blank:][:cntrl:]]+$", " \t\u0001", "x")
match("^[[:graph:]]+$", "a!~", "a b")
match("^[[:print:]]+$", "a b~", "a\tb")
match("^[[:ascii:]]+$", "abc\u007f", "é")
match("^\\pL+$", "héllo", "Ωμέγα", "abc1")
match("^\\p{L}+$", "日本語", "a b")
match("^\\p{Lu}", "Ábc", "ábc")
match("^\\p{Ll}+$", "ßä", "Ä")
match("^\\p{Greek}+$", "αβγ", "abc", "Ωμέγα")
match("^\\p{Latin}+$", "abcé", "αβγ")
match("^\\p{Han}+$", "漢字", "かな")
match("^\\p{Cyrillic}+$", "привет", "hello")
match("^\\p{Hiragana}+$", "ひらがな", "カタカナ")
match("^\\p{Katakana}+$", "カタカナ", "ひらがな")
match("^\\p{Arabic}+$", "مرحبا", "shalom")
match("^\\p{Hebrew}+$", "שלום", "salaam")
match("^\\PL+$", "123 !", "a1")
match("^\\P{Greek}+$", "abc", "aβc")
match("^\\p{^Greek}+$", "abc", "aβc")
match("^\\pN+$", "12½Ⅳ", "a")
match("^\\p{Nd}+$", "12٣", "½")
match("^\\p{Sc}$", "€", "$", "a")
match("^\\p{Sm}+$", "+<=>", "-")
match("^\\p{P}+$", "!?.,", "+")
match("^\\p{Zs}$", " ", "\u3000", "\t")
match("^\\p{Any}$", "\n", "é")
match("^\\p{Cc}$", "\u0007", "a")
match("\\p{Common}", "1", "a")
match("^\\p{Inherited}$", "\u0301", "a")
match("^[\\p{Greek}\\d]+$", "α1β2", "a1")
match("^[^\\p{Greek}]+$", "abc", "αbc")
match("^\\p{greek}+$", "αβγ")
match("^\\p{Letter}+$", "abc", "a1")
match("^\\p{Uppercase_Letter}+$", "ABC", "AbC")
match("^\\p{Decimal_Number}+$", "123")
match("^\\p{Punct}+$", "!")
match("^\\p{Nko}+$", "\u07c0")
match("^\\p{Assigned}$", "a", "\u0378")
match("^\\p{ASCII}+$", "abc", "é")
match("^\\p{Lc}+$", "aB", "1")
match("^\\pC$", "\u0378", "\u00ad", "a")
match("^\\p{Cn}$", "\u0378", "a")
# Case folding.
match("(?i)hello", "HeLLo", "HELL0")
match("(?i)k", "\u212a", "K")
match("(?i)s", "\u017f", "S")
match("(?i)σ", "Σ", "ς")
match("(?i)ß", "\u1e9e", "ss")
match("(?i)i", "\u0130", "\u0131", "I")
match("(?i)[a-c]+", "ABC", "abd")
match("(?i)[k]", "\u212a")
match("(?i)\\w", "\u017f", "\u212a")
match("(?i)\\W", "\u017f", "!")
match("(?i)[^k]", "\u212a", "K", "x")
match("(?i)\\p{Lu}", "a", "1")
match("(?i)\\P{Lu}", "a", "A")
match("(?i)[[:upper:]]", "a")
match("(?i)[[:^upper:]]", "a", "A", "1")
match("(?i)Straße", "STRASSE", "strasse", "STRAẞE")
match("(?i)ǅ", "Ǆ", "ǆ", "Dž")
match("(?i:a)b", "Ab", "AB")
match("a(?i)b", "aB", "AB")
match("(?i)a(?-i)b", "Ab", "AB")
match("(?i)é", "É")
match("(?i)ΐ", "\u1fd3")
# Word boundaries.
find("\\bfoo\\b", "a foo b", "afoo b", "foo")
find("\\Boo\\B", "foob", "oo")
find("\\bé", "é", "aé")
find("x\\b", "x!", "xé", "xy")
# Greedy, non-greedy, (?U).
find("a+", "caaat")
find("a+?", "caaat")
find("a*?b", "aaab")
find("(?U)a+", "aaa")
find("(?U)a+?", "aaa")
find("<.*>", "<a><b>")
find("<.*?>", "<a><b>")
find("a{2,3}", "aaaaa")
find("a{2,3}?", "aaaaa")
find("a{2,}", "aaaaa")
find("a{2}", "aaaaa")
find("a{0}b", "ab")
find("a{,2}", "a{,2}")
find("a{2", "a{2")
find("x{1000}", "x" * 1000)
find("(ab){2}", "abababab")
find("a??b", "ab")
find("(a|ab)(c|bcd)(d*)", "abcd")
find("(a+)(b+)?", "aaac")
find("(?:a|ab)c", "abc")
find("ab|a", "ab")
find("a|ab", "ab")
find("(a*)+", "b")
find("(a*)*", "aab")
find("(a|b)*c", "abac")
find("[a-c-e]+", "ab-e")
find("[]a]+", "a]a")
find("[^]a]+", "a]bc")
find("[a-]+", "a-a")
find("[\\]\\[]+", "x[]y")
find("[\\d-z]+", "1-z")
find("\\Qa.b*\\E+", "a.b**")
find("\\Qa.b", "xa.b")
find("\\x41\\x{42}\\101\\0", "AB\u0041\u0000")
find("\\x{1F600}", "a😀b")
find("[\\x{1F600}-\\x{1F64F}]+", "hi 😀😃 there")
find("\\t\\n\\f\\r\\v\\a", "\t\n\f\r\u000b\u0007")
find("\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\^\\$\\\\\\-\\_\\#", ".*+?()[]{}|^$\\-_#")
find("é+", "ééé")
find(".", "😀")
find("..", "日本語")
find("[^a]", "😀")
find("\\d+\\.\\d+", "version 12.34.56")
find("(?m)^line\\d$", "line1\nline2")
find("(?m)\\d$", "a1\nb2")
find("$", "abc")
find("^", "abc")
find("colou?r", "my colour")
find("\\$\\{[^}]*\\}", "x ${a.b} y")
find("[[:alpha:]]+", "123abc456")
find("(?i)HELLO", "say hello")
find("\\p{Greek}+", "abc αβγ def")
find("", "abc")
find("nomatch", "abc")
find("a.*", "abc\ndef")
find("(?s)a.*", "abc\ndef")
# Submatch-shaped patterns found whole.
find("(?P<year>\\d{4})-(?P<month>\\d{2})", "on 2024-05-17")
find("(?<year>\\d{4})", "in 1999")
# FindAll with n.
find_all("a", "banana", -1, 0, 1, 2, 5)
find_all("a*", "baaab", -1)
find_all("a*", "", -1)
find_all("", "abc", -1, 2)
find_all("", "héllo", -1)
find_all("x*", "axxb", -1)
find_all("b*", "abbbc", -1)
find_all("a|ab", "abab", -1)
find_all("\\d+", "a1b22c333", -1, 2)
find_all("\\w+", "hello, wide world", -1)
find_all("(?i)AB", "ab Ab aB AB", -1)
find_all("[aeiou]", "rhythm", -1)
find_all("\\b", "ab cd", -1)
find_all("$", "ab", -1)
find_all("(?m)^", "a\nb\nc", -1)
find_all("(?m)$", "a\nb\n", -1)
find_all("a??", "aaa", -1)
find_all("a*?", "aaa", -1)
find_all("(a)|b", "ab", -1)
find_all(".", "日本", -1)
find_all("[a-z]+\\d*", "abc1 de22 f", -1, 3)
find_all("\\p{Han}", "漢a字b", -1)
find_all("(?U)a+", "aaa", -1)
find_all("o", "foo boo", 3)
# Replace with expansion.
replace("a(x*)b", "-ab-axxb-", "${1}W")
replace("a(x*)b", "-ab-axxb-", "$1W")
replace("a(x*)b", "-ab-axxb-", "$1")
replace("a(x*)b", "-ab-axxb-", "${1}")
replace("a(x*)b", "-ab-axxb-", "$$1")
replace("a(x*)b", "-ab-axxb-", "$")
replace("a(x*)b", "-ab-axxb-", "${")
replace("a(x*)b", "-ab-axxb-", "${1")
replace("a(x*)b", "-ab-axxb-", "$}")
replace("a(x*)b", "-ab-axxb-", "$2")
replace("a(x*)b", "-ab-axxb-", "$0")
replace("a(x*)b", "-ab-axxb-", "$00")
replace("a(x*)b", "-ab-axxb-", "$01")
replace("a(?P<mid>x*)b", "-ab-axxb-", "[$mid]")
replace("a(?P<mid>x*)b", "-ab-axxb-", "[${mid}]")
replace("a(?P<mid>x*)b", "-ab-axxb-", "[$midx]")
replace("a(?P<mid>x*)b", "-ab-axxb-", "[${mid}x]")
replace("a(?P<mid>x*)b", "-ab-axxb-", "[$nope]")
replace("(\\w+)@(\\w+)\\.com", "bob@example.com", "$2 at $1")
replace("(\\w+)@(\\w+)\\.com", "bob@example.com", "$2_at_$1")
replace("(\\w+)\\s(\\w+)", "hello world", "$2 $1")
replace("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)", "abcdefghijk", "$11-$10-$1")
replace("(a)(b)?", "a", "[$2]")
replace("(?P<x>a)(?P<x>b)", "ab", "${x}")
replace("(é)", "café", "${1}${1}")
replace("x*", "abc", "-")
replace("x*", "", "-")
replace("a*", "baaac", "-")
replace("b*", "abc", "X")
replace("", "abc", "-")
replace("a|b", "abc", "$0$0")
replace("^", "abc", ">")
replace("$", "abc", "<")
replace("(?m)^", "a\nb", "> ")
replace("\\s+", "a  b \t c", " ")
replace("[aeiou]", "education", "")
replace("(\\d+)", "a1b22", "<$1>")
replace("(?i)HELLO", "Hello hello", "bye")
replace("a", "aaa", "$$")
replace("a", "aaa", "$é")
replace("(?P<é>a)", "aaa", "[$é]")
replace("(a)", "aaa", "${1}$")
replace(".", "日本", "[$0]")
replace("-", "a-b-c", "${0}${0}")
replace("(\\w+)", "one two", "${1}_${1}")
replace("(\\w)(\\w)", "abcd", "$2$1")
# Literal replacement.
replace_literal("a(x*)b", "-ab-axxb-", "${1}$1$$")
replace_literal("x*", "abc", "-")
replace_literal("", "abc", "$")
replace_literal("[aeiou]", "education", "*")
replace_literal("a", "banana", "\\")
replace_literal("(?i)B", "bBb", "c")
replace_literal("$", "ab", "!")
replace_literal("a*", "baaac", "-")
# Split with n.
split("a", "banana", -1, 0, 1, 2, 3, 10)
split("", "abc", -1, 2)
split("x*", "axbxxc", -1)
split(",", "a,b,,c,", -1)
split(",", "", -1)
split("", "", -1)
split("a*", "baaac", -1)
split("z", "abc", -1)
split("\\s+", " a  b c ", -1)
split("[,;]", "a,b;c", -1, 2)
split("a", "a", -1)
split("a", "aa", -1)
split("(?m)^", "a\nb\nc", -1)
split("$", "ab", -1)
split("\\b", "ab cd", -1)
split("é", "aébéc", -1)
split("", "日本", -1)
split("b*", "abc", -1)
# QuoteMeta.
for text in ["", "abc", "1.5+2", "a\\b", "[x]{y}(z)|^$*?", "日本.語", "-_#&~"]:
    add("regexQuoteMeta", "", text)
# Syntax errors: non-must functions and must variants.
BAD = [
    "(a", "a)", ")", "(", "[a", "[", "[]", "[^]", "a**", "a*+", "a++", "a??+", "a{2}{3}", "a{2}*", "*", "+a", "?",
    "(*)", "(|*)", "a|*", "{1}" , "x{1001}", "x{2,1}", "x{1000}{2}", "(x{500}){3}", "x{100000000}",
    "\\", "a\\", "\\8", "\\1", "\\q", "\\C", "\\xZZ", "\\x{}", "\\x{110000}", "\\x", "\\é",
    "\\p{Foo}", "\\p{Greek", "\\pX", "\\p", "[\\p{Foo}]", "\\p{Old_Italic}", "[[:foo:]]", "[z-a]", "[\\d-z]x[b-a]",
    "(?<=a)b", "(?<!a)b", "(?=a)", "(?!a)", "(?P=name)", "(?P<name", "(?P<>a)", "(?<>a)", "(?P<n-m>a)",
    "(?<name", "(?i", "(?z)", "(?-)", "(?i-)", "(?--i)", "(?", "(?#comment)", "(?P>x)", "(?'n'a)",
    "a{1000}{1000}", "[a-\\d]", "x{2}{,3}",
]
for pattern in BAD:
    add("mustRegexMatch", pattern, "a")
for pattern in ["(a", "a**", "\\p{Foo}", "(?<=a)", "x{1001}", "[z-a]"]:
    add("regexMatch", pattern, "a")
for function in ["regexFind", "regexReplaceAll", "regexReplaceAllLiteral"]:
    add(function, "(a", "a", None if function == "regexFind" else "b")
    add("must" + function[0].upper() + function[1:], "(a", "a", None if function == "regexFind" else "b")
add("regexFindAll", "a**", "a", "-1")
add("mustRegexFindAll", "a**", "a", "-1")
add("regexSplit", "[a", "a", "-1")
add("mustRegexSplit", "[a", "a", "-1")
add("regexFind", "a\tb`", "a", None)
add("regexFind", "(a\nb", "a", None)
add("regexFind", "(日本\u200b", "a", None)
# Valid patterns that look odd.
match("(?i)(?U)a+?", "AAA")
match("(?)a", "a")
match("(?:)", "")
match("^*a", "a")
match("$*a", "a")
match("\\b*a", "a")
match("(?i)(?-i:a)", "A")
match("a{,}", "a{,}")
match("a{1,2}{", "aa{")
match("x{0,1000}", "x")
match("[[:alpha:]", "a:")
match("[[:alpha]", "[")
match("(?P<a_1>x)(?<B2>y)", "xy")

# Limits: nesting depth, program size.
add("mustRegexMatch", "(" * 999 + "a" + ")" * 999, "a")
add("mustRegexMatch", "(" * 1000 + "a" + ")" * 1000, "a")
add("mustRegexMatch", "(?:" * 1500 + "a" + ")" * 1500, "a")
add("mustRegexMatch", "(?:" + "abcdefghij" * 400 + "){1000}", "a")
add("mustRegexMatch", "(?:" + "abcdefghij" * 300 + "){1000}", "a")
add("mustRegexMatch", "((a{10}){10}){10}", "a")
add("mustRegexMatch", "((a{10}){10}){11}", "a")
# Captures that do not take part, in alternations and repetitions.
replace("(a)|(b)", "ab", "[$1|$2]")
replace("(a)|b", "ab", "[$1]")
replace("(?:(a)|b)+", "ab", "[$1]")
replace("(a*)+", "b", "[$1]")
replace("(a*)*", "b", "[$1]")
replace("(a|b)*", "abba", "[$1]")
replace("(a+|b+)*c", "aabbc", "[$1]")
replace("(a*)+$", "aa", "[$1]")
replace("(|a)*", "aa", "[$1]")
replace("(|a)+", "aa", "[$1]")
replace("(a|)*", "aa", "[$1]")
replace("((a)|b)+", "ab", "[$1,$2]")
replace("(a?)((ab)?)(b?)", "ab", "[$1,$2,$3,$4]")
replace("(.*?)(\\d*)$", "abc123", "[$1|$2]")
replace("(?U)(a+)(a*)", "aaa", "[$1|$2]")
replace("(?i)(?P<first>\\w+) (?P<last>\\w+)", "Ada LOVELACE", "${last}, ${first}")
replace("^(\\w+)://([^/:]+)(?::(\\d+))?", "https://example.com:8443/x", "$1|$2|$3")
replace("^(\\w+)://([^/:]+)(?::(\\d+))?", "http://example.com/x", "$1|$2|$3")
replace("([a-z0-9.-]+)/([a-z0-9-]+):([\\w.-]+)", "registry.example.com/app:v1.2.3", "$3 $2 $1")

# Hostile patterns on longer input (linear-time engine; Helm finishes quickly too).
find("^(a+)+$", "a" * 5000 + "!")
find("(a|aa)*c", "a" * 5000)
find("(x+x+)+y", "x" * 5000)
find_all("(a|a)*b", "a" * 2000, -1)

FUNCTIONS_WITH_N = {"regexFindAll", "mustRegexFindAll", "regexSplit", "mustRegexSplit"}
FUNCTIONS_WITH_REPLACEMENT = {"regexReplaceAll", "mustRegexReplaceAll", "regexReplaceAllLiteral",
                              "mustRegexReplaceAllLiteral"}


def template_for(function, argument):
    if function == "regexQuoteMeta":
        call = "regexQuoteMeta .Values.s"
    elif function in FUNCTIONS_WITH_N:
        call = "%s .Values.p .Values.s %d" % (function, int(argument))
    elif function in FUNCTIONS_WITH_REPLACEMENT:
        call = "%s .Values.p .Values.s .Values.r" % function
    else:
        call = "%s .Values.p .Values.s" % function
    return "# OUT {{ %s | toJson | b64enc }}\n" % call


def yaml_safe_json(value):
    """JSON (which is YAML) with the characters YAML forbids raw escaped."""
    text = json.dumps(value, ensure_ascii=False)
    out = []
    for c in text:
        o = ord(c)
        if o == 0x7F or 0x80 <= o < 0xA0 or 0xD800 <= o < 0xE000 or o in (0xFEFF, 0xFFFE, 0xFFFF):
            out.append("\\u%04x" % o)
        else:
            out.append(c)
    return "".join(out)


def render(index_case):
    index, (function, pattern, text, argument) = index_case
    with tempfile.TemporaryDirectory(prefix="rudder-regex-") as directory:
        chart = os.path.join(directory, "c")
        values = {"p": pattern, "s": text}
        if function in FUNCTIONS_WITH_REPLACEMENT:
            values["r"] = argument
        goldenlib.write_chart(chart, {
            "Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\n",
            "values.yaml": yaml_safe_json(values) + "\n",
            "templates/t.yaml": template_for(function, argument),
        })
        rc, out, err = goldenlib.run_helm(["template", "c", chart])
    if rc == 0:
        m = re.search(rb"# OUT (\S*)", out)
        if not m:
            raise RuntimeError("case %d: no output in %r" % (index, out))
        return ("output", base64.b64decode(m.group(1)).decode("utf-8"))
    text_err = err.decode("utf-8")
    m = re.search(r"error calling %s: (.*)" % re.escape(function), text_err, re.S)
    if not m:
        raise RuntimeError("case %d: unexpected error %r" % (index, text_err))
    message = m.group(1).split("\n\nUse --debug")[0].rstrip("\n")
    return ("error", message)


def main():
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(render, enumerate(CASES)))
    cases = []
    for index, ((function, pattern, text, argument), (kind, value)) in enumerate(zip(CASES, results)):
        sections = [("function", function), ("pattern", pattern), ("input", text)]
        if argument is not None:
            sections.append(("argument", argument))
        sections.append((kind, value))
        cases.append(("%03d %s" % (index + 1, function), sections))
    path = goldenlib.write_cases("regex/regex.cases", cases)
    errors = sum(1 for kind, _ in results if kind == "error")
    print("wrote %d cases (%d errors) to %s" % (len(cases), errors, path))


if __name__ == "__main__":
    main()
