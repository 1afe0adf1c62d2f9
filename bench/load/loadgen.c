/*
 * Closed-loop load generator for the greeting protocol (loopback only).
 *
 *   loadgen -p PORT [-n CONNS] [-c CONCURRENCY] [-t THREADS] [-T CONN_TIMEOUT_MS] [-D DEADLINE_S]
 *           [-l LABEL]
 *
 * Opens CONNS connections in total to 127.0.0.1:PORT, keeping CONCURRENCY of them in flight
 * (closed loop: a finished connection is immediately replaced until CONNS have been started),
 * spread over THREADS threads, each with its own epoll instance and its share of both numbers.
 * Each connection: non-blocking connect, read to EOF, check the bytes are exactly the 24-byte
 * greeting, close.  Latency is measured from just before connect() to the read that returns EOF.
 *
 * Every connection is bounded by CONN_TIMEOUT_MS (default 5000) and the whole run by DEADLINE_S
 * (default 120); connections not finished at the deadline are counted as errors ("unfinished").
 *
 * Prints one machine-readable line on stdout:
 *   label=… conns=… ok=… secs=… cps=… p50_us=… p90_us=… p99_us=… p999_us=… max_us=… errors=…
 *   err_refused=… err_reset=… err_timeout=… err_mismatch=… err_connect=… err_other=…
 *   err_unfinished=… ge1s=… ge3s=… threads=… conc=… cpu_user_s=… cpu_sys_s=… cpu_pct=…
 * errors is the sum of the err_* counts; the exit status is 0 iff errors=0.
 * cps = ok / secs, secs = wall time from the first connect to the last completion.
 * ge1s/ge3s = successful connections that took >= 1 s / >= 3 s (the signature of a retransmitted SYN
 * or SYN-ACK: the kernel's initial retransmission timeout is 1 s, then 2 s more).
 * cpu_pct = this process's CPU (user+sys) / secs, in % of one core.
 *
 * Build: gcc -O2 -pthread -o loadgen loadgen.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char GREETING[] = "Thank you for connecting";
#define GREETING_LEN (sizeof GREETING - 1)
#define MAX_THREADS 64
#define SCAN_EVERY_NS 20000000LL /* look for timed-out connections every 20 ms */

enum { E_REFUSED, E_RESET, E_TIMEOUT, E_MISMATCH, E_CONNECT, E_OTHER, E_UNFINISHED, E_KINDS };
static const char *E_NAMES[E_KINDS] = {"refused", "reset", "timeout", "mismatch", "connect", "other", "unfinished"};

struct slot {
    int fd;          /* -1 when free */
    int64_t start;   /* ns, CLOCK_MONOTONIC */
    unsigned got;    /* bytes received so far */
    char buf[GREETING_LEN + 1];
};

struct worker {
    pthread_t tid;
    int idx;
    long conns;      /* connections this thread must start */
    int conc;        /* in-flight connections this thread keeps */
    long started, ok;
    long err[E_KINDS];
    uint32_t *lat;   /* latencies (us) of successful connections */
    int64_t first_start, last_end;
};

static struct sockaddr_in target;
static int64_t conn_timeout_ns, deadline_ns;

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int classify(int e) {
    switch (e) {
    case ECONNREFUSED: return E_REFUSED;
    case ECONNRESET: case EPIPE: return E_RESET;
    case ETIMEDOUT: return E_TIMEOUT;
    case EADDRNOTAVAIL: case EADDRINUSE: case ENETUNREACH: case EHOSTUNREACH: case EMFILE: case ENFILE:
    case ENOBUFS: case EAGAIN: return E_CONNECT;
    default: return E_OTHER;
    }
}

static void finish(struct worker *w, struct slot *s, int kind, int64_t t) {
    close(s->fd); /* also removes it from the epoll set */
    s->fd = -1;
    if (kind < 0) {
        w->lat[w->ok++] = (uint32_t)((t - s->start) / 1000);
    } else {
        w->err[kind]++;
    }
    if (t > w->last_end) w->last_end = t;
}

/* Starts the next connection in slot s; returns 0 if one was started (or failed at once and was
 * counted), -1 if this thread has started all its connections. */
static int start_one(struct worker *w, int ep, struct slot *s, uint32_t slot_idx) {
    while (w->started < w->conns) {
        w->started++;
        s->got = 0;
        s->start = now_ns();
        if (w->first_start == 0) w->first_start = s->start;
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            w->err[classify(errno)]++;
            continue;
        }
        if (connect(fd, (struct sockaddr *)&target, sizeof target) < 0 && errno != EINPROGRESS) {
            w->err[classify(errno)]++;
            close(fd);
            continue;
        }
        s->fd = fd;
        struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP, .data.u32 = slot_idx};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) {
            perror("loadgen: epoll_ctl");
            finish(w, s, E_OTHER, now_ns());
            continue;
        }
        return 0;
    }
    return -1;
}

/* Reads what is available; returns 1 when the connection is finished (ok or error), else 0. */
static int on_readable(struct worker *w, struct slot *s) {
    for (;;) {
        char tmp[64];
        ssize_t r = read(s->fd, tmp, sizeof tmp);
        if (r > 0) {
            size_t room = sizeof s->buf - s->got; /* keep one extra byte to detect "too long" */
            size_t take = (size_t)r < room ? (size_t)r : room;
            memcpy(s->buf + s->got, tmp, take);
            s->got += (unsigned)take;
            if (s->got > GREETING_LEN || (size_t)r > take) {
                finish(w, s, E_MISMATCH, now_ns());
                return 1;
            }
            continue;
        }
        if (r == 0) {
            int64_t t = now_ns();
            if (s->got == GREETING_LEN && memcmp(s->buf, GREETING, GREETING_LEN) == 0) {
                finish(w, s, -1, t);
            } else {
                finish(w, s, E_MISMATCH, t);
            }
            return 1;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
        if (errno == EINTR) continue;
        finish(w, s, classify(errno), now_ns());
        return 1;
    }
}

static void *run(void *arg) {
    struct worker *w = arg;
    int ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) { perror("loadgen: epoll_create1"); exit(1); }
    struct slot *slots = calloc((size_t)w->conc, sizeof *slots);
    struct epoll_event *evs = calloc((size_t)w->conc, sizeof *evs);
    if (!slots || !evs) { perror("loadgen: calloc"); exit(1); }
    int inflight = 0;
    for (int i = 0; i < w->conc; i++) {
        slots[i].fd = -1;
        if (start_one(w, ep, &slots[i], (uint32_t)i) == 0) inflight++;
    }
    int64_t next_scan = now_ns() + SCAN_EVERY_NS;
    while (inflight > 0) {
        int n = epoll_wait(ep, evs, w->conc, 10);
        if (n < 0 && errno != EINTR) { perror("loadgen: epoll_wait"); exit(1); }
        for (int i = 0; i < n; i++) {
            uint32_t k = evs[i].data.u32;
            struct slot *s = &slots[k];
            if (s->fd < 0) continue;
            if (on_readable(w, s)) {
                inflight--;
                if (start_one(w, ep, s, k) == 0) inflight++;
            }
        }
        int64_t t = now_ns();
        if (t >= deadline_ns) {
            for (int i = 0; i < w->conc; i++)
                if (slots[i].fd >= 0) { finish(w, &slots[i], E_UNFINISHED, t); inflight--; }
            w->err[E_UNFINISHED] += w->conns - w->started; /* never started */
            w->started = w->conns;
            break;
        }
        if (t >= next_scan) {
            next_scan = t + SCAN_EVERY_NS;
            for (int i = 0; i < w->conc; i++) {
                struct slot *s = &slots[i];
                if (s->fd >= 0 && t - s->start > conn_timeout_ns) {
                    finish(w, s, E_TIMEOUT, t);
                    inflight--;
                    if (start_one(w, ep, s, (uint32_t)i) == 0) inflight++;
                }
            }
        }
    }
    close(ep);
    free(slots);
    free(evs);
    return NULL;
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static uint32_t pct(const uint32_t *v, long n, double p) {
    if (n == 0) return 0;
    long i = (long)(p * (double)n + 0.999999) - 1; /* nearest-rank */
    if (i < 0) i = 0;
    if (i >= n) i = n - 1;
    return v[i];
}

static long parse_long(const char *s, char opt, long lo, long hi) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *s == '\0' || *end != '\0' || v < lo || v > hi) {
        fprintf(stderr, "loadgen: bad -%c '%s' (want %ld..%ld)\n", opt, s, lo, hi);
        exit(2);
    }
    return v;
}

static void usage(void) {
    fprintf(stderr, "usage: loadgen -p PORT [-n CONNS] [-c CONCURRENCY] [-t THREADS] "
                    "[-T CONN_TIMEOUT_MS] [-D DEADLINE_S] [-l LABEL]\n"
                    "  target is always 127.0.0.1 (loopback only)\n");
    exit(2);
}

int main(int argc, char **argv) {
    long port = 0, conns = 10000, conc = 32, threads = 1, timeout_ms = 5000, deadline_s = 120;
    const char *label = "-";
    int opt;
    while ((opt = getopt(argc, argv, "p:n:c:t:T:D:l:h")) != -1) {
        switch (opt) {
        case 'p': port = parse_long(optarg, 'p', 1, 65535); break;
        case 'n': conns = parse_long(optarg, 'n', 1, 100000000); break;
        case 'c': conc = parse_long(optarg, 'c', 1, 100000); break;
        case 't': threads = parse_long(optarg, 't', 1, MAX_THREADS); break;
        case 'T': timeout_ms = parse_long(optarg, 'T', 1, 600000); break;
        case 'D': deadline_s = parse_long(optarg, 'D', 1, 3600); break;
        case 'l': label = optarg; break;
        default: usage();
        }
    }
    if (port == 0 || optind != argc) usage();
    if (conc > conns) conc = conns;
    if (threads > conc) threads = conc;
    signal(SIGPIPE, SIG_IGN);

    target.sin_family = AF_INET;
    target.sin_port = htons((uint16_t)port);
    target.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* 127.0.0.1, never anything else */
    conn_timeout_ns = timeout_ms * 1000000LL;

    struct worker ws[MAX_THREADS];
    memset(ws, 0, sizeof ws);
    int64_t t0 = now_ns();
    deadline_ns = t0 + deadline_s * 1000000000LL;
    for (int i = 0; i < threads; i++) {
        struct worker *w = &ws[i];
        w->idx = i;
        w->conns = conns / threads + (i < conns % threads);
        w->conc = (int)(conc / threads + (i < conc % threads));
        w->lat = malloc((size_t)w->conns * sizeof *w->lat);
        if (!w->lat) { perror("loadgen: malloc"); return 1; }
    }
    for (int i = 0; i < threads; i++) {
        if (pthread_create(&ws[i].tid, NULL, run, &ws[i]) != 0) { perror("loadgen: pthread_create"); return 1; }
    }
    for (int i = 0; i < threads; i++) pthread_join(ws[i].tid, NULL);

    long ok = 0, err[E_KINDS] = {0}, errors = 0;
    int64_t first = 0, last = 0;
    for (int i = 0; i < threads; i++) {
        ok += ws[i].ok;
        for (int k = 0; k < E_KINDS; k++) err[k] += ws[i].err[k];
        if (ws[i].first_start && (first == 0 || ws[i].first_start < first)) first = ws[i].first_start;
        if (ws[i].last_end > last) last = ws[i].last_end;
    }
    for (int k = 0; k < E_KINDS; k++) errors += err[k];
    uint32_t *all = malloc((size_t)(ok ? ok : 1) * sizeof *all);
    if (!all) { perror("loadgen: malloc"); return 1; }
    long off = 0;
    for (int i = 0; i < threads; i++) {
        memcpy(all + off, ws[i].lat, (size_t)ws[i].ok * sizeof *all);
        off += ws[i].ok;
    }
    qsort(all, (size_t)ok, sizeof *all, cmp_u32);
    double secs = last > first ? (double)(last - first) / 1e9 : 0.0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu_user = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6;
    double cpu_sys = (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;

    printf("label=%s conns=%ld ok=%ld secs=%.3f cps=%.0f p50_us=%u p90_us=%u p99_us=%u p999_us=%u max_us=%u errors=%ld",
           label, conns, ok, secs, secs > 0 ? (double)ok / secs : 0.0, pct(all, ok, 0.50), pct(all, ok, 0.90),
           pct(all, ok, 0.99), pct(all, ok, 0.999), ok ? all[ok - 1] : 0, errors);
    for (int k = 0; k < E_KINDS; k++) printf(" err_%s=%ld", E_NAMES[k], err[k]);
    long ge1s = 0, ge3s = 0;
    for (long i = 0; i < ok; i++) {
        if (all[i] >= 1000000) ge1s++;
        if (all[i] >= 3000000) ge3s++;
    }
    printf(" ge1s=%ld ge3s=%ld", ge1s, ge3s);
    printf(" threads=%ld conc=%ld cpu_user_s=%.2f cpu_sys_s=%.2f cpu_pct=%.0f\n", threads, conc, cpu_user, cpu_sys,
           secs > 0 ? 100.0 * (cpu_user + cpu_sys) / secs : 0.0);
    fflush(stdout);
    return errors == 0 ? 0 : 1;
}
