#!/usr/bin/env python3
"""Writes the values table of each bundled chart's README from values.yaml comments.

YAML parsers drop comments, so this reads values.yaml as text. Conventions:

  * A comment starting with `# --` documents the key on the next line; further
    `#` lines right after it continue the description.
  * A documented key whose value is a nested block (a map or a list written
    over several lines) is one table row; its block is shown as the default.
  * An undocumented key with a nested block is a section: its children are
    documented one by one.
  * Every other key must be documented: a missing comment is an error.

The table goes between `<!-- values-table:begin -->` and
`<!-- values-table:end -->` in charts/<chart>/README.md.

Usage: python3 scripts/charts-values-table.py [--check] [chart-dir ...]
With --check nothing is written; the exit status is 1 when a README is stale
or a value is undocumented, with one line per problem on stderr.
Standard library only.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEGIN = "<!-- values-table:begin -->"
END = "<!-- values-table:end -->"
KEY_LINE = re.compile(r"^(?P<indent> *)(?P<key>[^\s#:\-][^:]*?|\"[^\"]+\"):(?:\s+(?P<value>\S.*))?$")


class ValuesError(Exception):
    pass


def indentation(line):
    return len(line) - len(line.lstrip(" "))


def strip_comment(value):
    """Removes a trailing ` # comment` outside quotes from an inline value."""
    quote = None
    for index, character in enumerate(value):
        if quote:
            if character == quote:
                quote = None
        elif character in "\"'":
            quote = character
        elif character == "#" and index > 0 and value[index - 1] == " ":
            return value[:index].rstrip()
    return value


def value_type(text):
    if text.startswith("[") or text == "-":
        return "list"
    if text.startswith("{"):
        return "object"
    if text in ("true", "false"):
        return "bool"
    if re.fullmatch(r"-?[0-9]+", text):
        return "int"
    if re.fullmatch(r"-?[0-9]+\.[0-9]*", text):
        return "float"
    if text in ("null", "~"):
        return "null"
    return "string"


def flow(lines):
    """Renders a block of (indent, text) lines as one line of YAML flow style."""
    position = [0]

    def parse_node(indent):
        if position[0] >= len(lines):
            return "null"
        current_indent, text = lines[position[0]]
        if text.startswith("- ") or text == "-":
            return parse_list(current_indent)
        return parse_map(current_indent)

    def parse_list(indent):
        items = []
        while position[0] < len(lines):
            current_indent, text = lines[position[0]]
            if current_indent != indent or not (text.startswith("- ") or text == "-"):
                break
            rest = text[2:].strip() if text != "-" else ""
            if rest and KEY_LINE.match(rest):
                # A map written as a list item: treat the rest as the first
                # key of a map indented two columns further.
                lines[position[0]] = (indent + 2, rest)
                items.append(parse_map(indent + 2))
            elif rest:
                position[0] += 1
                items.append(rest)
            else:
                position[0] += 1
                items.append(parse_node(indent + 2))
        return "[" + ", ".join(items) + "]"

    def parse_map(indent):
        entries = []
        while position[0] < len(lines):
            current_indent, text = lines[position[0]]
            if current_indent != indent or text.startswith("- "):
                break
            match = KEY_LINE.match(text)
            if not match:
                raise ValuesError("cannot read line %r" % text)
            position[0] += 1
            value = match.group("value")
            if value is not None:
                entries.append("%s: %s" % (match.group("key"), strip_comment(value)))
            elif position[0] < len(lines) and lines[position[0]][0] > indent:
                entries.append("%s: %s" % (match.group("key"), parse_node(lines[position[0]][0])))
            elif position[0] < len(lines) and lines[position[0]][1].startswith("- ") and lines[position[0]][0] == indent:
                entries.append("%s: %s" % (match.group("key"), parse_list(indent)))
            else:
                entries.append("%s: null" % match.group("key"))
        return "{" + ", ".join(entries) + "}"

    if not lines:
        return "null"
    return parse_node(lines[0][0])


def read_values(path):
    """Returns rows (key, type, default, description) in file order."""
    with open(path) as handle:
        raw_lines = handle.read().split("\n")
    rows = []
    problems = []
    stack = []  # (indent, key) of open sections
    pending = None
    index = 0
    while index < len(raw_lines):
        line = raw_lines[index].rstrip()
        stripped = line.strip()
        index += 1
        if not stripped:
            pending = None
            continue
        if stripped.startswith("#"):
            if stripped.startswith("# --"):
                pending = [stripped[4:].strip()]
            elif pending is not None:
                pending.append(stripped.lstrip("#").strip())
            continue
        if stripped.startswith("- "):
            problems.append("%s:%d: list item outside a documented key" % (path, index))
            continue
        match = KEY_LINE.match(line)
        if not match:
            problems.append("%s:%d: cannot read line %r" % (path, index, line))
            continue
        indent = len(match.group("indent"))
        key = match.group("key").strip('"')
        while stack and stack[-1][0] >= indent:
            stack.pop()
        dotted = ".".join([entry[1] for entry in stack] + [key])
        description = " ".join(part for part in pending if part) if pending else None
        pending = None
        value = match.group("value")
        if value is not None:
            value = strip_comment(value)
            if description is None:
                problems.append("%s:%d: value %s has no `# --` comment" % (path, index, dotted))
                continue
            rows.append((dotted, value_type(value), value, description))
            continue
        # A nested block: collect its lines (deeper lines, or list items at
        # the key's own indentation).
        block = []
        scan = index
        block_end = index
        while scan < len(raw_lines):
            candidate = raw_lines[scan].rstrip()
            content = candidate.strip()
            if content and not content.startswith("#"):
                candidate_indent = indentation(candidate)
                if candidate_indent < indent or (candidate_indent == indent and not content.startswith("- ")):
                    break
                block.append((candidate_indent, content))
                block_end = scan + 1
            scan += 1
        if description is None:
            if block and block[0][1].startswith("- "):
                problems.append("%s:%d: list %s has no `# --` comment" % (path, index, dotted))
                index = block_end
                continue
            # A section: its children are read one by one.
            stack.append((indent, key))
            continue
        index = block_end
        kind = "list" if block and block[0][1].startswith("- ") else "object"
        try:
            default = flow(list(block))
        except ValuesError as error:
            problems.append("%s:%d: %s" % (path, index, error))
            continue
        rows.append((dotted, kind, default, description))
    return rows, problems


def escape(cell):
    return cell.replace("|", "\\|")


def table(rows):
    out = ["| Key | Type | Default | Description |", "| --- | --- | --- | --- |"]
    for key, kind, default, description in rows:
        out.append("| `%s` | %s | `%s` | %s |" % (key, kind, escape(default), escape(description)))
    return "\n".join(out)


def update_readme(readme_path, rows):
    with open(readme_path) as handle:
        text = handle.read()
    if BEGIN not in text or END not in text:
        raise ValuesError("%s has no %s ... %s markers" % (readme_path, BEGIN, END))
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return head + BEGIN + "\n" + table(rows) + "\n" + END + tail


BUNDLED_CHARTS = ("anything-llm", "lobe-chat")


def chart_directories(arguments):
    if arguments:
        return arguments
    return [os.path.join(ROOT, "charts", name) for name in BUNDLED_CHARTS]


def main(argv):
    check = "--check" in argv
    arguments = [argument for argument in argv if argument != "--check"]
    failures = []
    for chart in chart_directories(arguments):
        values_path = os.path.join(chart, "values.yaml")
        readme_path = os.path.join(chart, "README.md")
        rows, problems = read_values(values_path)
        failures.extend(problems)
        try:
            updated = update_readme(readme_path, rows)
        except (OSError, ValuesError) as error:
            failures.append(str(error))
            continue
        with open(readme_path) as handle:
            current = handle.read()
        if updated != current:
            if check:
                failures.append("%s: values table is out of date; run python3 scripts/charts-values-table.py" % readme_path)
            else:
                with open(readme_path, "w") as handle:
                    handle.write(updated)
    for failure in failures:
        sys.stderr.write(failure + "\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
