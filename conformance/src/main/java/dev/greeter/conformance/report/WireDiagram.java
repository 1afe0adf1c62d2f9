package dev.greeter.conformance.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule's wire trace as a static SVG sequence diagram: the client's and the server's lifelines, an arrow
 * per SYN, SYN-ACK, data (byte count and a quoted preview), FIN or RST, the time offset of each on the
 * left, and the trace's other lines as notes. It reads the lines the probe writes ({@code WireTrace}:
 * {@code "+   12 ms  -> SYN to host:port"}, {@code "<- 24 bytes \"...\""}, ...) and the checks' own
 * lines around them. Every piece of text is escaped; the drawing has no script, link or external reference.
 */
final class WireDiagram {

    private static final Pattern TIMED = Pattern.compile("^\\+\\s*(\\d+) ms\\s+(.*)$");
    private static final Pattern DATA = Pattern.compile("^(\\d+) bytes (\".*)$");
    private static final int WIDTH = 640;
    private static final int CLIENT_X = 150;
    private static final int SERVER_X = 560;
    private static final int TOP = 34;
    private static final int ROW = 22;
    private static final int PREVIEW = 30;
    private static final int NOTE = 78;

    /** One row of the diagram: an arrow (toServer set) or a note (toServer null). */
    record Event(String time, Boolean toServer, String label, String kind, String full) {
    }

    private WireDiagram() {
    }

    static List<Event> parse(List<String> trace) {
        List<Event> events = new ArrayList<>();
        for (String line : trace) {
            String time = "";
            String text = line.strip();
            Matcher m = TIMED.matcher(text);
            if (m.matches()) {
                time = "+" + m.group(1) + " ms";
                text = m.group(2).strip();
            }
            events.add(event(time, text, line.strip()));
        }
        return events;
    }

    private static Event event(String time, String text, String full) {
        boolean out = text.startsWith("-> ");
        boolean in = text.startsWith("<- ");
        if (!out && !in) {
            return new Event(time, null, cut(text, NOTE), "note", full);
        }
        String what = text.substring(3).strip();
        Matcher data = DATA.matcher(what);
        if (data.matches()) {
            return new Event(time, out, data.group(1) + " bytes " + cut(data.group(2), PREVIEW), "data", full);
        }
        if (what.startsWith("SYN-ACK")) {
            return new Event(time, out, "SYN-ACK", "syn", full);
        }
        if (what.startsWith("SYN")) {
            return new Event(time, out, "SYN", "syn", full);
        }
        if (what.startsWith("FIN")) {
            return new Event(time, out, "FIN", "fin", full);
        }
        if (what.startsWith("RST")) {
            String why = what.length() > 3 ? what.substring(3).replaceFirst("^[:\\s]+", "") : "";
            return new Event(time, out, "RST" + (why.isEmpty() ? "" : " (" + cut(why, 36) + ")"), "rst", full);
        }
        if (what.startsWith("first byte")) {
            return new Event(time, out, "first bytes " + cut(what.substring("first byte".length()).strip(), PREVIEW), "data", full);
        }
        if (what.startsWith("sending")) {
            return new Event(time, out, cut(what, 44), "rst", full);
        }
        return new Event(time, out, cut(what, 44), "data", full);
    }

    /**
     * The diagram, or a line saying there is no trace.
     *
     * @param implementationIsServer whether the server lifeline is the implementation under test (else the client is)
     */
    static String svg(List<String> trace, boolean implementationIsServer) {
        if (trace.isEmpty()) {
            return "<p class=\"notrace\">No wire trace for this rule.</p>";
        }
        List<Event> events = parse(trace);
        int height = TOP + events.size() * ROW + 8;
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"wire\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" role=\"img\" aria-label=\"wire trace, ")
                .append(events.size()).append(" events\">");
        s.append("<title>wire trace: ").append(Text.html(String.join(" | ", trace))).append("</title>");
        lifeline(s, CLIENT_X, implementationIsServer ? "client (harness probe)" : "client (under test)", height);
        lifeline(s, SERVER_X, implementationIsServer ? "server (under test)" : "server (harness probe)", height);
        int y = TOP;
        for (Event e : events) {
            y += ROW;
            int baseline = y - 4;
            if (!e.time().isEmpty()) {
                s.append("<text class=\"t\" x=\"58\" y=\"").append(baseline).append("\" text-anchor=\"end\">").append(Text.html(e.time()))
                        .append("</text>");
            }
            if (e.toServer() == null) {
                s.append("<text class=\"note\" x=\"").append((CLIENT_X + SERVER_X) / 2).append("\" y=\"").append(baseline)
                        .append("\" text-anchor=\"middle\"><title>").append(Text.html(e.full())).append("</title>")
                        .append(Text.html(e.label())).append("</text>");
                continue;
            }
            int from = e.toServer() ? CLIENT_X : SERVER_X;
            int to = e.toServer() ? SERVER_X : CLIENT_X;
            int dir = e.toServer() ? 1 : -1;
            int line = y - 2;
            s.append("<g class=\"msg ").append(e.kind()).append("\"><title>").append(Text.html(e.full())).append("</title>");
            s.append("<line x1=\"").append(from).append("\" y1=\"").append(line).append("\" x2=\"").append(to - dir * 7)
                    .append("\" y2=\"").append(line).append("\"/>");
            s.append("<polygon points=\"").append(to).append(',').append(line).append(' ').append(to - dir * 8).append(',')
                    .append(line - 4).append(' ').append(to - dir * 8).append(',').append(line + 4).append("\"/>");
            s.append("<text x=\"").append((CLIENT_X + SERVER_X) / 2).append("\" y=\"").append(line - 4)
                    .append("\" text-anchor=\"middle\">").append(Text.html(e.label())).append("</text></g>");
        }
        return s.append("</svg>").toString();
    }

    private static void lifeline(StringBuilder s, int x, String name, int height) {
        s.append("<g class=\"life\"><rect x=\"").append(x - 80).append("\" y=\"2\" width=\"160\" height=\"20\" rx=\"3\"/>")
                .append("<text x=\"").append(x).append("\" y=\"16\" text-anchor=\"middle\">").append(Text.html(name)).append("</text>")
                .append("<line x1=\"").append(x).append("\" y1=\"22\" x2=\"").append(x).append("\" y2=\"").append(height - 2)
                .append("\"/></g>");
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
