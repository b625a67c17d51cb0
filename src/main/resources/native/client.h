/*
 * netoverhead's native clients: what the threaded and the poll client share. Each client is one C file
 * (threaded.c, poll.c) compiled together with common.c, which parses the arguments, speaks the line
 * protocol of the harness (harness/ChildProtocol.java) and parses HTTP responses incrementally.
 */
#ifndef NETOVERHEAD_CLIENT_H
#define NETOVERHEAD_CLIENT_H

#define _GNU_SOURCE
#include <stddef.h>
#include <sys/socket.h>

/* What ClientPlan.toArgs() passes as key=value arguments, plus the resolved address and the request. */
struct plan {
    const char *host;
    int port;
    const char *path;
    int connections;
    int buffer;
    int connect_timeout_ms;
    int read_timeout_ms;
    int verify;
    int max_head;
    int realtime_start; /* start=realtime: the main thread and each job until its request is sent run SCHED_FIFO */
    struct sockaddr_storage addr;
    socklen_t addr_len;
    int family;
    char request[1024];
    size_t request_len;
};

enum parse_state {
    P_STATUS, P_HEADERS, P_CHUNK_SIZE, P_CHUNK_DATA_END, P_TRAILERS, /* line states: bytes count as head */
    P_BODY_LENGTH, P_CHUNK_DATA, P_UNTIL_CLOSE, P_DONE
};

/* The incremental response parser, as http/ResponseParser.java: counts body bytes, keeps none. */
struct parser {
    enum parse_state state;
    char *line;
    size_t line_len, line_cap;
    long long head_bytes;
    int status;
    long long content_length;
    int chunked;
    long long remaining;
    long long body_bytes;
};

/* One job's record (times in ns from the window's start, -1 if never reached) and its socket. */
struct job {
    int id;
    int fd;
    long long socket_start, socket_create, setup, connected, sent, end;
    struct parser parser;
    const char *error; /* an ErrorKind label, or NULL */
    char message[240];
    /* used by the poll client only */
    int phase;
    size_t request_sent;
    long long deadline;
};

extern struct plan plan;

long long now_ns(void);

/* Parses the arguments and resolves the host; on a bad argument says FAIL and exits. */
void plan_init(int argc, char **argv);

/* The protocol: READY and wait for GO; START; END, wait for REPORT, JOB lines, DONE; FAIL and exit. */
void protocol_ready(void);
void protocol_start(void);
void protocol_report(struct job *jobs, int count, long long window_ns);
void protocol_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

void job_init(struct job *j, int id);
/* Records the first failure only: a later one is its consequence. kind is an ErrorKind label. */
void job_fail(struct job *j, const char *kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/*
 * A failed system call, its kind chosen by errno (refused or unreachable: connect; else io). Once the
 * request is out it says where the response stood; a reset reads as in the JVM models (job/JobFailure.java):
 * "Connection reset after 1234 of 5000 body bytes".
 */
void job_fail_errno(struct job *j, const char *call, int err);
/* The timeouts, worded as job/JobFailure.java words them. */
void job_fail_connect_timeout(struct job *j);
void job_fail_read_timeout(struct job *j);
/* Closes the socket, stamps the end and frees the parser's line. */
void job_finish(struct job *j, long long origin);
/*
 * Creates the job's socket with socket(2), stamping the socket creation time as the JVM models do
 * (model/TimedSocket.java); on failure the job is failed and ended. Returns the new fd or -1.
 */
int job_socket(struct job *j, long long origin);

/* Feeds n bytes: 1 when the response is complete, 0 when more is needed, -1 on failure (recorded). */
int parser_feed(struct job *j, const unsigned char *buf, size_t n);
/* The connection closed: 0 if that completes the response, -1 with the failure recorded if not. */
int parser_end(struct job *j);
/* Where the response stands, for a message, as ResponseParser.whereNow(): "after 1234 of 5000 body bytes". */
void parser_where(const struct parser *p, char *out, size_t size);

#endif
