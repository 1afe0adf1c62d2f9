"""Tests of summary.py on real reports of this harness (testdata/: a conforming server, a server and a client that each
fail a rule, and a run of two servers judged from the local registry by ci/ship), each a conformance.json with the
summary.md the harness renders from it (conformance's MarkdownReportTest keeps them in step).
Run: python3 -m unittest discover -s .github/actions/conformance"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "summary.py")
TESTDATA = os.path.join(HERE, "testdata")


def harness_summary(name):
    with open(os.path.join(TESTDATA, name, "summary.md"), encoding="utf-8") as f:
        return f.read()


class SummaryTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.report_dir = os.path.join(self.dir, "report")
        os.makedirs(self.report_dir)
        self.summary = os.path.join(self.dir, "step-summary.md")
        self.outputs = os.path.join(self.dir, "outputs")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, name, text):
        with open(os.path.join(self.report_dir, name), "w", encoding="utf-8") as f:
            f.write(text)

    def run_script(self, exit_status, log_text=None):
        args = [sys.executable, SCRIPT, self.report_dir, str(exit_status), "--summary", self.summary, "--outputs", self.outputs]
        if log_text is not None:
            log = os.path.join(self.dir, "harness.log")
            with open(log, "w", encoding="utf-8") as f:
                f.write(log_text)
            args += ["--harness-log", log]
        return subprocess.run(args, capture_output=True, text=True, check=False)

    def run_on(self, name, exit_status, log_text=None, files=("conformance.json", "summary.md")):
        for f in files:
            shutil.copy(os.path.join(TESTDATA, name, f), self.report_dir)
        done = self.run_script(exit_status, log_text)
        self.assertEqual(0, done.returncode, done.stderr)
        with open(self.summary, encoding="utf-8") as f:
            summary = f.read()
        with open(self.outputs, encoding="utf-8") as f:
            outputs = dict(line.split("=", 1) for line in f.read().splitlines())
        return summary, outputs

    def test_a_conforming_server_gets_the_harness_summary_and_no_failed_rules(self):
        summary, outputs = self.run_on("plain", 0)
        self.assertEqual(harness_summary("plain"), summary)
        self.assertTrue(summary.startswith("## greeter conformance: the implementation conforms (exit status 0)\n"), summary)
        self.assertEqual(16, summary.count(" | ✔ PASS |"))
        self.assertEqual({"verdict": "conforms", "failed-rules": ""}, outputs)

    def test_a_failing_fixture_gets_its_failed_rule_with_requirement_expected_and_observed(self):
        summary, outputs = self.run_on("wrong-greeting", 1)
        self.assertEqual(harness_summary("wrong-greeting"), summary)
        self.assertIn("- ✘ server wrong-greeting: **DOES NOT CONFORM**", summary)
        self.assertIn("| 2.2 Sends exactly the greeting | ✘ FAIL |", summary)
        self.assertIn("- requirement: The bytes received before the server closes are exactly the declared greeting", summary)
        self.assertIn('- expected: exactly 24 bytes "Thank you for connecting" before the close', summary)
        self.assertIn('- observed: received 25 bytes "Thank you for connecting\\\\n" \\(first after', summary)
        self.assertEqual({"verdict": "does not conform", "failed-rules": "2.2"}, outputs)

    def test_a_failing_client_lists_its_rule_and_the_rules_skipped_for_it(self):
        summary, outputs = self.run_on("client-discards", 1)
        self.assertEqual(harness_summary("client-discards"), summary)
        self.assertIn("| 7.2 Reads a greeting split across segments | – SKIPPED (7.1 failed) |", summary)
        self.assertEqual({"verdict": "does not conform", "failed-rules": "7.1"}, outputs)

    def test_several_implementations_each_get_a_verdict_line_and_failed_rules_are_listed_once(self):
        summary, outputs = self.run_on("two-servers", 1)
        self.assertEqual(harness_summary("two-servers"), summary)
        self.assertIn("- ✔ server greeter: **CONFORMS**", summary)
        self.assertIn("- ✘ server wrong-greeting: **DOES NOT CONFORM**", summary)
        self.assertEqual("2.2", outputs["failed-rules"])

    def test_without_a_report_the_summary_says_not_judged_and_quotes_the_harness(self):
        done = self.run_script(2, "Checking server x\nconformance: could not pull server image 'x': manifest unknown\n")
        self.assertEqual(0, done.returncode, done.stderr)
        with open(self.summary, encoding="utf-8") as f:
            summary = f.read()
        self.assertTrue(summary.startswith("### greeter conformance: not judged\n\nThe harness exited 2 without a report.\n"), summary)
        self.assertIn("conformance: could not pull server image 'x': manifest unknown", summary)
        with open(self.outputs, encoding="utf-8") as f:
            self.assertEqual(["verdict=not judged", "failed-rules="], f.read().splitlines())

    def test_a_report_without_its_summary_is_said_not_judged_but_its_failed_rules_are_output(self):
        summary, outputs = self.run_on("wrong-greeting", 1, files=("conformance.json",))
        self.assertIn("The harness exited 1 without a summary.md in its report.", summary)
        self.assertEqual({"verdict": "does not conform", "failed-rules": "2.2"}, outputs)

    def test_the_exit_status_decides_the_verdict_and_the_summary_says_it_differs_from_the_report(self):
        summary, outputs = self.run_on("wrong-greeting", 2)
        self.assertTrue(summary.startswith(harness_summary("wrong-greeting")))
        self.assertTrue(summary.endswith("\n**The harness exited 2 (not judged) after writing this report.**\n"), summary)
        self.assertEqual("not judged", outputs["verdict"])

    def test_the_harness_log_cannot_reach_the_summary_as_markup_or_control(self):
        hostile = "\x1b[31mred\x1b]8;;http://evil.example/\x07 \x9b2J \ufffe \u202egnp.exe ``` <script> \r[x](http://evil.example/)"
        done = self.run_script(2, f"{hostile}\n```\n# heading\n")
        self.assertEqual(0, done.returncode, done.stderr)
        with open(self.summary, encoding="utf-8") as f:
            summary = f.read()
        sys.path.insert(0, HERE)
        import summary as script
        self.assertFalse([ch for ch in summary if script.unsafe(ord(ch))], "a control, noncharacter or bidi control")
        fences = [line for line in summary.splitlines() if "```" in line]
        self.assertEqual(["```", "```"], fences, "the log broke out of its code block")
        self.assertTrue(summary.rstrip("\n").endswith("```"))

    def test_a_control_in_a_summary_md_is_made_inert(self):
        shutil.copy(os.path.join(TESTDATA, "plain", "conformance.json"), self.report_dir)
        self.write("summary.md", "## greeter conformance\x1b[2J\u202e\n")
        done = self.run_script(0)
        self.assertEqual(0, done.returncode, done.stderr)
        with open(self.summary, encoding="utf-8") as f:
            self.assertEqual("## greeter conformance\ufffd[2J\ufffd\n", f.read())

    def test_a_rule_id_that_could_write_another_output_is_refused(self):
        self.write("conformance.json", json.dumps({"implementations": [{"rules": [{"id": "2.2\nverdict=conforms", "verdict": "FAIL"}]}]}))
        self.write("summary.md", "## greeter conformance\n")
        done = self.run_script(1)
        self.assertEqual(2, done.returncode)
        self.assertIn("rule id '2.2\\nverdict=conforms'", done.stderr)
        self.assertFalse(os.path.exists(self.outputs))
        self.assertFalse(os.path.exists(self.summary))

    def test_a_file_that_is_not_a_report_is_refused(self):
        self.write("conformance.json", json.dumps({"tests": 3}))
        done = self.run_script(1)
        self.assertEqual(2, done.returncode)
        self.assertIn("is not a report of the greeter conformance harness", done.stderr)


if __name__ == "__main__":
    unittest.main()
