/*
 * netoverhead's native clients: what the threaded and the poll client share. Each client is one C file
 * (threaded.c, poll.c) compiled together with protocol.c (the arguments and the harness's line protocol,
 * child/ChildProtocol.java), job.c (the job records), window.c (the window's bounds on stdout), http.c (the incremental response parser), conversation.c (what a connection
 * says and expects: bulk and rr, and the entry points of every workload), churn.c and idle.c (those two
 * workloads) and latency.c (the latency buckets). A client only moves bytes and stamps times; the
 * conversation decides what to send, when, and what a response means.
 */
#ifndef NETOVERHEAD_CLIENT_H
#define NETOVERHEAD_CLIENT_H

#define _GNU_SOURCE
#include <stddef.h>
#include <sys/socket.h>

enum workload { W_BULK, W_RR, W_CHURN, W_IDLE };

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
    enum workload workload;
    int pipeline;          /* rr: requests in flight per connection */
    double rate;           /* rr: requests per second over all connections; 0 = closed loop */
    long long warmup_ns;   /* rr: the warm-up before the window */
    long long duration_ns; /* rr: the window's length when requests is 0 */
    long long requests;    /* rr, churn: operations per connection in the window, or 0 for a duration */
    int requests_per_connection; /* churn: requests on each connection, the last with Connection: close */
    struct sockaddr_storage addr;
    socklen_t addr_len;
    int family;
    char request[1024];    /* bulk: a GET that asks the server to close; the others: a keep-alive GET */
    size_t request_len;
    char close_request[1024]; /* churn: a connection's last request, which asks the server to close */
    size_t close_request_len;
};

enum parse_state {
    P_STATUS, P_HEADERS, P_CHUNK_SIZE, P_CHUNK_DATA_END, P_TRAILERS, /* line states: bytes count as head */
    P_BODY_LENGTH, P_CHUNK_DATA, P_UNTIL_CLOSE, P_DONE
};

/* The incremental response parser, as http/ResponseParser.java: counts body bytes, keeps none. */
struct parser { /* the fields in an order that leaves no padding: a job record is an idle connection's memory */
    enum parse_state state;
    int status;
    char *line;
    size_t line_len, line_cap;
    long long head_bytes;
    long long content_length;
    long long remaining;
    long long body_bytes;    /* of every response on the connection */
    long long response_base; /* body_bytes when the current response began */
    int chunked;
    int connection_close;    /* the response says Connection: close */
};

/* Latency buckets (rr-spec.md): values below 256 each their own, then 128 per power of two. */
#define LATENCY_ROWS 57
struct latency {
    unsigned long long *rows[LATENCY_ROWS]; /* row 0: values 0..255; row e: (v >> e) - 128; allocated at first use */
};

enum conv_phase { PHASE_WARMUP, PHASE_WINDOW, PHASE_AFTER };

/* bulk and rr: the requests in flight (conversation.c). */
struct rr_state {
    long long *starts;       /* FIFO ring of the start times of the requests in flight (pipeline slots) */
    long long one_start;     /* the ring when there is one slot */
    int head, in_flight;
    long long next;          /* index of the next request to send */
    int stopped;             /* nothing more will be sent */
};

/* churn: where the current connection stands (churn.c). */
struct churn_state {
    struct latency *connect_latency; /* where window connect latencies go */
    long long connect_start;  /* the current connection's socket was created */
    long long connect_ns;     /* its connect latency */
    int sent, answered;       /* requests begun and responses complete on this connection */
    char awaiting_close;      /* its last response is in: the server's close comes next */
    char closed;              /* the server has closed it: the connection is over */
};

/* idle: the hello's answer, the frame being read and the echoes not yet written (idle.c). */
struct idle_state {
    unsigned char *echoes;    /* allocated while echoes wait to be written, freed once they are */
    unsigned int echo_len, echo_off;
    unsigned int tail;        /* the head's last four bytes */
    unsigned char frame[16];  /* the frame being read */
    unsigned char frame_len;
    char in_frames;           /* the head is read: frames follow */
    char status_done;         /* the status line is read */
    char bye;                 /* the server said goodbye */
};

/* One connection's conversation: the requests sent and not yet answered, and the counts per phase. */
struct conversation {
    int begun;               /* the next request has its start time and slot: its bytes are being written */
    int last_status;         /* of the last completed response */
    size_t written;          /* bytes of that request already written (a write may be partial or refused) */
    long long ops[3];        /* operations completed per phase */
    long long responses;     /* responses completed, every phase */
    long long last_length;
    struct latency *latency; /* where window latencies go: the thread's buckets (idle: the round trips) */
    union {                  /* the workload's own state: a connection holds only its workload's */
        struct rr_state rr;  /* bulk and rr */
        struct churn_state churn;
        struct idle_state idle;
    };
};

/* One job's record (times in ns from the window's start, -1 if never reached) and its socket. */
struct job {
    int id;
    int fd;
    long long socket_start, socket_create, setup, connected, sent, end;
    struct parser parser;
    struct conversation conv;
    const char *error; /* an ErrorKind label, or NULL */
    char *message;     /* allocated with the error */
    /* used by the poll client only */
    int phase;
    int blocked;  /* the last send would have blocked: wait for POLLOUT */
    long long due; /* when the conversation next wants to send (absolute ns), LLONG_MAX if only an event moves it */
    long long deadline; /* LLONG_MAX when nothing is watched (an idle connection) */
};

extern struct plan plan;

long long now_ns(void);

/* Parses the arguments and resolves the host; on a bad argument says FAIL and exits. */
void plan_init(int argc, char **argv);

/*
 * The protocol: READY and wait for GO; START; END, wait for REPORT; JOB lines (and for rr, churn and idle
 * one LAT line with the merged buckets of `latencies`, for churn then one CLAT line with those of
 * `connect_latencies`); DONE; FAIL and exit. Only one thread ever writes stdout.
 */
void protocol_ready(void);
void protocol_start(void);
void protocol_end(long long window_ns);
/* protocol_end in two steps, for a client whose connections go on after END: say it, then wait for REPORT. */
void protocol_say_end(long long window_ns);
void protocol_await_report(void);
void protocol_jobs(struct job *jobs, int count, struct latency *latencies, struct latency *connect_latencies,
        int latency_count);
void protocol_report(struct job *jobs, int count, long long window_ns);
void protocol_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

void job_init(struct job *j, int id);
/* Records the first failure only: a later one is its consequence. kind is an ErrorKind label. */
void job_fail(struct job *j, const char *kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/*
 * A failed system call, its kind chosen by errno (refused or unreachable: connect; no local port left:
 * ports; else io). Once the request is out it says where the conversation stood; a reset reads as in the
 * JVM models (job/JobFailure.java): "Connection reset after 1234 of 5000 body bytes".
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
/* churn: the socket of the job's next connection, its creation time in *created; on failure recorded, -1. */
int job_next_socket(struct job *j, long long *created);

/*
 * Feeds up to n bytes and stops at the end of one response, leaving the rest (the next pipelined response)
 * unread: *used says how many it took. 1 when the response is complete, 0 when more is needed, -1 on
 * failure (recorded); bytes fed to a complete response are a failure.
 */
int parser_feed(struct job *j, const unsigned char *buf, size_t n, size_t *used);
/* Makes the parser ready for the next response on the same connection; body bytes keep adding up. */
void parser_next(struct parser *p);
/* The connection closed: 0 if that completes the response, -1 with the failure recorded if not. */
int parser_end(struct job *j);
/* Where the response stands, for a message, as ResponseParser.whereNow(): "after 1234 of 5000 body bytes". */
void parser_where(const struct parser *p, char *out, size_t size);

/*
 * The window's bounds, from the origin; the conversation of each job. For idle the server opens and closes
 * the window: both bounds stay LLONG_MAX here and the conversation that hears START or END says so to its
 * client through idle_window.
 */
enum conv_step { CONV_SEND, CONV_WAIT, CONV_READ, CONV_DONE };
extern long long window_start, window_end; /* absolute ns; window_end is LLONG_MAX in requests mode */
extern long long conv_origin;               /* the run's origin: job times count from it */
void conversation_begin(long long origin);
/*
 * Prepares the job's conversation; window latencies go to `latency` (idle: the server's round trips, which
 * may be shared by all jobs), churn's connect latencies to `connect_latency`. -1 when out of memory (recorded).
 */
int conv_init(struct job *j, struct latency *latency, struct latency *connect_latency);
/* A connection's socket exists from `created` and its connect starts: churn's connect latency counts from here. */
void conv_connecting(struct job *j, long long created);
/* The connection is established at `now`. */
void conv_connected(struct job *j, long long now);
/*
 * Once conv_next says CONV_DONE: 1 when the client closes this connection and opens another for the same
 * conversation (churn, inside its window), calling conv_connecting and conv_connected again; 0 when the job is over.
 */
int conv_reconnect(struct job *j, long long now);
/* Whether the read timeout applies to the job's connection: not to an idle one, which the server ends. */
int conv_read_timeout_applies(void);
/* Where the conversation stands, for a message: "after 1234 of 5000 body bytes", "after 3 pings". */
void conv_where(const struct job *j, char *out, size_t size);
/*
 * What the job does next at `now`: CONV_SEND (write conv_pending's bytes now), CONV_WAIT (the next send
 * is due at *when; read meanwhile if requests are in flight), CONV_READ (wait for a response), CONV_DONE.
 */
enum conv_step conv_next(struct job *j, long long now, long long *when);
/* The bytes to write now; a request's start time is stamped at `now` when its first byte is about to go. */
const char *conv_pending(struct job *j, size_t *len, long long now);
/* n bytes were written at `now`. */
void conv_wrote(struct job *j, size_t n, long long now);
/* Bytes received at `now`: 0 to go on, -1 on failure (recorded). */
int conv_received(struct job *j, const unsigned char *buf, size_t n, long long now);
/* send or recv failed with errno `err`: recorded as job_fail_errno does, or as `closed` (rr, between responses). */
void conv_failed(struct job *j, const char *call, int err);
/* The server closed the connection at `now`: 0 if the conversation was done, -1 with the failure recorded. */
int conv_end_of_stream(struct job *j, long long now);
/* Requests in flight (churn: also the server's close awaited after the last response). */
int conv_in_flight(const struct job *j);
void conv_free(struct job *j);

/* churn.c and idle.c: the workloads' halves of the conv_ functions above, which call them. */
void churn_init(struct job *j, struct latency *connect_latency);
enum conv_step churn_next(struct job *j);
const char *churn_pending(struct job *j, size_t *len);
void churn_wrote(struct job *j, size_t n, long long now);
int churn_received(struct job *j, const unsigned char *buf, size_t n, long long now);
int churn_end_of_stream(struct job *j);
int churn_reconnect(struct job *j, long long now);
enum conv_step idle_next(struct job *j);
const char *idle_pending(struct job *j, size_t *len);
void idle_wrote(struct job *j, size_t n, long long now);
int idle_received(struct job *j, const unsigned char *buf, size_t n, long long now);
int idle_end_of_stream(struct job *j);
void idle_where(const struct job *j, char *out, size_t size);
void idle_free(struct job *j);
/*
 * Defined by each client: the server opened (end 0) or closed (end 1) the idle window at `at`, as heard by
 * one of its connections. The client says START or END from the one thread that writes stdout.
 */
void idle_window(int end, long long at);

/* window.c: the window's bounds on stdout, said by the thread that writes it. */
void sleep_until(long long when);
/* rr, churn, while jobs run: START at the window's start, END at its end in duration mode; 1 once END is said. */
int window_by_clock(long long now, int *started);
/* rr, churn, once every job has ended: what is left to say (START if `started` is 0, then END). */
void window_by_clock_after_jobs(int started);
/*
 * idle: START once `opened` is known (not LLONG_MAX), END once `closed` is, said without waiting for REPORT
 * (the connections go on until their goodbye); *said counts what has been said: 0, 1 or 2.
 */
void window_as_heard(int *said, long long opened, long long closed);

/* Counts one latency in ns: 0, or -1 when out of memory. */
int latency_record(struct latency *h, long long v);
/* Counts `count` latencies of v ns each (idle's round trips as the server reports them): 0, or -1. */
int latency_record_n(struct latency *h, long long v, unsigned long long count);
void latency_merge(struct latency *into, const struct latency *from);
/*
 * Prints the pairs of the LAT line ("LAT\tv:c v:c ...", child/ChildProtocol.java): "v:c" for every non-empty
 * bucket, v its median equivalent value, in increasing order, the first after a tab, the others after a space.
 */
void latency_print(const struct latency *h);
void latency_free(struct latency *h);

#endif
