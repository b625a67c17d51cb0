/*
 * idle's conversation, the twin of workload/IdleConversation.java (http/IdleFrames.java has the wire format):
 * it says hello (the plan's request: a keep-alive GET of the hello path), checks the server's 200 head, and
 * then waits, echoing each of the server's 16-byte pings at once, until the server says goodbye. It keeps as
 * little as it can while it waits: the frame being read and, while some wait to be written, its echoes. A
 * warm-up ping counts as a warm-up operation, a measured ping as one of the window; the connection that hears
 * START and END tells its client, which opens and closes the window for the whole run, and the server's
 * RESULT frames after END are the window's round trips.
 */
#include "client.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FRAME_BYTES 16
#define STATUS_BYTES 64
#define HEAD_END 0x0D0A0D0Au
#define MAX_HEAD_BYTES (16 * 1024)

/* The threaded client's jobs share one set of buckets for the round trips: one connection records at a time. */
static pthread_mutex_t results = PTHREAD_MUTEX_INITIALIZER;

enum conv_step idle_next(struct job *j)
{
    const struct idle_state *s = &j->conv.idle;
    if (s->bye) return CONV_DONE;
    if (j->sent < 0 || s->echo_off < s->echo_len) return CONV_SEND;
    return CONV_READ;
}

const char *idle_pending(struct job *j, size_t *len)
{
    struct conversation *c = &j->conv;
    struct idle_state *s = &c->idle;
    if (j->sent < 0) {
        *len = plan.request_len - c->written;
        return plan.request + c->written;
    }
    *len = s->echo_len - s->echo_off;
    return (const char *) s->echoes + s->echo_off;
}

void idle_wrote(struct job *j, size_t n, long long now)
{
    struct conversation *c = &j->conv;
    struct idle_state *s = &c->idle;
    if (j->sent < 0) {
        c->written += n;
        if (c->written == plan.request_len) j->sent = now - conv_origin;
        return;
    }
    s->echo_off += (unsigned int) n;
    if (s->echo_off == s->echo_len) {
        /* every echo is out: the connection goes back to holding nothing but its frame */
        free(s->echoes);
        s->echoes = NULL;
        s->echo_len = s->echo_off = 0;
    }
}

void idle_free(struct job *j)
{
    free(j->conv.idle.echoes);
    j->conv.idle.echoes = NULL;
}

static long long pings(const struct job *j)
{
    return j->conv.ops[PHASE_WARMUP] + j->conv.ops[PHASE_WINDOW];
}

static const char *pings_word(long long n)
{
    return n == 1 ? "ping" : "pings";
}

void idle_where(const struct job *j, char *out, size_t size)
{
    if (j->conv.idle.in_frames) {
        snprintf(out, size, "after %lld %s", pings(j), pings_word(pings(j)));
    } else {
        snprintf(out, size, "before the answer to the hello");
    }
}

/* The status line, kept in the parser's line buffer while the head is read, must say 200. */
static int check_status(struct job *j)
{
    struct parser *p = &j->parser;
    const char *line = p->line ? p->line : "";
    size_t len = p->line_len;
    if (len < 12 || strncmp(line, "HTTP/1.", 7) != 0 || strncmp(line + 8, " 200", 4) != 0) {
        int http = len >= 7 && strncmp(line, "HTTP/1.", 7) == 0;
        job_fail(j, http ? "status" : "protocol", "the server answered the idle hello with \"%.*s\": idle needs "
                "netoverhead's own server (embedded, or netoverhead serve), which sends the heartbeats", (int) len, line);
        return -1;
    }
    p->status = 200;
    return 0;
}

/* Reads the server's answer to the hello up to its blank line; the number of bytes it took, or -1. */
static long head(struct job *j, const unsigned char *buf, size_t n)
{
    struct idle_state *s = &j->conv.idle;
    struct parser *p = &j->parser;
    size_t i = 0;
    while (i < n && !s->in_frames) {
        unsigned char b = buf[i++];
        if (b == '\r' || b == '\n') {
            s->status_done = 1;
        } else if (!s->status_done && p->line_len < STATUS_BYTES) {
            if (!p->line) {
                p->line = malloc(STATUS_BYTES);
                if (!p->line) {
                    job_fail(j, "io", "out of memory for the status line");
                    return -1;
                }
                p->line_cap = STATUS_BYTES;
            }
            p->line[p->line_len++] = (char) b;
        }
        s->tail = (s->tail << 8) | b;
        if (s->tail == HEAD_END) {
            s->in_frames = 1;
            int rc = check_status(j);
            free(p->line);
            p->line = NULL;
            p->line_len = p->line_cap = 0;
            if (rc < 0) return -1;
        } else if (++p->head_bytes > MAX_HEAD_BYTES) {
            job_fail(j, "protocol", "the server's answer to the idle hello has no end of head in %d bytes",
                    MAX_HEAD_BYTES);
            return -1;
        }
    }
    return (long) i;
}

static uint32_t big_endian32(const unsigned char *b)
{
    return (uint32_t) b[0] << 24 | (uint32_t) b[1] << 16 | (uint32_t) b[2] << 8 | b[3];
}

static uint64_t big_endian64(const unsigned char *b)
{
    return (uint64_t) big_endian32(b) << 32 | big_endian32(b + 4);
}

/* Queues the frame's echo behind any not yet written. */
static int echo(struct job *j)
{
    struct idle_state *s = &j->conv.idle;
    unsigned char *grown = realloc(s->echoes, s->echo_len - s->echo_off + FRAME_BYTES);
    if (!grown) {
        job_fail(j, "io", "out of memory for an echo");
        return -1;
    }
    memmove(grown, grown + s->echo_off, s->echo_len - s->echo_off);
    s->echo_len -= s->echo_off;
    s->echo_off = 0;
    memcpy(grown + s->echo_len, s->frame, FRAME_BYTES);
    s->echo_len += FRAME_BYTES;
    s->echoes = grown;
    return 0;
}

static int frame(struct job *j, long long now)
{
    struct conversation *c = &j->conv;
    struct idle_state *s = &c->idle;
    unsigned char type = s->frame[0];
    switch (type) {
    case 'w':
    case 'm':
        if (echo(j) < 0) return -1;
        c->ops[type == 'w' ? PHASE_WARMUP : PHASE_WINDOW]++;
        return 0;
    case 'S':
        idle_window(0, now);
        return 0;
    case 'E':
        idle_window(1, now);
        return 0;
    case 'r': {
        pthread_mutex_lock(&results);
        int rc = latency_record_n(c->latency, (long long) big_endian64(s->frame + 8), big_endian32(s->frame + 4));
        pthread_mutex_unlock(&results);
        if (rc < 0) job_fail(j, "io", "out of memory for the latency buckets");
        return rc;
    }
    case 'x':
        s->bye = 1;
        return 0;
    default:
        job_fail(j, "protocol", "the server sent an idle frame of unknown type %d after %lld %s", type, pings(j),
                pings_word(pings(j)));
        return -1;
    }
}

int idle_received(struct job *j, const unsigned char *buf, size_t n, long long now)
{
    struct idle_state *s = &j->conv.idle;
    if (!s->in_frames) {
        long used = head(j, buf, n);
        if (used < 0) return -1;
        buf += used;
        n -= (size_t) used;
    }
    while (n > 0 && !s->bye) {
        size_t k = FRAME_BYTES - s->frame_len;
        if (k > n) k = n;
        memcpy(s->frame + s->frame_len, buf, k);
        s->frame_len = (unsigned char) (s->frame_len + k);
        buf += k;
        n -= k;
        if (s->frame_len == FRAME_BYTES) {
            s->frame_len = 0;
            if (frame(j, now) < 0) return -1;
        }
    }
    if (s->bye && n > 0) {
        job_fail(j, "protocol", "the server sent %zu bytes after its goodbye", n);
        return -1;
    }
    return 0;
}

int idle_end_of_stream(struct job *j)
{
    if (j->conv.idle.bye) return 0;
    job_fail(j, "closed", "the server closed an idle connection without its goodbye, after %lld %s", pings(j),
            pings_word(pings(j)));
    return -1;
}
