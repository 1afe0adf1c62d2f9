/*
 * Minimal C baseline for the greeting protocol: what one thread on this kernel can do.
 *
 *   epoll_server PORT BACKLOG [BIND_ADDR]      (BIND_ADDR defaults to 127.0.0.1)
 *
 * Non-blocking listening socket (SO_REUSEADDR, listen(BACKLOG)) registered level-triggered with
 * epoll; on readiness accept in a loop until EAGAIN, write the 24 greeting bytes to each accepted
 * socket and close it (FIN).  The accepted sockets are left blocking: a 24-byte write to a fresh
 * socket's empty send buffer never waits, and a blocking write cannot be short.
 * Exits 0 on SIGTERM/SIGINT.  Build: gcc -O2 -o epoll_server epoll_server.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static const char GREETING[] = "Thank you for connecting";
#define GREETING_LEN (sizeof GREETING - 1) /* 24, no NUL */

static volatile sig_atomic_t stop;
static void on_signal(int sig) { (void)sig; stop = 1; }

static int parse_int(const char *s, const char *what, long lo, long hi) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *s == '\0' || *end != '\0' || v < lo || v > hi) {
        fprintf(stderr, "epoll_server: bad %s '%s' (want %ld..%ld)\n", what, s, lo, hi);
        exit(2);
    }
    return (int)v;
}

static int write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: epoll_server PORT BACKLOG [BIND_ADDR]\n");
        return 2;
    }
    int port = parse_int(argv[1], "port", 1, 65535);
    int backlog = parse_int(argv[2], "backlog", 1, 1 << 20);
    const char *bind_addr = argc == 4 ? argv[3] : "127.0.0.1";

    struct sigaction sa = {0};
    sa.sa_handler = on_signal; /* no SA_RESTART: epoll_wait returns EINTR and we stop */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN); /* a client that reset before our write must not kill us */

    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (lfd < 0) { perror("socket"); return 1; }
    int one = 1;
    if (setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) { perror("SO_REUSEADDR"); return 1; }
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, bind_addr, &addr.sin_addr) != 1) {
        fprintf(stderr, "epoll_server: bad bind address '%s'\n", bind_addr);
        return 2;
    }
    if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) < 0) { perror("bind"); return 1; }
    if (listen(lfd, backlog) < 0) { perror("listen"); return 1; }

    int ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) { perror("epoll_create1"); return 1; }
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = lfd};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev) < 0) { perror("epoll_ctl"); return 1; }
    fprintf(stderr, "epoll_server: listening on %s:%d backlog %d\n", bind_addr, port, backlog);

    unsigned long long served = 0, failed_writes = 0;
    while (!stop) {
        struct epoll_event out;
        int n = epoll_wait(ep, &out, 1, -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            perror("epoll_wait");
            return 1;
        }
        for (;;) {
            int cfd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
            if (cfd < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK) break;
                if (errno == EINTR || errno == ECONNABORTED) continue;
                perror("accept4"); /* e.g. EMFILE: back to epoll_wait, which retries */
                break;
            }
            if (write_all(cfd, GREETING, GREETING_LEN) < 0) failed_writes++;
            close(cfd);
            served++;
        }
    }
    fprintf(stderr, "epoll_server: stopped after %llu connections (%llu failed writes)\n", served, failed_writes);
    return 0;
}
