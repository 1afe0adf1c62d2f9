#!/usr/bin/env python3
"""Gives the action's step the harness's summary and works out its outputs from the report directory.

    summary.py REPORT_DIR EXIT_STATUS [--harness-log FILE] [--summary FILE] [--outputs FILE]

Appends to --summary ($GITHUB_STEP_SUMMARY) the harness's own summary.md, as it is: the harness is the one writer of
the job summary (report/MarkdownReport), so its symbols and wording are the report's. Appends `verdict=` and
`failed-rules=` to --outputs ($GITHUB_OUTPUT), from the exit status and conformance.json. Without a report (the
harness stopped before judging: exit status 2) the summary says it was not judged and quotes the end of the harness's
log. Python 3 standard library only. Exit status: 0 written, 2 bad usage or an unreadable report.
"""

import argparse
import json
import os
import re
import sys

VERDICTS = {0: "conforms", 1: "does not conform", 2: "not judged"}
FAILED = ("FAIL", "XPASS", "ERROR")
LOG_LINES = 20
REPORT = "conformance.json"
SUMMARY = "summary.md"
# Every rule id of SPEC.md is dotted numbers; anything else could write a line of its own into $GITHUB_OUTPUT.
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


def reported_status(report):
    """The exit status the report's own verdicts give (as the harness's Document.exitStatus)."""
    return max([(i or {}).get("exitStatus", 2) for i in report.get("implementations") or []] or [0])


def with_exit_status(markdown, report, exit_status):
    """The harness's summary; if the harness then exited otherwise than its report says, a line saying so."""
    markdown = inert(markdown)
    if not markdown.endswith("\n"):
        markdown += "\n"
    if exit_status != reported_status(report):
        markdown += f"\n**The harness exited {exit_status} ({verdict(exit_status)}) after writing this report.**\n"
    return markdown


def not_judged(exit_status, why, log_tail):
    lines = [f"### greeter conformance: {verdict(exit_status)}", "", f"The harness exited {exit_status} {why}."]
    if log_tail:
        lines += ["", "```", *[inert(line).replace("\n", " ").replace("```", "'''") for line in log_tail], "```"]
    return "\n".join(lines) + "\n"


def tail(path, n=LOG_LINES):
    if not path or not os.path.exists(path):
        return []
    with open(path, encoding="utf-8", errors="replace") as f:
        return [line.rstrip("\n") for line in f.readlines()[-n:]]


def read_report(path):
    """conformance.json as a dict, None if there is none; raises ValueError if it is not one of the harness's."""
    if not os.path.exists(path):
        return None
    try:
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        raise ValueError(f"cannot read {path}: {e}") from e
    if not isinstance(report, dict) or "implementations" not in report:
        raise ValueError(f"{path} is not a report of the greeter conformance harness (no 'implementations')")
    bad = bad_rule_id(report)
    if bad is not None:
        raise ValueError(f"{path} is not a report of the greeter conformance harness (rule id {inert(repr(bad))})")
    return report


def main(argv):
    parser = argparse.ArgumentParser(prog="summary.py")
    parser.add_argument("report_dir")
    parser.add_argument("exit_status", type=int)
    parser.add_argument("--harness-log")
    parser.add_argument("--summary")
    parser.add_argument("--outputs")
    args = parser.parse_args(argv)

    try:
        report = read_report(os.path.join(args.report_dir, REPORT))
    except ValueError as e:
        print(f"summary.py: {e}", file=sys.stderr)
        return 2
    summary_md = os.path.join(args.report_dir, SUMMARY)
    if report is None:
        markdown = not_judged(args.exit_status, "without a report", tail(args.harness_log))
    elif not os.path.exists(summary_md):
        markdown = not_judged(args.exit_status, f"without a {SUMMARY} in its report", tail(args.harness_log))
    else:
        with open(summary_md, encoding="utf-8", errors="replace") as f:
            markdown = with_exit_status(f.read(), report, args.exit_status)
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
