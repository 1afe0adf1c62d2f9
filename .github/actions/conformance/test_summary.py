"""Tests of summary.py on real reports of this harness (testdata/: a conforming server, a server and a client
that each fail a rule, and a run of two servers judged from the local registry by ci/ship).
Run: python3 -m unittest discover -s .github/actions/conformance"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "summary.py")


class SummaryTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.summary = os.path.join(self.dir, "summary.md")
        self.outputs = os.path.join(self.dir, "outputs")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def run_on(self, report, exit_status, log_text=None):
        report_dir = os.path.join(self.dir, "report")
        os.makedirs(report_dir, exist_ok=True)
        if report:
            shutil.copy(os.path.join(HERE, "testdata", report), os.path.join(report_dir, "conformance.json"))
        args = [sys.executable, SCRIPT, report_dir, str(exit_status), "--summary", self.summary, "--outputs", self.outputs]
        if log_text is not None:
            log = os.path.join(self.dir, "harness.log")
            with open(log, "w", encoding="utf-8") as f:
                f.write(log_text)
            args += ["--harness-log", log]
        done = subprocess.run(args, capture_output=True, text=True, check=False)
        with open(self.summary, encoding="utf-8") as f:
            summary = f.read()
        with open(self.outputs, encoding="utf-8") as f:
            outputs = dict(line.split("=", 1) for line in f.read().splitlines())
        return done.returncode, summary, outputs

    def test_a_conforming_server_has_every_rule_passed_and_no_failed_rules(self):
        status, summary, outputs = self.run_on("plain.json", 0)
        self.assertEqual(0, status)
        self.assertIn("### greeter conformance: conforms", summary)
        self.assertIn("#### server plain: CONFORMS", summary)
        self.assertEqual(16, summary.count("| ✅ PASS |"))
        self.assertNotIn("FAIL", summary)
        self.assertEqual({"verdict": "conforms", "failed-rules": ""}, outputs)

    def test_a_failing_fixture_shows_what_was_expected_and_observed_for_its_failed_rule(self):
        status, summary, outputs = self.run_on("wrong-greeting.json", 1)
        self.assertEqual(0, status)
        self.assertIn("### greeter conformance: does not conform", summary)
        self.assertIn("#### server wrong-greeting: DOES NOT CONFORM", summary)
        row = next(line for line in summary.splitlines() if line.startswith("| 2.2 "))
        self.assertIn("❌ FAIL", row)
        self.assertIn('exactly 24 bytes "Thank you for connecting" before the close', row)
        self.assertIn('received 25 bytes "Thank you for connecting\\\\n" \\(first after', row)
        passed = next(line for line in summary.splitlines() if line.startswith("| 2.1 "))
        self.assertTrue(passed.endswith("| ✅ PASS |  |  |"), passed)
        self.assertEqual({"verdict": "does not conform", "failed-rules": "2.2"}, outputs)

    def test_a_failing_client_lists_its_rule_and_the_rules_skipped_for_it(self):
        _, summary, outputs = self.run_on("client-discards.json", 1)
        self.assertIn("#### client client-discards: DOES NOT CONFORM", summary)
        self.assertIn("| 7.2 Reads a greeting split across segments | ➖ SKIPPED |", summary)
        self.assertEqual("7.1", outputs["failed-rules"])

    def test_several_implementations_each_get_a_table_and_failed_rules_are_listed_once(self):
        _, summary, outputs = self.run_on("two-servers.json", 1)
        self.assertIn("#### server greeter: CONFORMS", summary)
        self.assertIn("#### server wrong-greeting: DOES NOT CONFORM", summary)
        self.assertEqual(2, summary.count("| rule | verdict | expected | observed |"))
        self.assertEqual("2.2", outputs["failed-rules"])

    def test_without_a_report_the_summary_says_not_judged_and_quotes_the_harness(self):
        _, summary, outputs = self.run_on(None, 2, "Checking server x\nconformance: could not pull server image 'x': manifest unknown\n")
        self.assertIn("### greeter conformance: not judged", summary)
        self.assertIn("The harness exited 2 without a report.", summary)
        self.assertIn("conformance: could not pull server image 'x': manifest unknown", summary)
        self.assertEqual({"verdict": "not judged", "failed-rules": ""}, outputs)

    def test_the_exit_status_decides_the_verdict_even_with_a_report(self):
        _, summary, outputs = self.run_on("wrong-greeting.json", 2)
        self.assertIn("### greeter conformance: not judged", summary)
        self.assertEqual("not judged", outputs["verdict"])

    def test_cells_cannot_break_the_table_or_inject_markup(self):
        sys.path.insert(0, HERE)
        import summary
        self.assertEqual("a \\| b &lt;img&gt; \\`x\\` \\[l\\]\\(u\\) c", summary.cell("a | b <img> `x` [l](u)\nc"))
        self.assertEqual(300, len(summary.cell("y" * 1000)))

    def test_a_hostile_implementation_cannot_reach_the_summary_as_markup_or_control(self):
        """The hostile string of the harness's HostileTextTest, as every field an implementation or a shard fills."""
        hostile = ("\x1b[31mred\x1b[0m \x1b]8;;http://evil.example/\x07link\x1b]8;;\x07 \x9b2J \x85 \ufffe\uffff"
                   " \ud800lone\udc00 <script>alert(1)</script> [x](http://evil.example/) ![i](http://evil.example/i.png)"
                   " www.evil.example a@evil.example | `code` ]]> &amp; & \x00\x01\x0b\x0c\x7f\r\nnew line\u202egnp.exe"
                   " *em* _em_ ~~s~~ $x$ # h")
        rule = {"id": "2.2", "title": hostile, "verdict": "FAIL", "expected": hostile, "observed": hostile}
        report = {"specVersion": hostile, "harnessVersion": hostile, "interop": [
                      {"client": hostile, "server": hostile, "verdict": hostile, "observed": hostile}],
                  "implementations": [{"name": hostile, "role": hostile, "image": hostile, "digest": hostile, "conforms": False,
                                       "counts": {hostile: 1, "FAIL": 1}, "rules": [rule, dict(rule, verdict=hostile)]}]}
        report_dir = os.path.join(self.dir, "report")
        os.makedirs(report_dir)
        with open(os.path.join(report_dir, "conformance.json"), "w", encoding="utf-8") as f:
            json.dump(report, f)  # ensure_ascii: lone surrogates travel as \ud800, as the harness never writes them
        done = subprocess.run([sys.executable, SCRIPT, report_dir, "1", "--summary", self.summary, "--outputs", self.outputs],
                              capture_output=True, text=True, check=False)
        self.assertEqual(0, done.returncode, done.stderr)
        with open(self.summary, encoding="utf-8") as f:
            summary = f.read()
        sys.path.insert(0, HERE)
        import summary as script
        self.assertFalse([ch for ch in summary if script.unsafe(ord(ch))], "a control, noncharacter or lone surrogate")
        self.assertNotIn("<", summary, "HTML")
        for link in ("http://", "www.evil", "a@evil"):
            self.assertNotIn(link, summary, "an auto-link")
        for line in summary.splitlines():
            self.assertFalse(line.startswith("new line"), "a line the implementation began")
            unescaped = re.sub(r"\\.", "", line).replace("**", "")
            for syntax in ("[", "](", "`", "*", "_em", "~~", "$x"):
                self.assertNotIn(syntax, unescaped, f"{syntax} in {line}")
            if line.startswith("|"):
                self.assertEqual(5, unescaped.count("|"), line)
        with open(self.outputs, encoding="utf-8") as f:
            self.assertEqual(["verdict=does not conform", "failed-rules=2.2"], f.read().splitlines())

    def test_a_rule_id_that_could_write_another_output_is_refused(self):
        report_dir = os.path.join(self.dir, "report")
        os.makedirs(report_dir)
        with open(os.path.join(report_dir, "conformance.json"), "w", encoding="utf-8") as f:
            json.dump({"implementations": [{"rules": [{"id": "2.2\nverdict=conforms", "verdict": "FAIL"}]}]}, f)
        done = subprocess.run([sys.executable, SCRIPT, report_dir, "1", "--outputs", self.outputs], capture_output=True, text=True,
                              check=False)
        self.assertEqual(2, done.returncode)
        self.assertIn("rule id '2.2\\nverdict=conforms'", done.stderr)
        self.assertFalse(os.path.exists(self.outputs))

    def test_a_file_that_is_not_a_report_is_refused(self):
        report_dir = os.path.join(self.dir, "report")
        os.makedirs(report_dir)
        with open(os.path.join(report_dir, "conformance.json"), "w", encoding="utf-8") as f:
            json.dump({"tests": 3}, f)
        done = subprocess.run([sys.executable, SCRIPT, report_dir, "1"], capture_output=True, text=True, check=False)
        self.assertEqual(2, done.returncode)
        self.assertIn("is not a report of the greeter conformance harness", done.stderr)


if __name__ == "__main__":
    unittest.main()
