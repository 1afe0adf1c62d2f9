package dev.greeter.conformance.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.greeter.conformance.spec.Area;
import dev.greeter.conformance.spec.Rule;
import dev.greeter.conformance.spec.Transport;
import dev.greeter.conformance.spec.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code conformance.json}: the run's versions, date, options, one entry per implementation with its
 * verdicts and evidence, and the interop grid. When the run judged at most one server and one client,
 * the fields of the single-implementation format are there too ({@code implementation}, {@code counts},
 * {@code rules}: every rule, the absent role's SKIPPED), so existing readers keep working.
 */
public final class JsonReport {

    public static final String FILE = "conformance.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).registerModule(new com.fasterxml.jackson.databind.module.SimpleModule()
                    .addSerializer(String.class, new JsonText()).addKeySerializer(String.class, new JsonKey()));

    /** Every string value through {@link Text#json}. */
    private static final class JsonText extends com.fasterxml.jackson.databind.ser.std.StdSerializer<String> {
        JsonText() {
            super(String.class);
        }

        @Override
        public void serialize(String value, com.fasterxml.jackson.core.JsonGenerator gen, com.fasterxml.jackson.databind.SerializerProvider p)
                throws IOException {
            gen.writeString(Text.json(value));
        }
    }

    /** Every map key (an implementation's verdict names, options) through {@link Text#json}. */
    private static final class JsonKey extends com.fasterxml.jackson.databind.ser.std.StdSerializer<String> {
        JsonKey() {
            super(String.class);
        }

        @Override
        public void serialize(String value, com.fasterxml.jackson.core.JsonGenerator gen, com.fasterxml.jackson.databind.SerializerProvider p)
                throws IOException {
            gen.writeFieldName(Text.json(value));
        }
    }

    private JsonReport() {
    }

    public static void write(Document doc, Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("spec", "SPEC.md");
        root.put("specVersion", doc.specVersion());
        root.put("harnessVersion", doc.harnessVersion());
        root.put("date", doc.date());
        Optional<Document.Column> server = single(doc, "server");
        Optional<Document.Column> client = single(doc, "client");
        boolean legacy = server.isPresent() || client.isPresent();
        if (legacy) {
            Map<String, Object> implementation = new LinkedHashMap<>();
            Document.Column any = server.or(() -> client).orElseThrow();
            implementation.put("server", server.map(Document.Column::image).orElse(null));
            implementation.put("client", client.map(Document.Column::image).orElse(null));
            server.map(Document.Column::build).ifPresent(d -> implementation.put("serverBuild", d));
            client.map(Document.Column::build).ifPresent(d -> implementation.put("clientBuild", d));
            implementation.put("clientArgs", client.map(c -> c.declared().getOrDefault("clientArgs", List.of())).orElse(List.of()));
            implementation.put("port", any.declared().get("port"));
            implementation.put("greeting", any.declared().get("greeting"));
            implementation.put("backlog", server.map(s -> s.declared().get("backlog")).orElse(null));
            root.put("implementation", implementation);
        }
        root.put("options", doc.options());
        root.put("exitStatus", doc.exitStatus());
        root.put("conforms", doc.exitStatus() == 0);
        root.put("elapsedMillis", doc.elapsedMillis());
        if (!doc.notes().isEmpty()) {
            root.put("notes", doc.notes());
        }
        if (legacy) {
            List<Document.Cell> rules = legacyRules(server, client);
            Map<String, Object> counts = new LinkedHashMap<>();
            for (Verdict v : Verdict.values()) {
                counts.put(v.name(), rules.stream().filter(r -> r.verdict().equals(v.name())).count());
            }
            root.put("counts", counts);
            root.put("rules", rules);
        }
        root.put("implementations", doc.implementations());
        root.put("interop", doc.interop());
        MAPPER.writeValue(file.toFile(), root);
    }

    /** Reads a report this harness wrote; an {@link IllegalArgumentException} if it is not one (or from before multi-implementation runs). */
    public static Document read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + oneLine(e));
        }
        if (root == null || !root.has("implementations") || !root.has("specVersion")) {
            throw new IllegalArgumentException(file + " is not a conformance report of this harness (no 'implementations')");
        }
        try {
            return MAPPER.treeToValue(root, Document.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + " is not a conformance report of this harness: " + oneLine(e));
        }
    }

    /** Jackson's message without its multi-line source excerpt, on one line: what is wrong, and where. */
    private static String oneLine(Exception e) {
        String what = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
            what += " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")";
        }
        return Text.console(String.valueOf(what).replaceAll("\\s+", " ").strip());
    }

    private static Optional<Document.Column> single(Document doc, String role) {
        List<Document.Column> of = doc.implementations().stream().filter(c -> c.role().equals(role)).toList();
        long others = doc.implementations().stream().filter(c -> !c.role().equals(role)).count();
        return of.size() == 1 && others <= 1 ? Optional.of(of.get(0)) : Optional.empty();
    }

    /**
     * Every rule of the run's transports in order: from the column of its role, or SKIPPED because no image
     * of that role was given. The transports are those of the rules judged (TCP when none was).
     */
    private static List<Document.Cell> legacyRules(Optional<Document.Column> server, Optional<Document.Column> client) {
        java.util.Set<Transport> transports = java.util.EnumSet.noneOf(Transport.class);
        for (Rule rule : Rule.values()) {
            if (java.util.stream.Stream.of(server, client).anyMatch(c -> c.flatMap(col -> col.cell(rule.id())).isPresent())) {
                transports.add(rule.area().transport());
            }
        }
        if (transports.isEmpty()) {
            transports.add(Transport.TCP);
        }
        List<Document.Cell> all = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            if (!transports.contains(rule.area().transport())) {
                continue;
            }
            Optional<Document.Column> of = rule.area().role() == Area.Role.SERVER ? server : client;
            all.add(of.flatMap(c -> c.cell(rule.id())).orElseGet(() -> new Document.Cell(rule.id(), rule.level().name(),
                    rule.area().id(), rule.title(), null, Verdict.SKIPPED.name(), false, null, null, rule.requirement(),
                    "skipped: no " + rule.area().role().name().toLowerCase(java.util.Locale.ROOT) + " image given", List.of(), 0)));
        }
        return all;
    }
}
