/*
 * The server's native fast path: accept4, send, close, and nothing else per connection.
 *
 * Why it exists: the JDK's ServerSocketChannel.accept() adds three system calls to every connection
 * (getsockname twice for the channel's local address, fcntl for its blocking mode). On a machine
 * where a system call is expensive they cost about a quarter of the server's CPU per connection
 * (README "Performance"). Everything else (binding, readiness through the Selector, long greetings,
 * slow clients, stop) stays in Java; see dev.greeter.server.NativeSockets.
 *
 * The function signatures come from the header javac generates (-h), so a mismatch fails the build.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dev_greeter_server_NativeSockets.h"

/*
 * The JDK keeps the listening socket's descriptor in sun.nio.ch.ServerSocketChannelImpl.fdVal; JNI reads it
 * past module boundaries. NULL (exception cleared) when the class has no such field.
 */
static jfieldID fd_field(JNIEnv *env, jclass impl) {
    jfieldID field = impl == NULL ? NULL : (*env)->GetFieldID(env, impl, "fdVal", "I");
    if (field == NULL) {
        (*env)->ExceptionClear(env);
    }
    return field;
}

JNIEXPORT jboolean JNICALL Java_dev_greeter_server_NativeSockets_canFindListenerFd(JNIEnv *env, jclass cls) {
    (void) cls;
    return fd_field(env, (*env)->FindClass(env, "sun/nio/ch/ServerSocketChannelImpl")) != NULL ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT jint JNICALL Java_dev_greeter_server_NativeSockets_listenerFd(JNIEnv *env, jclass cls, jobject listener) {
    (void) cls;
    /* The channel's own class: any other ServerSocketChannel implementation has no such field. */
    jfieldID field = fd_field(env, (*env)->GetObjectClass(env, listener));
    return field != NULL ? (*env)->GetIntField(env, listener, field) : -1;
}

JNIEXPORT jint JNICALL Java_dev_greeter_server_NativeSockets_noneQueued(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return -EAGAIN;
}

JNIEXPORT jint JNICALL Java_dev_greeter_server_NativeSockets_accept(JNIEnv *env, jclass cls, jint listener) {
    (void) env;
    (void) cls;
    for (;;) {
        /* Blocking mode (no SOCK_NONBLOCK): a short greeting is then sent in one call or fails. */
        int fd = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
        if (fd >= 0) {
            return fd;
        }
        /* A connection reset while queued is the client's business, not an accept failure. */
        if (errno == EINTR || errno == ECONNABORTED) {
            continue;
        }
        return errno == EWOULDBLOCK ? -EAGAIN : -errno;
    }
}

JNIEXPORT jint JNICALL Java_dev_greeter_server_NativeSockets_greetAndClose(JNIEnv *env, jclass cls, jint fd,
                                                                          jobject greeting, jint length) {
    (void) cls;
    const char *bytes = (*env)->GetDirectBufferAddress(env, greeting);
    jint sent = 0;
    int error = bytes == NULL ? EINVAL : 0;
    while (error == 0 && sent < length) {
        /* MSG_NOSIGNAL: a client that already reset gets EPIPE here, not a SIGPIPE to the JVM. */
        ssize_t n = send(fd, bytes + sent, (size_t) (length - sent), MSG_NOSIGNAL);
        if (n >= 0) {
            sent += (jint) n;
        } else if (errno != EINTR) {
            error = errno;
        }
    }
    /* Linux releases the descriptor even when close reports an error, so there is nothing to retry. */
    close(fd);
    return error == 0 ? sent : -error;
}

JNIEXPORT jstring JNICALL Java_dev_greeter_server_NativeSockets_describe(JNIEnv *env, jclass cls, jint error) {
    (void) cls;
    return (*env)->NewStringUTF(env, strerror(error));
}
