package dev.greeter.conformance.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** With no image named, our image is judged on the run's transport and declarations: it is told them, as a user would. */
class OwnImageArgsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --only=binding                                  | ''                                         | client
            --transport=udp                                 | server --transport udp                     | client --transport udp
            --transport=unix                                | server --transport unix                    | client --transport unix
            --transport=unix --path=/srv/g/s.sock           | server --transport unix --path /srv/g/s.sock | client --transport unix --path /srv/g/s.sock
            --port=5555 --backlog=9                         | server --port 5555 --backlog 9             | client --port 5555
            --transport=udp --port=5555 --backlog=9         | server --transport udp --port 5555         | client --transport udp --port 5555
            """)
    void ourImageIsToldTheTransportAndWhatDiffersFromTheDefaults(String options, String server, String client) {
        Plan plan = Options.plan(options.split(" "));
        assertThat(plan.implementations()).extracting(Implementation::args).as(options)
                .containsExactly(words(server), words(client));
    }

    @org.junit.jupiter.api.Test
    void aGreetingWithSpacesIsOneArgument() {
        Plan plan = Options.plan("--greeting=Hello there");
        assertThat(plan.implementations().get(0).args()).containsExactly("server", "--greeting", "Hello there");
    }

    @org.junit.jupiter.api.Test
    void severalTransportsWithoutImagesAreRefusedRatherThanJudgedWrongly() {
        assertThatThrownBy(() -> Options.plan("--transport=tcp,udp")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one transport a process").hasMessageNotContaining("\n");
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.split(" "));
    }
}
