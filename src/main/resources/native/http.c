/*
 * The incremental HTTP/1.x response parser, the same rules as http/ResponseParser.java: a status line that
 * must say 200, headers, then a body framed by Content-Length, chunked (extensions and trailers allowed),
 * or the connection's end (bulk only: rr needs every response framed). Buffers may split the response
 * anywhere, and one buffer may hold the end of one response and the start of the next (pipelining): the
 * parser stops at each response's end. Body bytes are counted, never kept.
 */
#include "client.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* payload/PayloadPattern.java: a block of PERIOD bytes from java.util.SplittableRandom(SEED).nextBytes */
#define PERIOD 65521
static unsigned char pattern[PERIOD];

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void verify_init(void)
{
    uint64_t seed = 0x6E65746F76657268ULL, gamma = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < PERIOD;) {
        uint64_t r = mix64(seed += gamma);
        for (int k = 0; k < 8 && i < PERIOD; k++, r >>= 8) pattern[i++] = (unsigned char) r;
    }
}

/* A line of the response for a message: at most 80 characters, anything unprintable as '?'. */
static const char *printable(const char *s, size_t len, char *out, size_t size)
{
    size_t n = len > 80 ? 80 : len, i;
    for (i = 0; i < n && i + 4 < size; i++) out[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
    out[i] = '\0';
    if (len > n) strcat(out, "...");
    return out;
}

static void trim(const char **s, size_t *len)
{
    while (*len > 0 && (unsigned char) (*s)[0] <= ' ') { (*s)++; (*len)--; }
    while (*len > 0 && (unsigned char) (*s)[*len - 1] <= ' ') (*len)--;
}

static int body(struct job *j, const unsigned char *buf, size_t n)
{
    struct parser *p = &j->parser;
    if (plan.verify) {
        long long offset = p->body_bytes - p->response_base; /* every response's body is the pattern from 0 */
        size_t at = (size_t) (offset % PERIOD);
        for (size_t i = 0; i < n; i++) {
            if (buf[i] != pattern[at]) {
                job_fail(j, "corrupt", "body differs from the payload at byte %lld", offset + (long long) i);
                return -1;
            }
            if (++at == PERIOD) at = 0;
        }
    }
    p->body_bytes += (long long) n;
    return 0;
}

static int status_line(struct job *j, const char *s, size_t len)
{
    char shown[96];
    if (len < 12 || strncmp(s, "HTTP/1.", 7) != 0 || s[8] != ' ' || !isdigit((unsigned char) s[9])
            || !isdigit((unsigned char) s[10]) || !isdigit((unsigned char) s[11]) || (len > 12 && s[12] != ' ')) {
        job_fail(j, "protocol", "malformed status line: %s", printable(s, len, shown, sizeof shown));
        return -1;
    }
    j->parser.status = (s[9] - '0') * 100 + (s[10] - '0') * 10 + (s[11] - '0');
    if (j->parser.status != 200) {
        const char *reason = s + 9;
        size_t rlen = len - 9;
        trim(&reason, &rlen);
        job_fail(j, "status", "HTTP %s", printable(reason, rlen, shown, sizeof shown));
        return -1;
    }
    j->parser.state = P_HEADERS;
    return 0;
}

static int header(struct job *j, const char *s, size_t len)
{
    struct parser *p = &j->parser;
    char shown[96];
    const char *colon = memchr(s, ':', len);
    if (!colon || colon == s || s[0] == ' ' || s[0] == '\t') {
        job_fail(j, "protocol", "malformed header line: %s", printable(s, len, shown, sizeof shown));
        return -1;
    }
    const char *name = s, *value = colon + 1;
    size_t nlen = (size_t) (colon - s), vlen = len - nlen - 1;
    trim(&name, &nlen);
    trim(&value, &vlen);
    if (nlen == 14 && strncasecmp(name, "content-length", 14) == 0) {
        long long length = 0;
        if (vlen == 0 || vlen > 18) goto bad_length;
        for (size_t i = 0; i < vlen; i++) {
            if (!isdigit((unsigned char) value[i])) goto bad_length;
            length = length * 10 + (value[i] - '0');
        }
        if (p->content_length >= 0 && p->content_length != length) {
            job_fail(j, "protocol", "conflicting Content-Length headers");
            return -1;
        }
        p->content_length = length;
    } else if (nlen == 17 && strncasecmp(name, "transfer-encoding", 17) == 0) {
        const char *last = value, *comma;
        size_t llen = vlen;
        while ((comma = memchr(last, ',', llen))) { llen -= (size_t) (comma + 1 - last); last = comma + 1; }
        trim(&last, &llen);
        if (llen != 7 || strncasecmp(last, "chunked", 7) != 0) {
            job_fail(j, "protocol", "unsupported Transfer-Encoding: %s", printable(value, vlen, shown, sizeof shown));
            return -1;
        }
        p->chunked = 1;
    } else if (nlen == 10 && strncasecmp(name, "connection", 10) == 0) {
        for (size_t i = 0; i + 5 <= vlen; i++) {
            /* the token "close" in a comma-separated list */
            if (strncasecmp(value + i, "close", 5) != 0) continue;
            int before = i == 0 || value[i - 1] == ',' || value[i - 1] == ' ' || value[i - 1] == '\t';
            int after = i + 5 == vlen || value[i + 5] == ',' || value[i + 5] == ' ' || value[i + 5] == '\t';
            if (before && after) p->connection_close = 1;
        }
    }
    return 0;
bad_length:
    job_fail(j, "protocol", "bad Content-Length: %s", printable(value, vlen, shown, sizeof shown));
    return -1;
}

static int start_body(struct job *j)
{
    struct parser *p = &j->parser;
    if (p->chunked) {
        p->content_length = -1;
        p->state = P_CHUNK_SIZE;
    } else if (p->content_length >= 0) {
        p->remaining = p->content_length;
        p->state = p->remaining == 0 ? P_DONE : P_BODY_LENGTH;
    } else if (plan.workload == W_RR) {
        job_fail(j, "protocol", "the server sent a response delimited by closing the connection; "
                "rr needs Content-Length or chunked responses");
        return -1;
    } else {
        p->state = P_UNTIL_CLOSE;
    }
    return 0;
}

static int chunk_size(struct job *j, const char *s, size_t len)
{
    char shown[96];
    const char *hex = s;
    const char *semicolon = memchr(s, ';', len);
    size_t hlen = semicolon ? (size_t) (semicolon - s) : len;
    long long size = 0;
    trim(&hex, &hlen);
    if (hlen == 0 || hlen > 15) goto bad;
    for (size_t i = 0; i < hlen; i++) {
        if (!isxdigit((unsigned char) hex[i])) goto bad;
        int c = tolower((unsigned char) hex[i]);
        size = size * 16 + (c <= '9' ? c - '0' : c - 'a' + 10);
    }
    j->parser.remaining = size;
    j->parser.state = size == 0 ? P_TRAILERS : P_CHUNK_DATA;
    return 0;
bad:
    job_fail(j, "protocol", "bad chunk size: %s", printable(s, len, shown, sizeof shown));
    return -1;
}

static int end_of_line(struct job *j)
{
    struct parser *p = &j->parser;
    size_t len = p->line_len;
    const char *s = p->line ? p->line : "";
    if (len > 0 && s[len - 1] == '\r') len--;
    p->line_len = 0;
    switch (p->state) {
    case P_STATUS: return status_line(j, s, len);
    case P_HEADERS:
        if (len == 0) return start_body(j);
        return header(j, s, len);
    case P_CHUNK_SIZE: return chunk_size(j, s, len);
    case P_CHUNK_DATA_END:
        if (len != 0) { job_fail(j, "protocol", "chunk data longer than its size"); return -1; }
        p->state = P_CHUNK_SIZE;
        return 0;
    case P_TRAILERS:
        if (len == 0) p->state = P_DONE;
        return 0;
    default: return 0;
    }
}

int parser_feed(struct job *j, const unsigned char *buf, size_t n, size_t *used)
{
    struct parser *p = &j->parser;
    size_t pos = 0;
    *used = 0;
    if (n > 0 && p->state == P_DONE) {
        if (p->content_length >= 0)
            job_fail(j, "protocol", "body longer than its Content-Length of %lld bytes", p->content_length);
        else
            job_fail(j, "protocol", "data after the end of the chunked body");
        return -1;
    }
    while (pos < n && p->state != P_DONE) {
        switch (p->state) {
        case P_BODY_LENGTH:
        case P_CHUNK_DATA: {
            size_t k = (long long) (n - pos) < p->remaining ? n - pos : (size_t) p->remaining;
            if (body(j, buf + pos, k) < 0) return -1;
            pos += k;
            p->remaining -= (long long) k;
            if (p->remaining == 0) p->state = p->state == P_BODY_LENGTH ? P_DONE : P_CHUNK_DATA_END;
            break;
        }
        case P_UNTIL_CLOSE:
            if (body(j, buf + pos, n - pos) < 0) return -1;
            pos = n;
            break;
        default: {
            unsigned char b = buf[pos++];
            if (++p->head_bytes > plan.max_head) {
                job_fail(j, "protocol", "response head larger than %d bytes", plan.max_head);
                return -1;
            }
            if (b == '\n') {
                if (end_of_line(j) < 0) return -1;
            } else {
                if (p->line_len == p->line_cap) {
                    size_t cap = p->line_cap ? p->line_cap * 2 : 256;
                    char *grown = realloc(p->line, cap);
                    if (!grown) { job_fail(j, "io", "out of memory for a response line"); return -1; }
                    p->line = grown;
                    p->line_cap = cap;
                }
                p->line[p->line_len++] = (char) b;
            }
        }
        }
    }
    *used = pos;
    return p->state == P_DONE;
}

void parser_next(struct parser *p)
{
    p->state = P_STATUS;
    p->line_len = 0;
    p->head_bytes = 0;
    p->status = -1;
    p->content_length = -1;
    p->chunked = 0;
    p->remaining = 0;
    p->response_base = p->body_bytes;
    p->connection_close = 0;
}

int parser_end(struct job *j)
{
    struct parser *p = &j->parser;
    switch (p->state) {
    case P_DONE: return 0;
    case P_UNTIL_CLOSE: p->state = P_DONE; return 0;
    case P_BODY_LENGTH:
        job_fail(j, "truncated", "connection closed after %lld of %lld body bytes", p->body_bytes - p->response_base,
                p->content_length);
        return -1;
    case P_CHUNK_SIZE: case P_CHUNK_DATA: case P_CHUNK_DATA_END: case P_TRAILERS:
        job_fail(j, "truncated", "connection closed inside the chunked body after %lld body bytes",
                p->body_bytes - p->response_base);
        return -1;
    default:
        if (p->head_bytes == 0) job_fail(j, "truncated", "connection closed before any response");
        else job_fail(j, "truncated", "connection closed inside the response head after %lld bytes", p->head_bytes);
        return -1;
    }
}

void parser_where(const struct parser *p, char *out, size_t size)
{
    long long body = p->body_bytes - p->response_base;
    if (p->state != P_STATUS && p->state != P_HEADERS) {
        if (p->content_length >= 0 && !p->chunked)
            snprintf(out, size, "after %lld of %lld body bytes", body, p->content_length);
        else
            snprintf(out, size, "after %lld body bytes", body);
    } else if (p->head_bytes == 0) {
        snprintf(out, size, "before any response");
    } else {
        snprintf(out, size, "inside the response head after %lld bytes", p->head_bytes);
    }
}
