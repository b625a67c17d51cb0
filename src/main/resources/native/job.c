/* Job records: their failures in the JVM models' words, their sockets and their end. */
#include "client.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void job_init(struct job *j, int id)
{
    memset(j, 0, sizeof *j);
    j->id = id;
    j->fd = -1;
    j->socket_start = j->socket_create = j->setup = j->connected = j->sent = j->end = j->deadline = -1;
    j->parser.state = P_STATUS;
    j->parser.status = -1;
    j->parser.content_length = -1;
}

void job_fail(struct job *j, const char *kind, const char *fmt, ...)
{
    if (j->error) return;
    char text[320];
    j->error = kind;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    j->message = strdup(text); /* NULL when out of memory: the record then has its kind without words */
}

void job_fail_errno(struct job *j, const char *call, int err)
{
    char where[96] = "";
    if (err == EADDRNOTAVAIL) {
        /* job/JobFailure.noPorts: the call's own words, then the remedy */
        job_fail(j, "ports", "%s: %s (errno %d): no local port left; widen net.ipv4.ip_local_port_range"
                " (sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\") or use fewer connections",
                call, strerror(err), err);
        return;
    }
    if (j->sent >= 0) {
        where[0] = ' ';
        conv_where(j, where + 1, sizeof where - 1);
    }
    if (err == ECONNRESET) {
        job_fail(j, "io", "Connection reset%s", where);
        return;
    }
    const char *kind = err == ECONNREFUSED || err == ENETUNREACH || err == EHOSTUNREACH ? "connect"
            : err == ETIMEDOUT ? "timeout" : "io";
    job_fail(j, kind, "%s: %s (errno %d)%s", call, strerror(err), err, where);
}

void job_fail_connect_timeout(struct job *j)
{
    job_fail(j, "timeout", "connect timed out after %d ms", plan.connect_timeout_ms);
}

void job_fail_read_timeout(struct job *j)
{
    job_fail(j, "timeout", "no data for %d ms after %lld body bytes", plan.read_timeout_ms, j->parser.body_bytes);
}

int job_socket(struct job *j, long long origin)
{
    long long start = now_ns();
    j->fd = socket(plan.family, SOCK_STREAM, 0);
    long long created = now_ns();
    if (j->fd < 0) {
        job_fail_errno(j, "socket", errno);
        j->end = created - origin;
        return -1;
    }
    j->socket_start = start - origin;
    j->socket_create = created - start;
    return j->fd;
}

int job_next_socket(struct job *j, long long *created)
{
    int fd = socket(plan.family, SOCK_STREAM, 0);
    *created = now_ns();
    if (fd < 0) {
        job_fail_errno(j, "socket", errno);
        return -1;
    }
    j->fd = fd;
    return fd;
}

void job_finish(struct job *j, long long origin)
{
    if (j->fd >= 0) close(j->fd);
    j->fd = -1;
    j->end = now_ns() - origin;
    free(j->parser.line);
    j->parser.line = NULL;
    j->parser.line_cap = j->parser.line_len = 0;
    conv_free(j);
}
