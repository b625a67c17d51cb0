/*
 * churn's conversation, the twin of workload/ChurnConversation.java: connection after connection, each a
 * socket, a connect, requests_per_connection requests answered one at a time (the last asks the server to
 * close) and the server's close read, as netperf's TCP_CRR does: the server closes first, so that TIME_WAIT
 * stays on its side. An operation is one connection: its connect latency counts from conv_connecting to
 * conv_connected, its transaction latency from conv_connecting to its last response; it belongs to the phase
 * in which that response completes. No connection starts once the window has ended (or the job has had its
 * `requests` connections in the window).
 */
#include "client.h"

#include <string.h>

void churn_init(struct job *j, struct latency *connect_latency)
{
    j->conv.churn.connect_latency = connect_latency;
}

enum conv_step churn_next(struct job *j)
{
    const struct churn_state *s = &j->conv.churn;
    if (j->conv.begun) return CONV_SEND;
    if (s->closed) return CONV_DONE;
    if (s->sent == s->answered && s->sent < plan.requests_per_connection) return CONV_SEND;
    return CONV_READ;
}

/* The request being written: a keep-alive one, or the connection's last, which asks the server to close. */
static int last_request(const struct churn_state *s)
{
    return s->sent == plan.requests_per_connection;
}

const char *churn_pending(struct job *j, size_t *len)
{
    struct conversation *c = &j->conv;
    struct churn_state *s = &c->churn;
    if (!c->begun) {
        c->begun = 1;
        s->sent++;
    }
    const char *request = last_request(s) ? plan.close_request : plan.request;
    size_t request_len = last_request(s) ? plan.close_request_len : plan.request_len;
    *len = request_len - c->written;
    return request + c->written;
}

void churn_wrote(struct job *j, size_t n, long long now)
{
    struct conversation *c = &j->conv;
    c->written += n;
    if (c->written < (last_request(&c->churn) ? plan.close_request_len : plan.request_len)) return;
    c->written = 0;
    c->begun = 0;
    if (j->sent < 0) j->sent = now - conv_origin;
}

static const char *requests_word(int n)
{
    return n == 1 ? "request" : "requests";
}

/* A response has been read to its last byte at `now`: 0 to go on, -1 on failure (recorded). */
static int complete(struct job *j, long long now)
{
    struct conversation *c = &j->conv;
    struct churn_state *s = &c->churn;
    struct parser *p = &j->parser;
    s->answered++;
    c->responses++;
    c->last_status = p->status;
    c->last_length = p->content_length;
    int closes = p->connection_close;
    parser_next(p);
    if (s->answered < plan.requests_per_connection) {
        if (closes) {
            job_fail(j, "closed", "the server closed the connection after %d of %d requests (it answered with "
                    "Connection: close)", s->answered, plan.requests_per_connection);
            return -1;
        }
        return 0;
    }
    s->awaiting_close = 1;
    enum conv_phase phase = now < window_start ? PHASE_WARMUP : now < window_end ? PHASE_WINDOW : PHASE_AFTER;
    c->ops[phase]++;
    if (phase == PHASE_WINDOW && (latency_record(c->latency, now - s->connect_start) < 0
            || latency_record(s->connect_latency, s->connect_ns) < 0)) {
        job_fail(j, "io", "out of memory for the latency buckets");
        return -1;
    }
    return 0;
}

int churn_received(struct job *j, const unsigned char *buf, size_t n, long long now)
{
    const struct churn_state *s = &j->conv.churn;
    while (n > 0) {
        if (s->sent == s->answered) {
            long long connections = j->conv.ops[PHASE_WARMUP] + j->conv.ops[PHASE_WINDOW] + j->conv.ops[PHASE_AFTER];
            job_fail(j, "protocol", "the server sent %zu bytes that answer no request, on a connection after %lld "
                    "connections", n, connections);
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

int churn_end_of_stream(struct job *j)
{
    struct churn_state *s = &j->conv.churn;
    if (s->awaiting_close) {
        s->closed = 1;
        return 0;
    }
    /* a response cut short is truncated, as the parser words it; otherwise the server closed too early */
    if (j->parser.head_bytes > 0 || j->parser.state != P_STATUS) parser_end(j);
    job_fail(j, "closed", "the server closed the connection after %d of %d %s without answering", s->answered,
            plan.requests_per_connection, requests_word(plan.requests_per_connection));
    return -1;
}

int churn_reconnect(struct job *j, long long now)
{
    struct churn_state *s = &j->conv.churn;
    if (now >= window_end || (plan.requests > 0 && j->conv.ops[PHASE_WINDOW] >= plan.requests)) return 0;
    s->sent = s->answered = 0;
    s->awaiting_close = s->closed = 0;
    j->conv.begun = 0;
    j->conv.written = 0;
    return 1;
}
