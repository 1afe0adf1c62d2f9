package dev.greeter.conformance.spec;

import java.util.List;

/**
 * The areas of SPEC.md, each a section of rules; the number is the section (rule 2.3 is in area 2).
 * An area's prerequisites are rules whose failure leaves the whole area with one answer already given:
 * a server that never listens (1.1) or greets nobody unprompted (2.1) cannot be asked whether it
 * serves concurrent clients. The runner applies them; a check never skips itself.
 */
public enum Area {
    BINDING(1, "Binding", Role.SERVER, Transport.TCP),
    GREETING(2, "Greeting", Role.SERVER, Transport.TCP, "1.1"),
    CONCURRENCY(3, "Concurrency", Role.SERVER, Transport.TCP, "1.1", "2.1"),
    BACKLOG(4, "Backlog", Role.SERVER, Transport.TCP, "1.1", "2.1"),
    REFUSED(5, "Refused", Role.SERVER, Transport.TCP, "1.1", "2.1"),
    ROBUSTNESS(6, "Robustness", Role.SERVER, Transport.TCP, "1.1", "2.1"),
    CLIENT(7, "Client", Role.CLIENT, Transport.TCP),

    UDP(8, "UDP", Role.SERVER, Transport.UDP),
    UDP_CLIENT(9, "UDP client", Role.CLIENT, Transport.UDP),
    // Unix-domain stream sockets.
    UNIX(10, "Unix-domain sockets", Role.SERVER, Transport.UNIX),
    UNIX_CLIENT(11, "Unix-domain client", Role.CLIENT, Transport.UNIX);

    public enum Role { SERVER, CLIENT }

    private final int section;
    private final String title;
    private final Role role;
    private final Transport transport;
    private final List<String> prerequisites;

    Area(int section, String title, Role role, Transport transport, String... prerequisites) {
        this.section = section;
        this.title = title;
        this.role = role;
        this.transport = transport;
        this.prerequisites = List.of(prerequisites);
    }

    public int section() {
        return section;
    }

    /** The section's title as SPEC.md writes it ("UDP client"): what reports show a reader. */
    public String title() {
        return title;
    }

    /**
     * Whether the area's last rules stop the server they judge (5.2 and 5.3 send SIGTERM): it is judged after the other
     * server areas of its transport, on the server they handed on, so that no area after it needs a new one.
     */
    public boolean stopsItsServer() {
        return this == REFUSED;
    }

    public Role role() {
        return role;
    }

    public Transport transport() {
        return transport;
    }

    /** Rules that must not have failed for this area to be judged at all. */
    public List<Rule> prerequisites() {
        return prerequisites.stream().map(id -> Rule.byId(id).orElseThrow()).toList();
    }

    public String id() {
        // As typed on the command line: --only unix-client.
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
