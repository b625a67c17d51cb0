/*
 * What a connection says and expects, the twin of the Java conversations (rr-spec.md): the clients ask it
 * what to send and when, hand it what they receive, and stamp nothing themselves beyond the times they pass.
 *
 * bulk: one GET with Connection: close, its response read to the end; the job is done when it is complete.
 * rr: keep-alive GETs, up to `pipeline` in flight, answered in order. Closed loop (rate 0): a request goes
 * whenever a slot is free, its start time the moment its write begins. Open loop: connection i of N sends
 * request j at its intended time origin + (i + j N) 1e9 / rate, or at once when it is late, and its
 * latency counts from that intended time (coordinated omission corrected). An operation belongs to the
 * phase in which its response completes: warm-up, window (its latency is recorded) or after.
 * churn (churn.c) and idle (idle.c) have conversations of their own; the conv_ functions pass them on.
 */
#include "client.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

long long window_start, window_end;
long long conv_origin;

void conversation_begin(long long at)
{
    conv_origin = at;
    if (plan.workload == W_IDLE) {
        window_start = window_end = LLONG_MAX; /* the server opens and closes idle's window */
        return;
    }
    window_start = at + plan.warmup_ns;
    window_end = plan.requests > 0 ? LLONG_MAX : window_start + plan.duration_ns;
}

int conv_init(struct job *j, struct latency *latency, struct latency *connect_latency)
{
    struct conversation *c = &j->conv;
    c->latency = latency;
    c->last_status = -1;
    c->last_length = -1;
    if (plan.workload == W_CHURN) churn_init(j, connect_latency);
    if (plan.workload != W_BULK && plan.workload != W_RR) return 0;
    int slots = plan.workload == W_RR ? plan.pipeline : 1;
    c->rr.starts = slots == 1 ? &c->rr.one_start : calloc((size_t) slots, sizeof *c->rr.starts);
    if (!c->rr.starts) {
        job_fail(j, "io", "out of memory for %d request slots", slots);
        return -1;
    }
    return 0;
}

void conv_free(struct job *j)
{
    if (plan.workload == W_IDLE) idle_free(j);
    if (plan.workload != W_BULK && plan.workload != W_RR) return;
    if (j->conv.rr.starts != &j->conv.rr.one_start) free(j->conv.rr.starts);
    j->conv.rr.starts = NULL;
}

void conv_connecting(struct job *j, long long created)
{
    if (plan.workload == W_CHURN) j->conv.churn.connect_start = created;
}

void conv_connected(struct job *j, long long now)
{
    if (j->connected < 0) j->connected = now - conv_origin;
    if (plan.workload == W_CHURN) j->conv.churn.connect_ns = now - j->conv.churn.connect_start;
}

int conv_reconnect(struct job *j, long long now)
{
    return plan.workload == W_CHURN && churn_reconnect(j, now);
}

int conv_read_timeout_applies(void)
{
    return plan.workload != W_IDLE;
}

void conv_where(const struct job *j, char *out, size_t size)
{
    if (plan.workload == W_IDLE) idle_where(j, out, size);
    else parser_where(&j->parser, out, size);
}

int conv_in_flight(const struct job *j)
{
    if (plan.workload == W_CHURN) {
        const struct churn_state *s = &j->conv.churn;
        return s->sent - s->answered + (s->awaiting_close && !s->closed);
    }
    return plan.workload == W_IDLE ? 0 : j->conv.rr.in_flight;
}

/* The intended send time of the connection's request `index` in the open loop. */
static long long intended(const struct job *j, long long index)
{
    double offset = ((double) j->id + (double) index * plan.connections) * 1e9 / plan.rate;
    return conv_origin + (long long) offset;
}

enum conv_step conv_next(struct job *j, long long now, long long *when)
{
    struct conversation *c = &j->conv;
    if (plan.workload == W_CHURN) return churn_next(j);
    if (plan.workload == W_IDLE) return idle_next(j);
    if (c->begun) return CONV_SEND;
    if (plan.workload == W_BULK) {
        if (c->rr.next == 0) return CONV_SEND;
        return j->parser.state == P_DONE ? CONV_DONE : CONV_READ;
    }
    if (!c->rr.stopped && c->rr.in_flight < plan.pipeline) {
        long long at = plan.rate > 0 ? intended(j, c->rr.next) : now;
        if (at >= window_end) {
            c->rr.stopped = 1;
        } else if (plan.requests > 0 && now >= window_start && c->ops[PHASE_WINDOW] + c->rr.in_flight >= plan.requests) {
            /* every request in flight now completes in this connection's window or after it */
            c->rr.stopped = 1;
        } else if (at > now) {
            *when = at;
            return CONV_WAIT;
        } else {
            return CONV_SEND;
        }
    }
    if (c->rr.in_flight > 0) return CONV_READ;
    return c->rr.stopped ? CONV_DONE : CONV_READ;
}

const char *conv_pending(struct job *j, size_t *len, long long now)
{
    struct conversation *c = &j->conv;
    if (plan.workload == W_CHURN) return churn_pending(j, len);
    if (plan.workload == W_IDLE) return idle_pending(j, len);
    if (!c->begun) {
        c->begun = 1;
        int slots = plan.workload == W_RR ? plan.pipeline : 1;
        long long start = plan.workload == W_RR && plan.rate > 0 ? intended(j, c->rr.next) : now;
        c->rr.starts[(c->rr.head + c->rr.in_flight) % slots] = start;
        c->rr.in_flight++;
    }
    *len = plan.request_len - c->written;
    return plan.request + c->written;
}

void conv_wrote(struct job *j, size_t n, long long now)
{
    struct conversation *c = &j->conv;
    if (plan.workload == W_CHURN) {
        churn_wrote(j, n, now);
        return;
    }
    if (plan.workload == W_IDLE) {
        idle_wrote(j, n, now);
        return;
    }
    c->written += n;
    if (c->written < plan.request_len) return;
    c->written = 0;
    c->begun = 0;
    c->rr.next++;
    if (j->sent < 0) j->sent = now - conv_origin;
}

static enum conv_phase phase_at(const struct conversation *c, long long now)
{
    if (now < window_start) return PHASE_WARMUP;
    if (plan.requests > 0) return c->ops[PHASE_WINDOW] < plan.requests ? PHASE_WINDOW : PHASE_AFTER;
    return now < window_end ? PHASE_WINDOW : PHASE_AFTER;
}

static void fail_closed(struct job *j)
{
    job_fail(j, "closed", "the server closed the connection after %lld %s; rr needs keep-alive (Connection: close)",
            j->conv.responses, j->conv.responses == 1 ? "response" : "responses");
}

/* The response at the head of the FIFO has been read to its last byte at `now`. */
static int complete(struct job *j, long long now)
{
    struct conversation *c = &j->conv;
    struct parser *p = &j->parser;
    long long start = c->rr.starts[c->rr.head];
    c->rr.head = (c->rr.head + 1) % plan.pipeline;
    c->rr.in_flight--;
    c->responses++;
    c->last_status = p->status;
    c->last_length = p->content_length;
    enum conv_phase phase = phase_at(c, now);
    c->ops[phase]++;
    if (phase == PHASE_WINDOW && latency_record(c->latency, now - start) < 0) {
        job_fail(j, "io", "out of memory for the latency buckets");
        return -1;
    }
    if (p->connection_close) {
        fail_closed(j);
        return -1;
    }
    parser_next(p);
    return 0;
}

int conv_received(struct job *j, const unsigned char *buf, size_t n, long long now)
{
    if (plan.workload == W_CHURN) return churn_received(j, buf, n, now);
    if (plan.workload == W_IDLE) return idle_received(j, buf, n, now);
    if (plan.workload == W_BULK) {
        size_t used;
        int rc = parser_feed(j, buf, n, &used);
        /* bytes past the end of the one response: the parser says what is wrong with them */
        if (rc == 1 && used < n) rc = parser_feed(j, buf + used, n - used, &used);
        return rc < 0 ? -1 : 0;
    }
    while (n > 0) {
        if (j->conv.rr.in_flight == 0) {
            job_fail(j, "protocol", "the server sent %zu bytes with no request in flight", n);
            return -1;
        }
        size_t used;
        int rc = parser_feed(j, buf, n, &used);
        if (rc < 0) return -1;
        if (rc == 1 && complete(j, now) < 0) return -1;
        buf += used;
        n -= used;
    }
    return 0;
}

void conv_failed(struct job *j, const char *call, int err)
{
    /*
     * A kept-alive connection the server has closed: a request written into it draws a reset, which recv
     * may report before the end of stream. Between responses, that is the server closing, as an end of stream.
     */
    int between = j->parser.state == P_STATUS && j->parser.head_bytes == 0;
    if (plan.workload == W_RR && j->conv.responses > 0 && between && (err == ECONNRESET || err == EPIPE)) {
        fail_closed(j);
        return;
    }
    job_fail_errno(j, call, err);
}

int conv_end_of_stream(struct job *j, long long now)
{
    if (plan.workload == W_BULK) return parser_end(j);
    if (plan.workload == W_CHURN) return churn_end_of_stream(j);
    if (plan.workload == W_IDLE) return idle_end_of_stream(j);
    long long when;
    if (conv_next(j, now, &when) == CONV_DONE) return 0;
    fail_closed(j);
    return -1;
}
