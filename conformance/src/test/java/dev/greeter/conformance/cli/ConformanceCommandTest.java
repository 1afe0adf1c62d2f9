package dev.greeter.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeter.conformance.run.Report;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad options are the harness's problem (status 2), reported in one line, before any container starts. */
class ConformanceCommandTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            --port 0                              | '--port': 0 is not a port
            --port x                              | 'x'
            --backlog -1                          | '--backlog': -1
            --greeting=                           | cannot be empty
            --only 9.9                            | '9.9' matches no rule
            --exclude greting                     | 'greting'
            --server s --client-args client       | --client-args given without --client
            --startup-timeout 0                   | '--startup-timeout': 0
            --frobnicate                          | --frobnicate
            --server s --only 7.1                 | nothing would be judged
            --time-scale 0.5                      | '--time-scale': 0.5
            --nofile 8                            | '--nofile': 8
            --memory 1q                           | '1q'
            --cpus 0                              | '--cpus': 0.0
            --expect-failures /nonexistent/x      | cannot read /nonexistent/x
            --server a=x --server a=y             | the name 'a' is given twice
            --server bad/name=x                   | the name before '=' must be
            --parallel 9                          | '--parallel': 9
            --areas-at-once 0                     | '--areas-at-once': 0
            --areas-at-once 9                     | '--areas-at-once': 9
            --repeat 0                            | '--repeat': 0 is not in 1-100
            --repeat 101                          | '--repeat': 101 is not in 1-100
            --repeat twice                        | '--repeat': 'twice'
            --client c --server-args server       | --server-args given without --server
            --transport sctp                      | unknown transport 'sctp'
            --path run/g.sock                     | '--path': 'run/g.sock'
            --transport unix --path /g.sock       | '--path': '/g.sock' is in /
            --path /run/../etc/g.sock             | '--path': '/run/../etc/g.sock' is not written as it resolves
            --path /run/./greeter/g.sock          | '--path': '/run/./greeter/g.sock' is not written as it resolves
            --path /run//g.sock                   | '--path': '/run//g.sock' is not written as it resolves
            "--path /run/g\n.sock"               | '--path': '/run/g\\x0a.sock' has a control character
            --path /etc/g.sock                    | '--path': '/etc/g.sock' is in /etc
            --path /usr/lib/greeter/g.sock        | '--path': '/usr/lib/greeter/g.sock' is in /usr
            --path /proc/self/g.sock              | '--path': '/proc/self/g.sock' is in /proc
            --path /probe/g.sock                  | '--path': '/probe/g.sock' is in /probe
            --path /run/g.sock                    | '--path': '/run/g.sock' is in /run, which the harness mounts itself
            --path /tmp/g.sock                    | '--path': '/tmp/g.sock' is in /tmp, which the harness mounts itself
            --memory 17179869185g                 | '--memory': '17179869185g' is not between 6m and 1024g
            --memory 999999999999k                | '--memory': '999999999999k' is not between 6m and 1024g
            --memory 9999999999999                | '--memory': '9999999999999' is not a size
            --port 4294967297                     | '--port': '4294967297'
            --pids-limit 99999999999999999999     | '--pids-limit': '99999999999999999999'
            --nofile 4294967360                   | '--nofile': '4294967360'
            --startup-timeout 4294967306          | '--startup-timeout': '4294967306'
            --cpus 1e400                          | '--cpus': Infinity
            --server-build /nonexistent/dir       | '--server-build': '/nonexistent/dir' is not a directory
            --client-build /nonexistent/dir       | '--client-build': '/nonexistent/dir' is not a directory
            --server-build src                    | '--server-build': 'src' has no Dockerfile
            --server-build lesson=src             | '--server-build': 'src' has no Dockerfile
            --server s --server-build src         | --server and --server-build are mutually exclusive
            --client c --client-build src         | --client and --client-build are mutually exclusive
            merge                                 | DIR
            merge /nonexistent/run                | /nonexistent/run holds no conformance.json
            merge --mark x /nonexistent/run       | /nonexistent/run holds no conformance.json
            """)
    void badOptionsExitWithTheHarnessStatusAndOneLine(String args, String named) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = ConformanceCommand.run(new PrintWriter(out), new PrintWriter(err), args.split(" "));
        assertThat(status).isEqualTo(Report.HARNESS_BROKE);
        assertThat(err.toString().strip()).contains(named).doesNotContain("\n");
        assertThat(out.toString()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aValueWithTerminalControlsIsShownEscapedNeverObeyed() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = ConformanceCommand.run(new PrintWriter(out), new PrintWriter(err), "--port", "1\u001b]0;pwned\u0007\u009b2J");
        assertThat(status).isEqualTo(Report.HARNESS_BROKE);
        assertThat(err.toString().strip()).contains("--port").doesNotContain("\n", "\u001b", "\u0007", "\u009b");
    }
}
