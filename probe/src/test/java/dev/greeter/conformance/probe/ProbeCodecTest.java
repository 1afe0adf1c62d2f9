package dev.greeter.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeter.conformance.probe.ProbeCodec.MalformedMessageException;
import dev.greeter.conformance.probe.ProbeCodec.Message;
import dev.greeter.conformance.probe.ProbeReply.End;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.probe.ProbeReply.Outcome;
import dev.greeter.conformance.probe.ProbeRequest.ClientAction;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProbeCodecTest {

    private static final String P = ProbeCodec.PREFIX;

    private static final ExchangeResult RESULT = new ExchangeResult(Outcome.CONNECTED, "Hello, World!\n".getBytes(),
            End.FIN, 3, 5, 7, List.of("+    0 ms  -> SYN", "+    3 ms  <- \"\u00e9\\x00\" \u0000\u2028"), null);

    /** Hand-made messages with the values that matter: empty and odd bytes, nulls, nesting, lists of records. */
    static Stream<Arguments> examples() {
        return Stream.of(
                new ProbeRequest.Hello(ProbeCodec.PROTOCOL),
                new ProbeRequest.ListenState(-1),
                new ProbeRequest.Exchange("::1", 40674, 2000, 3000, ClientAction.SEND_THEN_READ, new byte[] {0, -1, 10, 13, 27}, true),
                new ProbeRequest.Exchange("127.0.0.1", 40674, 1, 1, ClientAction.READ, new byte[0], false),
                new ProbeRequest.Series(new ProbeRequest.Exchange("h", 1, 2, 3, ClientAction.RESET_AT_ONCE, new byte[0], true), 50),
                new ProbeRequest.Open("server-under-test-1", 40674, 500, 60, "hello\r\n".getBytes()),
                new ProbeRequest.Drain(Integer.MAX_VALUE, true),
                new ProbeRequest.Serve(40674, ProbeRequest.ServeMode.SPLIT, "Hi\n".getBytes(), 3, 150),
                new ProbeRequest.StopServing(),
                new ProbeRequest.Reset(),
                new ProbeRequest.StartCapture(4 << 20),
                new ProbeRequest.StopCapture(),
                new ProbeRequest.CaptureSoFar(),
                new ProbeRequest.CaptureBytes(1 << 20, 1 << 20),
                new ProbeReply.CaptureState(12, 4096, 3, ""),
                new ProbeReply.CaptureData(new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1}, 4096),
                new ProbeReply.Ready(ProbeCodec.PROTOCOL),
                new ProbeReply.Listeners(List.of(new ProbeReply.Listener("0.0.0.0", 40674, 2, false, 91234L),
                        new ProbeReply.Listener("::", 40674, 0, true, 1L)), 4096, 2),
                new ProbeReply.Listeners(List.of(), 128, 70000),
                RESULT,
                new ExchangeResult(Outcome.ERROR, new byte[0], End.NOT_CONNECTED, -1, -1, -1, List.of(), "java.net.NoRouteToHostException"),
                new ProbeReply.SeriesResult(49, RESULT),
                new ProbeReply.SeriesResult(0, null),
                new ProbeReply.Opened(List.of(Outcome.CONNECTED, Outcome.TIMEOUT), List.of(1L, Long.MAX_VALUE)),
                new ProbeReply.Drained(List.of(RESULT, RESULT)),
                new ProbeReply.ServeReport(1, 7, "GET /\r\n".getBytes(), List.of("a", "")),
                new ProbeReply.Done(),
                new ProbeReply.Failed("Exchange: java.io.IOException: \"quoted\"\nsecond line"),
                new ProbeRequest.UdpState(40674),
                new ProbeRequest.Ipv6Sealed(List.of("fd7e:1a2b:3c4d:5:0:0:0:2")),
                new ProbeRequest.Ipv6Sealed(List.of()),
                new ProbeReply.Ipv6Routes(List.of("0:0:0:0:0:0:0:0/0 dev eth0"), List.of("0:0:0:0:0:0:0:0/0 dev eth0")),
                new ProbeRequest.UdpRound("server-under-test-2", 40674, List.of(
                        new ProbeRequest.UdpPeer(List.of(65507, 0, 1), true, false, false, 0),
                        new ProbeRequest.UdpPeer(List.of(1200), false, true, true, 1)), 2000, 300, Long.MIN_VALUE),
                new ProbeRequest.UdpSend("::1", 1, List.of(), -1),
                new ProbeRequest.UdpCollect(0, Integer.MAX_VALUE),
                new ProbeRequest.ServeUdp(40674, ProbeRequest.DatagramServeMode.DECOY, new byte[0], null),
                new ProbeReply.UdpRoundResult(List.of(new ProbeReply.UdpPeerResult(50000, 12345, 809_000_000L, List.of(
                        new ProbeReply.Datagram("0:0:0:0:0:0:0:1", 40674, 65507, new byte[] {0, -1}, 3)), false, null),
                        new ProbeReply.UdpPeerResult(1, 0, 0, List.of(), true, "java.io.IOException")), List.of("<- peer 1")),
                new ProbeReply.DatagramServeReport(2, 0, List.of(1200, 0), List.of()),
                new ProbeRequest.UnixState("/run/greeter/greeter.sock"),
                new ProbeRequest.UnixExchange("/run/greeter/a b\u00e9.sock", 2000, false),
                new ProbeRequest.UnixOpen("/run/greeter/greeter.sock", 8, new byte[0]),
                new ProbeRequest.UnixDrain(2800, false),
                new ProbeRequest.UnixServe("/run/greeter/greeter.sock", ProbeRequest.UnixServeMode.STALE, new byte[0]),
                new ProbeReply.UnixSockets(List.of(new ProbeReply.UnixSocket("/run/greeter/greeter.sock", 4375222L, true),
                        new ProbeReply.UnixSocket("@abstract", 1L, false)), ProbeReply.FileKind.SOCKET, List.of(), 0, 4096),
                new ProbeReply.Opened(List.of(Outcome.CONNECTED, Outcome.QUEUE_FULL), List.of(0L, 1L))
        ).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void examplesRoundTrip(Record message) {
        assertRoundTrip(message);
    }

    /** Every request and reply type, present and future, with a value for each component: no codec change for a new one. */
    @Test
    void everyRequestAndReplyTypeRoundTrips() {
        for (Class<?> root : List.of(ProbeRequest.class, ProbeReply.class)) {
            for (Class<?> type : root.getPermittedSubclasses()) {
                assertRoundTrip((Record) sample(type, 0));
            }
        }
    }

    /** Components the probe types do not use yet: a sealed interface, lists of them, lists of lists. */
    sealed interface Shape {
    }

    record Circle(int radius, String label) implements Shape {
    }

    record Group(List<Shape> members, Shape first, List<List<Integer>> grid, List<byte[]> blobs, Shape none) implements Shape {
    }

    @Test
    void sealedComponentsAndNestedListsRoundTrip() throws Exception {
        Group group = new Group(List.of(new Circle(1, null), new Group(List.of(), new Circle(2, "b"), List.of(), List.of(), null)),
                new Circle(3, "c"), List.of(List.of(1, 2), List.of()), List.of(new byte[] {1}, new byte[0]), null);
        String line = ProbeCodec.encode(Shape.class, 1, group);
        assertThat(line).contains("\"first\":{\"type\":\"Circle\",\"body\":{\"radius\":3,\"label\":\"c\"}}");
        assertThat(ProbeCodec.decode(Shape.class, line).body()).usingRecursiveComparison().isEqualTo(group);
        assertThatThrownBy(() -> ProbeCodec.decode(Shape.class, line.replace("\"type\":\"Circle\"", "\"type\":\"Square\"")))
                .hasMessageContaining("Group.members[0]: unknown type \"Square\" (a Shape is one of Circle, Group)");
        assertThatThrownBy(() -> ProbeCodec.decode(Shape.class, line.replace("\"body\":{\"radius\":3,\"label\":\"c\"}", "\"body\":{\"radius\":3,\"label\":\"c\"},\"x\":1")))
                .hasMessageContaining("Group.first: unknown member \"x\"");
    }

    @Test
    void aLineIsTheProtocolPrefixAndOneJsonObjectInPrintableAscii() {
        String line = ProbeCodec.encode(ProbeReply.class, 42, RESULT);
        assertThat(line).startsWith(P + "{\"id\":42,\"type\":\"ExchangeResult\",\"body\":{\"outcome\":\"CONNECTED\","
                + "\"received\":\"SGVsbG8sIFdvcmxkIQo=\",\"end\":\"FIN\",");
        assertThat(line).endsWith(",\"error\":null}}");
        assertThat(line.chars()).allMatch(c -> c >= 32 && c <= 126);
    }

    @Test
    void unixMessagesAreReadStrictly() throws Exception {
        Message<ProbeReply> m = ProbeCodec.decode(ProbeReply.class, P + "{\"id\":3,\"type\":\"UnixSockets\",\"body\":{\"sockets\":"
                + "[{\"path\":\"/run/greeter/greeter.sock\",\"inode\":77,\"listening\":true}],\"file\":\"SOCKET\",\"listening\":[],"
                + "\"listeningCount\":0,\"somaxconn\":4096}}");
        assertThat(m.body()).isEqualTo(new ProbeReply.UnixSockets(List.of(new ProbeReply.UnixSocket("/run/greeter/greeter.sock", 77, true)),
                ProbeReply.FileKind.SOCKET, List.of(), 0, 4096));
        assertThatThrownBy(() -> ProbeCodec.decode(ProbeReply.class, P + "{\"id\":3,\"type\":\"UnixSockets\",\"body\":{\"sockets\":[],"
                + "\"file\":\"FIFO\",\"listening\":[],\"listeningCount\":0,\"somaxconn\":1}}"))
                .hasMessageContaining("UnixSockets.file: \"FIFO\" is not a FileKind (one of NONE, SOCKET, OTHER)");
        assertThatThrownBy(() -> ProbeCodec.decode(ProbeRequest.class, P + "{\"id\":4,\"type\":\"UnixServe\",\"body\":{\"path\":\"/p\","
                + "\"mode\":\"GREET\"}}"))
                .hasMessageContaining("UnixServe: missing member \"greeting\"");
    }

    @Test
    void theReplyIdIsWhatTheLineCarries() throws Exception {
        Message<ProbeRequest> m = ProbeCodec.decode(ProbeRequest.class, P + "{\"id\":9,\"type\":\"StopServing\",\"body\":{}}");
        assertThat(m.id()).isEqualTo(9);
        assertThat(m.body()).isEqualTo(new ProbeRequest.StopServing());
    }

    @Test
    void whitespaceBetweenTokensIsJson() throws Exception {
        Message<ProbeRequest> m = ProbeCodec.decode(ProbeRequest.class,
                P + " { \"id\" : 1 , \"type\" : \"ListenState\" , \"body\" : { \"port\" : 40674 } } ");
        assertThat(m.body()).isEqualTo(new ProbeRequest.ListenState(40674));
    }

    static Stream<Arguments> malformed() {
        String exchange = "\"host\":\"h\",\"port\":1,\"connectTimeoutMs\":2,\"boundMs\":3,\"action\":\"READ\",\"sendFirst\":\"\",\"stopAtData\":false";
        return Stream.of(
                Arguments.of("no prefix", "{\"id\":1,\"type\":\"StopServing\",\"body\":{}}", "not a protocol line"),
                Arguments.of("other version", "greeter-probe/1 {\"id\":1,\"type\":\"StopServing\",\"body\":{}}", "not a protocol line"),
                Arguments.of("not json", P + "hello", "not JSON: unexpected 'h' at character 1"),
                Arguments.of("empty", P, "not JSON: unexpected end of text"),
                Arguments.of("trailing garbage", P + "{\"id\":1,\"type\":\"StopServing\",\"body\":{}} x", "trailing text"),
                Arguments.of("two objects", P + "{\"id\":1,\"type\":\"StopServing\",\"body\":{}}{}", "trailing text"),
                Arguments.of("not an object", P + "[1]", "a message is a JSON object, got an array"),
                Arguments.of("unterminated", P + "{\"id\":1,\"type\":\"StopServing\",\"body\":{}", "expected ',' or '}'"),
                Arguments.of("trailing comma", P + "{\"id\":1,\"type\":\"StopServing\",\"body\":{},}", "expected a member name"),
                Arguments.of("duplicate member", P + "{\"id\":1,\"id\":1,\"type\":\"StopServing\",\"body\":{}}", "duplicate member \"id\""),
                Arguments.of("unknown type", P + "{\"id\":1,\"type\":\"Shutdown\",\"body\":{}}", "unknown type \"Shutdown\""),
                Arguments.of("reply type as request", P + "{\"id\":1,\"type\":\"Done\",\"body\":{}}", "unknown type \"Done\""),
                Arguments.of("type not a string", P + "{\"id\":1,\"type\":7,\"body\":{}}", "ProbeRequest.type: expected a string, got a number"),
                Arguments.of("unknown envelope member", P + "{\"id\":1,\"type\":\"StopServing\",\"body\":{},\"x\":1}", "unknown member \"x\""),
                Arguments.of("missing id", P + "{\"type\":\"StopServing\",\"body\":{}}", "missing member \"id\""),
                Arguments.of("missing body", P + "{\"id\":1,\"type\":\"StopServing\"}", "missing member \"body\""),
                Arguments.of("null body", P + "{\"id\":1,\"type\":\"StopServing\",\"body\":null}", "StopServing: expected an object, got null"),
                Arguments.of("negative id", P + "{\"id\":-1,\"type\":\"StopServing\",\"body\":{}}", "id: negative"),
                Arguments.of("unknown member", P + "{\"id\":1,\"type\":\"ListenState\",\"body\":{\"port\":1,\"all\":true}}",
                        "ListenState: unknown member \"all\""),
                Arguments.of("missing member", P + "{\"id\":1,\"type\":\"ListenState\",\"body\":{}}", "ListenState: missing member \"port\""),
                Arguments.of("string for int", P + "{\"id\":1,\"type\":\"ListenState\",\"body\":{\"port\":\"1\"}}",
                        "ListenState.port: expected an integer, got a string"),
                Arguments.of("fraction for int", P + "{\"id\":1,\"type\":\"ListenState\",\"body\":{\"port\":1.0}}",
                        "ListenState.port: expected an integer, got 1.0"),
                Arguments.of("exponent for int", P + "{\"id\":1,\"type\":\"ListenState\",\"body\":{\"port\":1e3}}",
                        "ListenState.port: expected an integer, got 1e3"),
                Arguments.of("int out of range", P + "{\"id\":1,\"type\":\"ListenState\",\"body\":{\"port\":2147483648}}",
                        "ListenState.port: 2147483648 is out of range for an int"),
                Arguments.of("long out of range", P + "{\"id\":99999999999999999999,\"type\":\"StopServing\",\"body\":{}}",
                        "id: 99999999999999999999 is out of range for a long"),
                Arguments.of("leading zero", P + "{\"id\":01,\"type\":\"StopServing\",\"body\":{}}", "expected ',' or '}'"),
                Arguments.of("null for int", P + "{\"id\":1,\"type\":\"ListenState\",\"body\":{\"port\":null}}",
                        "ListenState.port: expected an integer, got null"),
                Arguments.of("number for boolean", P + "{\"id\":1,\"type\":\"Drain\",\"body\":{\"boundMs\":1,\"stopAtData\":1}}",
                        "Drain.stopAtData: expected true or false, got a number"),
                Arguments.of("string for boolean", P + "{\"id\":1,\"type\":\"Drain\",\"body\":{\"boundMs\":1,\"stopAtData\":\"true\"}}",
                        "Drain.stopAtData: expected true or false, got a string"),
                Arguments.of("number for string", P + "{\"id\":1,\"type\":\"Hello\",\"body\":{\"protocol\":2}}",
                        "Hello.protocol: expected a string, got a number"),
                Arguments.of("object for record", P + "{\"id\":1,\"type\":\"Series\",\"body\":{\"exchange\":[],\"times\":1}}",
                        "Series.exchange: expected an object, got an array"),
                Arguments.of("nested unknown member", P + "{\"id\":1,\"type\":\"Series\",\"body\":{\"exchange\":{" + exchange
                        + ",\"extra\":0},\"times\":1}}", "Series.exchange: unknown member \"extra\""),
                Arguments.of("bad enum constant", P + "{\"id\":1,\"type\":\"Exchange\",\"body\":{"
                        + exchange.replace("\"READ\"", "\"WRITE\"") + "}}", "Exchange.action: \"WRITE\" is not a ClientAction"),
                Arguments.of("enum constant in lower case", P + "{\"id\":1,\"type\":\"Exchange\",\"body\":{"
                        + exchange.replace("\"READ\"", "\"read\"") + "}}", "Exchange.action: \"read\" is not a ClientAction"),
                Arguments.of("bad base64 character", P + "{\"id\":1,\"type\":\"Exchange\",\"body\":{"
                        + exchange.replace("\"sendFirst\":\"\"", "\"sendFirst\":\"SGk*\"") + "}}", "Exchange.sendFirst: bad base64"),
                Arguments.of("unpadded base64", P + "{\"id\":1,\"type\":\"Exchange\",\"body\":{"
                        + exchange.replace("\"sendFirst\":\"\"", "\"sendFirst\":\"SGk\"") + "}}", "Exchange.sendFirst: bad base64: not in canonical"),
                Arguments.of("base64 with a line break", P + "{\"id\":1,\"type\":\"Exchange\",\"body\":{"
                        + exchange.replace("\"sendFirst\":\"\"", "\"sendFirst\":\"SG\\nk=\"") + "}}", "Exchange.sendFirst: bad base64"),
                Arguments.of("array for base64", P + "{\"id\":1,\"type\":\"Exchange\",\"body\":{"
                        + exchange.replace("\"sendFirst\":\"\"", "\"sendFirst\":[72]") + "}}", "Exchange.sendFirst: expected a string, got an array"),
                Arguments.of("raw control character", P + "{\"id\":1,\"type\":\"Hello\",\"body\":{\"protocol\":\"a\u001bb\"}}",
                        "raw character \\u001b in a string"),
                Arguments.of("raw non-ascii", P + "{\"id\":1,\"type\":\"Hello\",\"body\":{\"protocol\":\"\u00e9\"}}",
                        "raw character \\u00e9 in a string"),
                Arguments.of("bad escape", P + "{\"id\":1,\"type\":\"Hello\",\"body\":{\"protocol\":\"\\x41\"}}", "bad escape \\'x'"),
                Arguments.of("short unicode escape", P + "{\"id\":1,\"type\":\"Hello\",\"body\":{\"protocol\":\"\\u41\"}}", "bad \\u escape"),
                Arguments.of("too deep", P + "[".repeat(100) + "]".repeat(100), "nested deeper than"),
                Arguments.of("over-long line", P + "{\"id\":1,\"type\":\"Hello\",\"body\":{\"protocol\":\"" + "a".repeat(ProbeCodec.MAX_LINE_BYTES) + "\"}}",
                        "is over the limit of 4194304"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedRequestsAreRejectedSayingWhy(String name, String line, String why) {
        assertThatThrownBy(() -> ProbeCodec.decode(ProbeRequest.class, line))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(why);
    }

    @Test
    void aRejectedLineStillNamesItsIdWhenTheEnvelopeCouldBeRead() {
        assertThatThrownBy(() -> ProbeCodec.decode(ProbeRequest.class, P + "{\"id\":12,\"type\":\"ListenState\",\"body\":{}}"))
                .isInstanceOfSatisfying(MalformedMessageException.class, e -> assertThat(e.id()).isEqualTo(12));
        assertThatThrownBy(() -> ProbeCodec.decode(ProbeRequest.class, P + "{\"id\":12,"))
                .isInstanceOfSatisfying(MalformedMessageException.class, e -> assertThat(e.id()).isZero());
    }

    @Test
    void malformedRepliesAreRejectedToo() {
        assertThatThrownBy(() -> ProbeCodec.decode(ProbeReply.class,
                P + "{\"id\":1,\"type\":\"Opened\",\"body\":{\"attempts\":[\"CONNECTED\",null],\"millis\":[1,2]}}"))
                .hasMessageContaining("Opened.attempts[1]: null in a list");
        assertThatThrownBy(() -> ProbeCodec.decode(ProbeReply.class,
                P + "{\"id\":1,\"type\":\"Opened\",\"body\":{\"attempts\":[],\"millis\":[1,\"2\"]}}"))
                .hasMessageContaining("Opened.millis[1]: expected an integer, got a string");
        assertThatThrownBy(() -> ProbeCodec.decode(ProbeReply.class,
                P + "{\"id\":1,\"type\":\"Opened\",\"body\":{\"attempts\":{},\"millis\":[]}}"))
                .hasMessageContaining("Opened.attempts: expected an array, got an object");
        assertThatThrownBy(() -> ProbeCodec.decode(ProbeReply.class, P + "{\"id\":1,\"type\":\"ListenState\",\"body\":{\"port\":1}}"))
                .hasMessageContaining("unknown type \"ListenState\"");
    }

    @Test
    void encodingRefusesWhatItCouldNotReadBack() {
        assertThatThrownBy(() -> ProbeCodec.encode(ProbeReply.class, 1, new ProbeReply.ServeReport(0, 0, new byte[0], Arrays.asList("a", null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null in a list");
        assertThatThrownBy(() -> ProbeCodec.encode(ProbeReply.class, 1, new ProbeReply.Failed("x".repeat(ProbeCodec.MAX_LINE_BYTES))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("over the protocol's line limit");
    }

    // ---- helpers ----

    private static void assertRoundTrip(Record message) {
        Class<?> root = message instanceof ProbeRequest ? ProbeRequest.class : ProbeReply.class;
        String line = encode(root, 7, message);
        Message<?> back;
        try {
            back = ProbeCodec.decode(root, line);
        } catch (MalformedMessageException e) {
            throw new AssertionError(line + ": " + e.getMessage(), e);
        }
        assertThat(back.id()).isEqualTo(7);
        assertThat(back.body()).as(line).usingRecursiveComparison().isEqualTo(message);
        assertThat(encode(root, 7, back.body())).isEqualTo(line);
        assertThat(line).doesNotContain("\n", "\r");
    }

    @SuppressWarnings("unchecked")
    private static <S> String encode(Class<S> root, long id, Object message) {
        return ProbeCodec.encode(root, id, (S) message);
    }

    /** A value of any type the protocol carries, different for different {@code seed}s. */
    private static Object sample(Type type, int seed) {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            Type element = p.getActualTypeArguments()[0];
            return List.of(sample(element, seed + 1), sample(element, seed + 2));
        }
        Class<?> c = (Class<?>) type;
        if (c == int.class || c == Integer.class) {
            return seed % 2 == 0 ? Integer.MIN_VALUE + seed : Integer.MAX_VALUE - seed;
        } else if (c == long.class || c == Long.class) {
            return Long.MAX_VALUE - seed;
        } else if (c == boolean.class || c == Boolean.class) {
            return seed % 2 == 0;
        } else if (c == String.class) {
            return "s" + seed + " \"\\\u0000\n\u00ff\u20ac\ud83d\ude00";
        } else if (c == byte[].class) {
            return new byte[] {(byte) seed, 0, -1, '\n'};
        } else if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[seed % constants.length];
        } else if (c.isRecord()) {
            RecordComponent[] components = c.getRecordComponents();
            Object[] args = new Object[components.length];
            List<Class<?>> types = new ArrayList<>();
            for (int i = 0; i < components.length; i++) {
                args[i] = sample(components[i].getGenericType(), seed + i + 1);
                types.add(components[i].getType());
            }
            try {
                return c.getDeclaredConstructor(types.toArray(Class<?>[]::new)).newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        } else if (c.isSealed()) {
            return sample(c.getPermittedSubclasses()[seed % c.getPermittedSubclasses().length], seed);
        }
        throw new AssertionError("no sample for " + c);
    }
}
