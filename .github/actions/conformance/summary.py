#!/usr/bin/env python3
"""Turns the harness's report directory into the action's step summary and outputs.

    summary.py REPORT_DIR EXIT_STATUS [--harness-log FILE] [--summary FILE] [--outputs FILE]

Appends Markdown to --summary ($GITHUB_STEP_SUMMARY): per implementation judged, a table of rule, verdict and,
for each rule that failed, what was expected and what was observed. Appends `verdict=` and `failed-rules=` to
--outputs ($GITHUB_OUTPUT). Without a conformance.json (the harness stopped before judging: exit status 2) the
summary says so and quotes the end of the harness's log. Python 3 standard library only.
Exit status: 0 written, 2 bad usage or an unreadable report.
"""

import argparse
import json
import os
import re
import sys

VERDICTS = {0: "conforms", 1: "does not conform", 2: "not judged"}
SYMBOLS = {"PASS": "✅", "FAIL": "❌", "XFAIL": "⚠️", "XPASS": "❗", "SKIPPED": "➖", "ERROR": "💥"}
FAILED = ("FAIL", "XPASS", "ERROR")
LOG_LINES = 20
CELL_LIMIT = 300


# What can open inline Markdown (links, images, code, emphasis, strike-through, math, table pipes, escapes) and what
# GitHub auto-links (":" of a URL, "." of www., "@" of an e-mail address); the harness's report.Text uses the same set.
MARKUP = frozenset("\\`*_[]()!~|$:@.")
ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
RULE_ID = re.compile(r"[0-9]+(\.[0-9]+)*")


def unsafe(cp):
    """As the harness's report.Text: controls but newline and tab, DEL, C1, noncharacters, lone surrogates, bidi controls."""
    if cp in (0x0A, 0x09):
        return False
    return (cp < 0x20 or 0x7F <= cp <= 0x9F or 0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE
            or 0xD800 <= cp <= 0xDFFF or 0x202A <= cp <= 0x202E or 0x2066 <= cp <= 0x2069 or cp in (0x200E, 0x200F, 0x061C))


def inert(text):
    """Text with every character that could act on a reader replaced by U+FFFD (carriage returns by newlines)."""
    return "".join("\n" if ch == "\r" else "\ufffd" if unsafe(ord(ch)) else ch for ch in str(text))


def cell(text, limit=CELL_LIMIT):
    """Text safe in a table cell or a heading, as the harness's report.Text.markdown: one line; & < > as entities
    (no HTML); each character of MARKUP backslash-escaped, so no link, image, code span, emphasis or pipe can start
    and no URL, www. or e-mail address is auto-linked. Cells never start a line: line-start syntax cannot arise."""
    if text is None:
        return ""
    text = " ".join(inert(text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "".join(ENTITIES.get(ch) or ("\\" + ch if ch in MARKUP else ch) for ch in text)


def verdict(exit_status):
    return VERDICTS.get(exit_status, "not judged")


def bad_rule_id(report):
    """A rule id that no run of the harness writes (it would end up in $GITHUB_OUTPUT), or None."""
    for implementation in report.get("implementations") or []:
        for rule in (implementation or {}).get("rules") or []:
            rule_id = (rule or {}).get("id")
            if not isinstance(rule_id, str) or not RULE_ID.fullmatch(rule_id):
                return rule_id
    return None


def failed_rules(report):
    """Ids of the rules failed by any implementation (FAIL, XPASS, ERROR), in spec order, each once."""
    seen = []
    for implementation in report.get("implementations", []):
        for rule in implementation.get("rules", []):
            if rule.get("verdict") in FAILED and rule["id"] not in seen:
                seen.append(rule["id"])
    return sorted(seen, key=lambda rule_id: tuple(int(part) for part in rule_id.split(".")))


def counts_line(counts):
    return ", ".join(f"{cell(n)} {cell(v)}" for v, n in counts.items() if n)


def render(report, exit_status):
    lines = [f"### greeter conformance: {verdict(exit_status)}", ""]
    lines.append(f"SPEC.md {cell(report.get('specVersion'))}, harness {cell(report.get('harnessVersion'))}, "
                 f"exit status {exit_status}")
    lines.append("")
    for implementation in report.get("implementations", []):
        result = "CONFORMS" if implementation.get("conforms") else "DOES NOT CONFORM"
        lines.append(f"#### {cell(implementation.get('role'))} {cell(implementation.get('name'))}: {result}")
        lines.append("")
        lines.append(f"{cell(implementation.get('image'))} ({cell(implementation.get('digest'))}): "
                     f"{counts_line(implementation.get('counts', {}))}")
        lines.append("")
        lines.append("| rule | verdict | expected | observed |")
        lines.append("|---|---|---|---|")
        for rule in implementation.get("rules", []):
            v = rule.get("verdict", "")
            failed = v in FAILED
            lines.append(f"| {rule.get('id')} {cell(rule.get('title'))} | {SYMBOLS.get(v, '')} {cell(v)} | "
                         f"{cell(rule.get('expected')) if failed else ''} | {cell(rule.get('observed')) if failed else ''} |")
        lines.append("")
    interop = report.get("interop") or []
    if interop:
        lines.append("#### Interop (does not change conformance)")
        lines.append("")
        lines.append("| client | server | verdict | observed |")
        lines.append("|---|---|---|---|")
        for pair in interop:
            v = pair.get("verdict", "")
            lines.append(f"| {cell(pair.get('client'))} | {cell(pair.get('server'))} | {SYMBOLS.get(v, '')} {cell(v)} | "
                         f"{cell(pair.get('observed')) if v != 'PASS' else ''} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def render_unjudged(exit_status, log_tail):
    lines = [f"### greeter conformance: {verdict(exit_status)}", "",
             f"The harness exited {exit_status} without a report."]
    if log_tail:
        lines += ["", "```", *[inert(line).replace("\n", " ").replace("```", "'''") for line in log_tail], "```"]
    return "\n".join(lines) + "\n"


def tail(path, n=LOG_LINES):
    if not path or not os.path.exists(path):
        return []
    with open(path, encoding="utf-8", errors="replace") as f:
        return [line.rstrip("\n") for line in f.readlines()[-n:]]


def main(argv):
    parser = argparse.ArgumentParser(prog="summary.py")
    parser.add_argument("report_dir")
    parser.add_argument("exit_status", type=int)
    parser.add_argument("--harness-log")
    parser.add_argument("--summary")
    parser.add_argument("--outputs")
    args = parser.parse_args(argv)

    path = os.path.join(args.report_dir, "conformance.json")
    report = None
    if os.path.exists(path):
        try:
            with open(path, encoding="utf-8") as f:
                report = json.load(f)
        except (OSError, ValueError) as e:
            print(f"summary.py: cannot read {path}: {e}", file=sys.stderr)
            return 2
        if not isinstance(report, dict) or "implementations" not in report:
            print(f"summary.py: {path} is not a report of the greeter conformance harness (no 'implementations')", file=sys.stderr)
            return 2
        bad = bad_rule_id(report)
        if bad is not None:
            print(f"summary.py: {path} is not a report of the greeter conformance harness (rule id {inert(repr(bad))})", file=sys.stderr)
            return 2
    markdown = render(report, args.exit_status) if report else render_unjudged(args.exit_status, tail(args.harness_log))
    failed = failed_rules(report) if report else []
    outputs = f"verdict={verdict(args.exit_status)}\nfailed-rules={','.join(failed)}\n"
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as f:
            f.write(markdown)
    else:
        sys.stdout.write(markdown)
    if args.outputs:
        with open(args.outputs, "a", encoding="utf-8") as f:
            f.write(outputs)
    else:
        sys.stdout.write(outputs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
