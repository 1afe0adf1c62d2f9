package dev.greeter.conformance.probe;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control protocol between the harness and its probe agent: one line per message,
 * {@code greeter-probe/2 {"id":N,"type":"Exchange","body":{...}}}, ASCII only.
 *
 * <p>{@code type} is the simple name of a record permitted by the sealed root ({@link ProbeRequest} or
 * {@link ProbeReply}); {@code body} holds exactly that record's components. A reply carries the id of
 * the request it answers. The codec is generic over records: components may be {@code int},
 * {@code long}, {@code boolean}, {@link String}, {@code byte[]} (base64), enums (by constant name),
 * records, sealed interfaces of records ({@code {"type":..,"body":..}}) and {@code List}s of any of
 * these; a reference-typed component may be {@code null}. So adding a component or a request needs no
 * change here.
 *
 * <p>Reading is strict: anything but exactly such a line (an unknown type or member, a missing member,
 * a JSON type that does not fit, trailing text, a line over {@link #MAX_LINE_BYTES}, non-canonical
 * base64, an unknown enum constant) is a {@link MalformedMessageException} that says what was wrong.
 */
public final class ProbeCodec {

    /** The protocol's name and version, as agreed in the hello exchange. */
    public static final String PROTOCOL = "greeter-probe/2";

    /** Starts every protocol line: other text on the agent's stdout is never mistaken for a reply. */
    public static final String PREFIX = PROTOCOL + " ";

    /** No message comes near this; a longer line is rejected unread. */
    public static final int MAX_LINE_BYTES = 4 << 20;

    /** A decoded message: its id and the record it carried. */
    public record Message<T>(long id, T body) {
    }

    /** A line that is not a well-formed message; {@link #id()} is the line's id if that much could be read, else 0. */
    public static final class MalformedMessageException extends Exception {
        private static final long serialVersionUID = 1L;
        private final long id;

        MalformedMessageException(String message, long id) {
            super(message);
            this.id = id;
        }

        public long id() {
            return id;
        }
    }

    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private ProbeCodec() {
    }

    public static boolean isProtocolLine(String line) {
        return line.startsWith(PREFIX);
    }

    /** The protocol line (without line break) for {@code message}, a record permitted by {@code root}. */
    public static <S> String encode(Class<S> root, long id, S message) {
        if (id < 0) {
            throw new IllegalArgumentException("negative message id " + id);
        }
        StringBuilder out = new StringBuilder(PREFIX).append("{\"id\":").append(id).append(',');
        tagged(out, root, message, root.getSimpleName());
        String line = out.append('}').toString();
        if (line.length() > MAX_LINE_BYTES) {
            throw new IllegalArgumentException("a " + message.getClass().getSimpleName() + " of " + line.length()
                    + " bytes is over the protocol's line limit of " + MAX_LINE_BYTES);
        }
        return line;
    }

    /** Reads one protocol line (with {@link #PREFIX}, without line break) carrying a record permitted by {@code root}. */
    public static <S> Message<S> decode(Class<S> root, String line) throws MalformedMessageException {
        if (line.length() > MAX_LINE_BYTES) {
            throw new MalformedMessageException("line of " + line.length() + " bytes is over the limit of " + MAX_LINE_BYTES, 0);
        }
        if (!isProtocolLine(line)) {
            throw new MalformedMessageException("not a protocol line (it does not start with \"" + PREFIX + "\")", 0);
        }
        Object json;
        try {
            json = Json.parse(line.substring(PREFIX.length()));
        } catch (Json.SyntaxException e) {
            throw new MalformedMessageException("not JSON: " + e.getMessage(), 0);
        }
        if (!(json instanceof Map<?, ?> envelope)) {
            throw new MalformedMessageException("a message is a JSON object, got " + kind(json), 0);
        }
        long id = 0;
        try {
            if (envelope.get("id") instanceof Json.Num n && n.integral()) {
                id = Math.max(0, longValue(n, "id"));
            }
            members(envelope, List.of("id", "type", "body"), "message");
            id = longValue(envelope.get("id"), "id");
            if (id < 0) {
                throw new Malformed("id: negative");
            }
            return new Message<>(id, root.cast(untagged(root, envelope, root.getSimpleName())));
        } catch (Malformed e) {
            throw new MalformedMessageException(e.getMessage(), id);
        }
    }

    // ---- writing ----

    /** {@code "type":"Name","body":{...}}: the members of a tagged object, without its braces. */
    private static void tagged(StringBuilder out, Class<?> sealed, Object value, String path) {
        Class<?> type = value.getClass();
        if (!subtypes(sealed).containsValue(type)) {
            throw new IllegalArgumentException(path + ": " + type.getName() + " is not a record permitted by " + sealed.getName());
        }
        out.append("\"type\":");
        Json.string(out, type.getSimpleName());
        out.append(",\"body\":");
        write(out, type, value, path);
    }

    private static void write(StringBuilder out, Type type, Object value, String path) {
        if (value == null) {
            if (type instanceof Class<?> c && c.isPrimitive()) {
                throw new IllegalArgumentException(path + ": null for a " + c);
            }
            out.append("null");
            return;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            Type element = elementType(p, path);
            out.append('[');
            int i = 0;
            for (Object item : (List<?>) value) {
                if (i > 0) {
                    out.append(',');
                }
                if (item == null) {
                    throw new IllegalArgumentException(path + "[" + i + "]: null in a list");
                }
                write(out, element, item, path + "[" + i + "]");
                i++;
            }
            out.append(']');
            return;
        }
        if (!(type instanceof Class<?> c)) {
            throw new IllegalArgumentException(path + ": the protocol cannot carry a " + type.getTypeName());
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            out.append(((Number) value).longValue());
        } else if (c == boolean.class || c == Boolean.class) {
            out.append(value);
        } else if (c == String.class) {
            Json.string(out, (String) value);
        } else if (c == byte[].class) {
            out.append('"').append(Base64.getEncoder().encodeToString((byte[]) value)).append('"');
        } else if (c.isEnum()) {
            Json.string(out, ((Enum<?>) value).name());
        } else if (c.isRecord()) {
            out.append('{');
            RecordComponent[] components = c.getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                RecordComponent rc = components[i];
                if (i > 0) {
                    out.append(',');
                }
                Json.string(out, rc.getName());
                out.append(':');
                write(out, rc.getGenericType(), get(rc, value), path + "." + rc.getName());
            }
            out.append('}');
        } else if (c.isSealed() && c.isInterface()) {
            out.append('{');
            tagged(out, c, value, path);
            out.append('}');
        } else {
            throw new IllegalArgumentException(path + ": the protocol cannot carry a " + c.getName());
        }
    }

    private static Object get(RecordComponent rc, Object record) {
        try {
            return rc.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalArgumentException("cannot read " + rc + ": " + e, e);
        }
    }

    // ---- reading ----

    /** The record named by {@code "type"} among {@code sealed}'s permitted subclasses, read from {@code "body"}. */
    private static Object untagged(Class<?> sealed, Map<?, ?> object, String path) throws Malformed {
        if (!(object.get("type") instanceof String name)) {
            throw new Malformed(path + ".type: expected a string, got " + kind(object.get("type")));
        }
        Class<?> type = subtypes(sealed).get(name);
        if (type == null) {
            throw new Malformed(path + ": unknown type \"" + Printable.escape(name, 64) + "\" (a " + sealed.getSimpleName()
                    + " is one of " + String.join(", ", subtypes(sealed).keySet()) + ")");
        }
        if (object.get("body") == null) {
            throw new Malformed(name + ": expected an object, got null");
        }
        return read(type, object.get("body"), name);
    }

    private static Object read(Type type, Object json, String path) throws Malformed {
        if (json == null) {
            if (type instanceof Class<?> c && c.isPrimitive()) {
                throw new Malformed(path + ": expected " + expected(c) + ", got null");
            }
            return null;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            Type element = elementType(p, path);
            if (!(json instanceof List<?> items)) {
                throw new Malformed(path + ": expected an array, got " + kind(json));
            }
            List<Object> values = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) == null) {
                    throw new Malformed(path + "[" + i + "]: null in a list");
                }
                values.add(read(element, items.get(i), path + "[" + i + "]"));
            }
            return List.copyOf(values);
        }
        if (!(type instanceof Class<?> c)) {
            throw new IllegalArgumentException(path + ": the protocol cannot carry a " + type.getTypeName());
        }
        if (c == int.class || c == Integer.class) {
            long v = longValue(json, path);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new Malformed(path + ": " + v + " is out of range for an int");
            }
            return (int) v;
        } else if (c == long.class || c == Long.class) {
            return longValue(json, path);
        } else if (c == boolean.class || c == Boolean.class) {
            if (!(json instanceof Boolean b)) {
                throw new Malformed(path + ": expected true or false, got " + kind(json));
            }
            return b;
        } else if (c == String.class) {
            return string(json, path);
        } else if (c == byte[].class) {
            String text = string(json, path);
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new Malformed(path + ": bad base64: " + e.getMessage());
            }
            if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
                throw new Malformed(path + ": bad base64: not in canonical padded form");
            }
            return bytes;
        } else if (c.isEnum()) {
            String name = string(json, path);
            for (Object constant : c.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(name)) {
                    return constant;
                }
            }
            throw new Malformed(path + ": \"" + Printable.escape(name, 64) + "\" is not a " + c.getSimpleName()
                    + " (one of " + String.join(", ", List.of(c.getEnumConstants()).stream().map(String::valueOf).toList()) + ")");
        } else if (c.isRecord()) {
            if (!(json instanceof Map<?, ?> object)) {
                throw new Malformed(path + ": expected an object, got " + kind(json));
            }
            RecordComponent[] components = c.getRecordComponents();
            members(object, List.of(components).stream().map(RecordComponent::getName).toList(), path);
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent rc = components[i];
                args[i] = read(rc.getGenericType(), object.get(rc.getName()), path + "." + rc.getName());
                types[i] = rc.getType();
            }
            return construct(c, types, args, path);
        } else if (c.isSealed() && c.isInterface()) {
            if (!(json instanceof Map<?, ?> object)) {
                throw new Malformed(path + ": expected an object, got " + kind(json));
            }
            members(object, List.of("type", "body"), path);
            return untagged(c, object, path);
        }
        throw new IllegalArgumentException(path + ": the protocol cannot carry a " + c.getName());
    }

    private static Object construct(Class<?> c, Class<?>[] types, Object[] args, String path) throws Malformed {
        try {
            Constructor<?> canonical = c.getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            // The record's own constructor refused the values.
            throw new Malformed(path + ": " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot construct " + c.getName() + ": " + e, e);
        }
    }

    /** Exactly these members: none missing, none unknown. */
    private static void members(Map<?, ?> object, List<String> wanted, String path) throws Malformed {
        for (Object key : object.keySet()) {
            if (!wanted.contains(key)) {
                throw new Malformed(path + ": unknown member \"" + Printable.escape((String) key, 64) + "\"");
            }
        }
        for (String name : wanted) {
            if (!object.containsKey(name)) {
                throw new Malformed(path + ": missing member \"" + name + "\"");
            }
        }
    }

    private static long longValue(Object json, String path) throws Malformed {
        if (!(json instanceof Json.Num n)) {
            throw new Malformed(path + ": expected an integer, got " + kind(json));
        }
        if (!n.integral()) {
            throw new Malformed(path + ": expected an integer, got " + Printable.escape(n.literal(), 32));
        }
        try {
            return Long.parseLong(n.literal());
        } catch (NumberFormatException e) {
            throw new Malformed(path + ": " + Printable.escape(n.literal(), 32) + " is out of range for a long");
        }
    }

    private static String string(Object json, String path) throws Malformed {
        if (!(json instanceof String s)) {
            throw new Malformed(path + ": expected a string, got " + kind(json));
        }
        return s;
    }

    private static String expected(Class<?> c) {
        return c == boolean.class ? "true or false" : "an integer";
    }

    private static String kind(Object json) {
        if (json == null) {
            return "null";
        } else if (json instanceof Map) {
            return "an object";
        } else if (json instanceof List) {
            return "an array";
        } else if (json instanceof String) {
            return "a string";
        } else if (json instanceof Boolean) {
            return "a boolean";
        }
        return "a number";
    }

    // ---- types ----

    private static Type elementType(ParameterizedType list, String path) {
        Type element = list.getActualTypeArguments()[0];
        if (element instanceof WildcardType w && w.getLowerBounds().length == 0 && w.getUpperBounds().length == 1) {
            element = w.getUpperBounds()[0];
        }
        if (element instanceof Class<?> || element instanceof ParameterizedType) {
            return element;
        }
        throw new IllegalArgumentException(path + ": the protocol cannot carry a " + list.getTypeName());
    }

    private static final ClassValue<Map<String, Class<?>>> SUBTYPES = new ClassValue<>() {
        @Override
        protected Map<String, Class<?>> computeValue(Class<?> sealed) {
            if (!sealed.isSealed()) {
                throw new IllegalArgumentException(sealed.getName() + " is not a sealed interface");
            }
            Map<String, Class<?>> byName = new LinkedHashMap<>();
            for (Class<?> c : sealed.getPermittedSubclasses()) {
                if (!c.isRecord()) {
                    throw new IllegalArgumentException(c.getName() + " is not a record: the protocol carries records");
                }
                if (byName.put(c.getSimpleName(), c) != null) {
                    throw new IllegalArgumentException("two " + sealed.getSimpleName() + " types named " + c.getSimpleName());
                }
            }
            return java.util.Collections.unmodifiableMap(byName);
        }
    };

    private static Map<String, Class<?>> subtypes(Class<?> sealed) {
        return SUBTYPES.get(sealed);
    }
}
