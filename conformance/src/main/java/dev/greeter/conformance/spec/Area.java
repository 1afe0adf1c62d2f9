package dev.greeter.conformance.spec;

/** The areas of SPEC.md, each a section of rules; the number is the section (rule 2.3 is in area 2). */
public enum Area {
    BINDING(1, Role.SERVER),
    GREETING(2, Role.SERVER),
    CONCURRENCY(3, Role.SERVER),
    BACKLOG(4, Role.SERVER),
    REFUSED(5, Role.SERVER),
    ROBUSTNESS(6, Role.SERVER),
    CLIENT(7, Role.CLIENT);

    public enum Role { SERVER, CLIENT }

    private final int section;
    private final Role role;

    Area(int section, Role role) {
        this.section = section;
        this.role = role;
    }

    public int section() {
        return section;
    }

    public Role role() {
        return role;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
