package dev.greeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static final List<Option> OPTIONS = List.of(
            new Option("--port", "PORT", "40674", "port"),
            new Option("--greeting", "TEXT", "Thank you for connecting", "greeting"));

    private static Arguments parse(String... args) {
        return Arguments.parse(OPTIONS, args, 1);
    }

    @Test
    void aValueComesAfterASpaceOrAnEqualsSign() {
        assertThat(parse("server", "--port", "7").intValue("--port")).isEqualTo(7);
        assertThat(parse("server", "--port=7").intValue("--port")).isEqualTo(7);
        assertThat(parse("server", "--greeting=a=b").value("--greeting")).as("only the first = splits").isEqualTo("a=b");
        assertThat(parse("server", "--greeting", "").value("--greeting")).as("an empty value is a value").isEmpty();
    }

    @Test
    void anAbsentOptionHasItsDefault() {
        Arguments arguments = parse("server");
        assertThat(arguments.intValue("--port")).isEqualTo(40674);
        assertThat(arguments.value("--greeting")).isEqualTo("Thank you for connecting");
        assertThat(arguments.request()).isEqualTo(Arguments.Request.RUN);
    }

    @Test
    void aValueMayLookLikeAnOptionUnlessItIsOne() {
        assertThat(parse("server", "--greeting", "-x").value("--greeting")).isEqualTo("-x");
        assertThat(parse("server", "--port", "-1").intValue("--port")).as("checked later as a port").isEqualTo(-1);
        assertThatThrownBy(() -> parse("server", "--greeting", "--port=5"))
                .hasMessage("Missing required parameter for option '--greeting' (TEXT)");
        assertThatThrownBy(() -> parse("server", "--greeting", "-h"))
                .hasMessage("Missing required parameter for option '--greeting' (TEXT)");
    }

    @Test
    void helpWinsOverVersionWhereverEitherIs() {
        assertThat(parse("server", "--port", "1", "-V").request()).isEqualTo(Arguments.Request.VERSION);
        assertThat(parse("server", "-V", "--help").request()).isEqualTo(Arguments.Request.HELP);
        assertThat(parse("server", "-h", "--version").request()).isEqualTo(Arguments.Request.HELP);
    }

    @Test
    void errorsNameTheArgumentAndItsIndexInTheWholeCommandLine() {
        assertThatThrownBy(() -> parse("server", "--port", "1", "stray")).hasMessage("Unmatched argument at index 3: 'stray'");
        assertThatThrownBy(() -> parse("server", "--prot=1")).hasMessage("Unknown option: '--prot'");
        assertThatThrownBy(() -> parse("server", "-")).as("a lone dash is an argument, not an option")
                .hasMessage("Unmatched argument at index 1: '-'");
        assertThatThrownBy(() -> parse("server", "--port", "x").intValue("--port"))
                .hasMessage("Invalid value for option '--port': 'x' is not an int");
    }

    @Test
    void everyHelpLineFitsEightyColumns() {
        for (String[] args : new String[][] {{"--help"}, {"server", "--help"}, {"client", "--help"}}) {
            StringWriter out = new StringWriter();
            GreeterCommand.run(new PrintWriter(out), new PrintWriter(new StringWriter()), args);
            assertThat(out.toString().lines()).as(String.join(" ", args)).isNotEmpty()
                    .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(Help.WIDTH));
        }
    }
}
