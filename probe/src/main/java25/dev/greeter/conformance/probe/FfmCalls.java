package dev.greeter.conformance.probe;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * libc through the FFM API with errno captured by each call, and strerror's words for a failure: what the probe's
 * native sockets ({@link FfmNetlink}, {@link FfmPacketSocket}) share. One per socket, its errno slot in the socket's
 * arena.
 */
final class FfmCalls {

    static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LINKER.defaultLookup().find("strerror").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private final MemorySegment errno;

    FfmCalls(Arena arena) {
        this.errno = arena.allocate(CALL_STATE);
    }

    /** libc's {@code name}, capturing errno: call it through {@link #invoke}. */
    static MethodHandle downcall(String name, FunctionDescriptor shape) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), shape, Linker.Option.captureCallState("errno"));
    }

    Object invoke(MethodHandle handle, Object... args) throws IOException {
        Object[] all = new Object[args.length + 1];
        all[0] = errno;
        System.arraycopy(args, 0, all, 1, args.length);
        try {
            return handle.invokeWithArguments(all);
        } catch (Throwable e) {
            throw new IOException("native call failed: " + e, e);
        }
    }

    /** Where a downcall captures errno: the first argument of an {@code invokeExact} on a hot path. */
    MemorySegment state() {
        return errno;
    }

    /** errno as the last call left it. */
    int errno() {
        return (int) ERRNO.get(errno, 0L);
    }

    /** The last call's failure, in strerror's words. */
    IOException failure(String what) {
        int code = errno();
        String text;
        try {
            text = ((MemorySegment) STRERROR.invokeExact(code)).reinterpret(256).getString(0);
        } catch (Throwable e) {
            text = "errno " + code;
        }
        return new IOException(what + ": " + text);
    }
}
