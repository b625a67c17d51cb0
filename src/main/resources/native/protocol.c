/* Arguments and the harness's line protocol: what both native clients share (job.c has the job records). */
#include "client.h"

#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>

struct plan plan;

void verify_init(void);

long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Protocol fields are tab-separated lines: no tab or line break may appear inside one. */
static void clean(char *s)
{
    for (; *s; s++)
        if (*s == '\t' || *s == '\n' || *s == '\r') *s = ' ';
}

void protocol_fail(const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    clean(text);
    printf("FAIL\t%s\n", text);
    fflush(stdout);
    exit(2);
}

static int parse_int(const char *key, const char *value, long min)
{
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (errno || *value == '\0' || *end || v < min || v > INT_MAX) protocol_fail("bad %s: %s", key, value);
    return (int) v;
}

static long long parse_long(const char *key, const char *value, long long min)
{
    char *end;
    errno = 0;
    long long v = strtoll(value, &end, 10);
    if (errno || *value == '\0' || *end || v < min) protocol_fail("bad %s: %s", key, value);
    return v;
}

static double parse_rate(const char *value)
{
    char *end;
    errno = 0;
    double v = strtod(value, &end);
    if (errno || *value == '\0' || *end || !(v >= 0) || v > 1e12) protocol_fail("bad rate: %s", value);
    return v;
}

static void resolve(void)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV };
    struct addrinfo *found, *chosen;
    char port[16];
    snprintf(port, sizeof port, "%d", plan.port);
    int rc = getaddrinfo(plan.host, port, &hints, &found);
    if (rc != 0) protocol_fail("cannot resolve %s: %s", plan.host, gai_strerror(rc));
    /* IPv4 first, as the JVM models resolve it by default */
    chosen = found;
    for (struct addrinfo *a = found; a; a = a->ai_next) {
        if (a->ai_family == AF_INET) { chosen = a; break; }
    }
    memcpy(&plan.addr, chosen->ai_addr, chosen->ai_addrlen);
    plan.addr_len = chosen->ai_addrlen;
    plan.family = chosen->ai_family;
    freeaddrinfo(found);
}

/* A GET of the plan's path; the length of the request. */
static size_t format_request(char *out, size_t size, int keep_alive)
{
    int bracket = strchr(plan.host, ':') && plan.host[0] != '[';
    int n = snprintf(out, size, "GET %s HTTP/1.1\r\nHost: %s%s%s:%d\r\nUser-Agent: netoverhead\r\n%s\r\n",
            plan.path, bracket ? "[" : "", plan.host, bracket ? "]" : "", plan.port,
            keep_alive ? "" : "Connection: close\r\n");
    if (n < 0 || (size_t) n >= size) protocol_fail("request too long (path of %zu bytes)", strlen(plan.path));
    return (size_t) n;
}

void plan_init(int argc, char **argv)
{
    /* Ctrl-C in a terminal reaches the whole process group; the tool alone decides when we stop. */
    signal(SIGINT, SIG_IGN);
    /*
     * End with the tool however it ends (SIGKILL included): the kernel kills us when the thread that started
     * us exits, and the tool's thread that starts a client waits for that client to end. Watching stdin
     * instead would take a thread of its own or a place in the poll set, both measured. A tool that died
     * before this call is caught by the wait for GO below, which then reads the end of stdin.
     */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    plan.port = plan.connections = plan.buffer = plan.connect_timeout_ms = plan.read_timeout_ms = -1;
    plan.max_head = 64 * 1024;
    plan.pipeline = 1;
    plan.requests_per_connection = 1;
    for (int i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq || eq == argv[i]) protocol_fail("not key=value: %s", argv[i]);
        *eq = '\0';
        const char *key = argv[i], *value = eq + 1;
        if (!strcmp(key, "host")) plan.host = value;
        else if (!strcmp(key, "port")) plan.port = parse_int(key, value, 1);
        else if (!strcmp(key, "path")) plan.path = value;
        else if (!strcmp(key, "connections")) plan.connections = parse_int(key, value, 0);
        else if (!strcmp(key, "buffer")) plan.buffer = parse_int(key, value, 1);
        else if (!strcmp(key, "connect_timeout_ms")) plan.connect_timeout_ms = parse_int(key, value, 1);
        else if (!strcmp(key, "read_timeout_ms")) plan.read_timeout_ms = parse_int(key, value, 1);
        else if (!strcmp(key, "verify")) plan.verify = parse_int(key, value, 0) != 0;
        else if (!strcmp(key, "max_head")) plan.max_head = parse_int(key, value, 1);
        else if (!strcmp(key, "start")) plan.realtime_start = !strcmp(value, "realtime");
        else if (!strcmp(key, "workload")) {
            if (!strcmp(value, "bulk")) plan.workload = W_BULK;
            else if (!strcmp(value, "rr")) plan.workload = W_RR;
            else if (!strcmp(value, "churn")) plan.workload = W_CHURN;
            else if (!strcmp(value, "idle")) plan.workload = W_IDLE;
            else protocol_fail("bad workload: %s (bulk, rr, churn or idle)", value);
        }
        else if (!strcmp(key, "pipeline")) plan.pipeline = parse_int(key, value, 1);
        else if (!strcmp(key, "rate")) plan.rate = parse_rate(value);
        else if (!strcmp(key, "warmup_ns")) plan.warmup_ns = parse_long(key, value, 0);
        else if (!strcmp(key, "duration_ns")) plan.duration_ns = parse_long(key, value, 0);
        else if (!strcmp(key, "requests")) plan.requests = parse_long(key, value, 0);
        else if (!strcmp(key, "requests_per_connection")) plan.requests_per_connection = parse_int(key, value, 1);
        /* other keys (selector, loops, warmup) are for JVM children and mean nothing here */
    }
    if (!plan.host || !plan.path || plan.port < 0 || plan.connections < 0 || plan.buffer < 0
            || plan.connect_timeout_ms < 0 || plan.read_timeout_ms < 0)
        protocol_fail("missing argument: host, port, path, connections, buffer, connect_timeout_ms and read_timeout_ms are required");
    if ((plan.workload == W_RR || plan.workload == W_CHURN) && plan.requests == 0 && plan.duration_ns == 0)
        protocol_fail("%s needs duration_ns > 0 or requests > 0", plan.workload == W_RR ? "rr" : "churn");
    resolve();
    /*
     * The requests of http/HttpRequest.java, byte for byte: bulk's closes; rr's, churn's and idle's hello keep
     * the connection (HTTP/1.1's default); churn's last on a connection closes.
     */
    plan.request_len = format_request(plan.request, sizeof plan.request, plan.workload != W_BULK);
    plan.close_request_len = format_request(plan.close_request, sizeof plan.close_request, 0);
    if (plan.verify) verify_init();
}

static void await_line(const char *word)
{
    char line[64];
    if (!fgets(line, sizeof line, stdin) || strncmp(line, word, strlen(word)) != 0) exit(3); /* the parent went away */
}

void protocol_ready(void)
{
    printf("READY\n");
    fflush(stdout);
    await_line("GO");
}

void protocol_start(void)
{
    printf("START\n");
    fflush(stdout);
}

void protocol_say_end(long long window_ns)
{
    printf("END\t%lld\n", window_ns);
    fflush(stdout);
}

void protocol_await_report(void)
{
    /* the parent reads our final memory and CPU now; writing the records is not measured */
    await_line("REPORT");
}

void protocol_end(long long window_ns)
{
    protocol_say_end(window_ns);
    protocol_await_report();
}

/* One line of merged latency buckets: "LAT\tv:c v:c ..." or "CLAT", with nothing after the word when empty. */
static void latency_line(const char *word, struct latency *latencies, int count)
{
    struct latency merged = { 0 };
    for (int i = 0; i < count; i++) latency_merge(&merged, &latencies[i]);
    printf("%s", word);
    latency_print(&merged);
    printf("\n");
    latency_free(&merged);
}

void protocol_jobs(struct job *jobs, int count, struct latency *latencies, struct latency *connect_latencies,
        int latency_count)
{
    for (int i = 0; i < count; i++) {
        struct job *j = &jobs[i];
        const struct conversation *c = &j->conv;
        /* rr and churn: the last completed response's status and length, else where the failed one stood */
        int last = (plan.workload == W_RR || plan.workload == W_CHURN) && c->responses > 0;
        if (j->message) clean(j->message);
        printf("JOB\t%d\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld\t%d\t%s\t%s\t%lld\t%lld\t%lld\n", j->id,
                j->socket_start, j->socket_create, j->setup, j->connected, j->sent, j->end, j->parser.body_bytes,
                last ? c->last_length : j->parser.content_length, last ? c->last_status : j->parser.status,
                j->error ? j->error : "-", j->error && j->message ? j->message : "", c->ops[PHASE_WARMUP],
                c->ops[PHASE_WINDOW], c->ops[PHASE_AFTER]);
    }
    if (plan.workload != W_BULK) latency_line("LAT", latencies, latency_count);
    if (plan.workload == W_CHURN) latency_line("CLAT", connect_latencies, latency_count);
    printf("DONE\n");
    fflush(stdout);
}

void protocol_report(struct job *jobs, int count, long long window_ns)
{
    protocol_end(window_ns);
    protocol_jobs(jobs, count, NULL, NULL, 0);
}
