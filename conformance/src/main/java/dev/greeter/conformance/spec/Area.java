package dev.greeter.conformance.spec;

import java.util.List;

/**
 * The areas of SPEC.md, each a section of rules; the number is the section (rule 2.3 is in area 2).
 * An area's prerequisites are rules whose failure leaves the whole area with one answer already given:
 * a server that never listens (1.1) or greets nobody unprompted (2.1) cannot be asked whether it
 * serves concurrent clients. The runner applies them; a check never skips itself.
 */
public enum Area {
    BINDING(1, Role.SERVER),
    GREETING(2, Role.SERVER, "1.1"),
    CONCURRENCY(3, Role.SERVER, "1.1", "2.1"),
    BACKLOG(4, Role.SERVER, "1.1", "2.1"),
    REFUSED(5, Role.SERVER, "1.1", "2.1"),
    ROBUSTNESS(6, Role.SERVER, "1.1", "2.1"),
    CLIENT(7, Role.CLIENT);

    public enum Role { SERVER, CLIENT }

    private final int section;
    private final Role role;
    private final List<String> prerequisites;

    Area(int section, Role role, String... prerequisites) {
        this.section = section;
        this.role = role;
        this.prerequisites = List.of(prerequisites);
    }

    public int section() {
        return section;
    }

    public Role role() {
        return role;
    }

    /** Rules that must not have failed for this area to be judged at all. */
    public List<Rule> prerequisites() {
        return prerequisites.stream().map(id -> Rule.byId(id).orElseThrow()).toList();
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
