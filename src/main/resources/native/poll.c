/*
 * The Haiku suite's poll() client: the main thread sets every job up one after another (socket(2), fcntl(2) to
 * make it non-blocking, a connect(2) that returns EINPROGRESS), then waits with poll over all sockets,
 * finishes connects with getsockopt(SO_ERROR), sends what each conversation asks for with send(2) and calls
 * recv(2) once per readable socket into one shared buffer. The wait ends at the earliest of the next due
 * send (rr's open loop), START and END (rr, churn: the window's bounds) and the next deadline scan (every
 * 100 ms while a deadline is set); it is ppoll(2), poll with a timeout in nanoseconds, so that a send is not
 * late by a rounded millisecond. churn: once a connection is over, its job's next socket takes its place in the
 * poll set while the window lasts. idle: connections have no deadline once connected, so the loop sleeps until
 * the server writes; it says START and END when a connection hears them, and goes on echoing after END until
 * every connection has its goodbye. A connection holds nothing but its job record and its place in the poll set.
 */
#include "client.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define SCAN_INTERVAL_NS 100000000LL

enum phase { CONNECTING, CONVERSING };

static long long origin;
static struct job *jobs;
static struct pollfd *fds;
static unsigned char *buffer;
static struct latency latency;         /* the one thread's buckets */
static struct latency connect_latency; /* churn's connect latencies */
static int active;
static long long idle_opened = LLONG_MAX, idle_closed = LLONG_MAX; /* idle: when a job heard START, END */

void idle_window(int end, long long at)
{
    long long *when = end ? &idle_closed : &idle_opened;
    if (*when == LLONG_MAX) *when = at;
}

static void finish(int i)
{
    job_finish(&jobs[i], origin);
    fds[i].fd = -1; /* poll(2) ignores negative descriptors */
    active--;
}

/* The deadline of a connected job that has just heard from its server or sent a request at `now`. */
static long long read_deadline(long long now)
{
    return conv_read_timeout_applies() ? now + plan.read_timeout_ms * 1000000LL : LLONG_MAX;
}

/* Starts the connect of job i's socket, created at `created`, and puts it in the poll set; -1 on failure. */
static int start_connect(int i, long long created)
{
    struct job *j = &jobs[i];
    int flags = fcntl(j->fd, F_GETFL, 0);
    if (flags < 0 || fcntl(j->fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        job_fail_errno(j, "fcntl", errno);
        return -1;
    }
    conv_connecting(j, created);
    j->phase = CONVERSING;
    j->blocked = 0;
    if (connect(j->fd, (struct sockaddr *) &plan.addr, plan.addr_len) < 0) {
        if (errno != EINPROGRESS) {
            job_fail_errno(j, "connect", errno);
            return -1;
        }
        j->phase = CONNECTING;
        j->deadline = created + plan.connect_timeout_ms * 1000000LL;
    } else {
        long long now = now_ns();
        conv_connected(j, now);
        j->deadline = read_deadline(now);
        j->due = 0; /* the conversation begins at the next turn of the loop */
    }
    fds[i].fd = j->fd;
    fds[i].events = POLLOUT;
    return 0;
}

static void set_up(int i)
{
    struct job *j = &jobs[i];
    fds[i].fd = -1;
    if (job_socket(j, origin) < 0) return;
    long long created = origin + j->socket_start + j->socket_create;
    if (start_connect(i, created) < 0) {
        fds[i].fd = -1;
        job_finish(j, origin);
        return;
    }
    active++;
    j->setup = now_ns() - created;
}

/*
 * Job i's conversation is done, or has failed: churn goes on with its next connection while the window
 * lasts; otherwise the job ends.
 */
static void over(int i)
{
    struct job *j = &jobs[i];
    if (!j->error && conv_reconnect(j, now_ns())) {
        close(j->fd);
        j->fd = -1;
        long long created;
        if (job_next_socket(j, &created) >= 0 && start_connect(i, created) == 0) return;
    }
    finish(i);
}

/* Handles what poll reported: a finished connect, a readable socket. Returns 1 when the connection is over. */
static int handle(int i, short revents, long long now)
{
    struct job *j = &jobs[i];
    if (revents & POLLNVAL) {
        job_fail(j, "io", "poll: invalid socket");
        return 1;
    }
    if (j->phase == CONNECTING) {
        int error = 0;
        socklen_t len = sizeof error;
        if (getsockopt(j->fd, SOL_SOCKET, SO_ERROR, &error, &len) < 0) error = errno;
        if (error != 0) {
            job_fail_errno(j, "connect", error);
            return 1;
        }
        now = now_ns();
        conv_connected(j, now);
        j->phase = CONVERSING;
        j->deadline = read_deadline(now);
        return 0;
    }
    if (revents & POLLOUT) j->blocked = 0;
    if (!(revents & (POLLIN | POLLERR | POLLHUP))) return 0;
    ssize_t n = recv(j->fd, buffer, (size_t) plan.buffer, 0);
    if (n < 0) {
        if (errno == EAGAIN || errno == EINTR) return 0;
        conv_failed(j, "recv", errno);
        return 1;
    }
    if (n == 0) {
        conv_end_of_stream(j, now_ns()); /* done (churn: the connection is over) or failed: over() decides */
        return 1;
    }
    now = now_ns();
    j->deadline = read_deadline(now);
    return conv_received(j, buffer, (size_t) n, now) < 0;
}

/*
 * Sends what the conversation asks for now and sets the events to wait for and the time the job is due
 * again (an open loop's next request), LLONG_MAX if only an event can move it. Returns 1 when the job has ended.
 */
static int drive(int i, long long now)
{
    struct job *j = &jobs[i];
    j->due = LLONG_MAX;
    if (j->phase == CONNECTING) return 0;
    while (!j->blocked) {
        long long when;
        enum conv_step step = conv_next(j, now, &when);
        if (step == CONV_DONE) return 1;
        if (step == CONV_WAIT) j->due = when;
        if (step != CONV_SEND) break;
        /* the read timeout starts when a request goes in flight on a quiet connection */
        if (conv_in_flight(j) == 0) j->deadline = read_deadline(now);
        size_t len;
        const char *bytes = conv_pending(j, &len, now);
        ssize_t n = send(j->fd, bytes, len, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN) {
                j->blocked = 1;
                break;
            }
            if (errno == EINTR) continue;
            conv_failed(j, "send", errno);
            return 1;
        }
        now = now_ns();
        conv_wrote(j, (size_t) n, now);
    }
    /* rr, churn and idle listen all the time: a server that closes a quiet connection is seen at once */
    short listen = plan.workload != W_BULK || conv_in_flight(j) > 0 ? POLLIN : 0;
    fds[i].events = (short) (listen | (j->blocked ? POLLOUT : 0));
    return 0;
}

static void expire(long long now)
{
    for (int i = 0; i < plan.connections; i++) {
        struct job *j = &jobs[i];
        if (fds[i].fd < 0 || now - j->deadline <= 0) continue;
        if (j->phase == CONNECTING) {
            job_fail_connect_timeout(j);
        } else if (conv_in_flight(j) > 0) {
            job_fail_read_timeout(j);
        } else {
            continue; /* nothing is awaited: no read timeout */
        }
        finish(i);
    }
}

static void fail_all(int err)
{
    for (int i = 0; i < plan.connections; i++) {
        if (fds[i].fd < 0) continue;
        job_fail_errno(&jobs[i], "poll", err);
        finish(i);
    }
}

int main(int argc, char **argv)
{
    plan_init(argc, argv);
    int count = plan.connections;
    jobs = calloc((size_t) count + 1, sizeof *jobs);
    fds = calloc((size_t) count + 1, sizeof *fds);
    buffer = malloc((size_t) plan.buffer);
    if (!jobs || !fds || !buffer) protocol_fail("cannot allocate %d job records and a %d-byte buffer", count, plan.buffer);
    for (int i = 0; i < count; i++) {
        job_init(&jobs[i], i);
        if (conv_init(&jobs[i], &latency, &connect_latency) < 0) protocol_fail("cannot allocate %d job records", count);
    }
    int bulk = plan.workload == W_BULK, idle = plan.workload == W_IDLE;
    int timed = plan.workload == W_RR || plan.workload == W_CHURN; /* a window of the client's own clock */
    int started = !timed, ended = !timed, idle_said = 0;

    protocol_ready();
    if (bulk) protocol_start(); /* bulk measures from here */
    origin = now_ns();
    conversation_begin(origin);
    if (timed) window_by_clock(origin, &started);
    for (int i = 0; i < count; i++) set_up(i);
    long long next_scan = now_ns() + SCAN_INTERVAL_NS;
    while (active > 0) {
        long long now = now_ns(), wake = LLONG_MAX;
        int watched = 0; /* some job has a deadline: scan for it */
        for (int i = 0; i < count; i++) {
            if (fds[i].fd < 0) continue;
            if (jobs[i].due <= now && drive(i, now)) {
                over(i);
                continue;
            }
            if (jobs[i].due < wake) wake = jobs[i].due;
            if (jobs[i].deadline != LLONG_MAX) watched = 1;
        }
        if (active == 0) break;
        if (watched && next_scan < wake) wake = next_scan;
        if (!started && window_start < wake) wake = window_start;
        if (!ended && plan.requests == 0 && window_end < wake) wake = window_end;
        /* nothing due and nothing watched (idle's connections): wait for the server however long it takes */
        struct timespec timeout, *until = NULL;
        if (wake != LLONG_MAX) {
            long long wait = wake - now_ns();
            if (wait < 0) wait = 0;
            timeout = (struct timespec) { .tv_sec = wait / 1000000000LL, .tv_nsec = wait % 1000000000LL };
            until = &timeout;
        }
        int ready = ppoll(fds, (nfds_t) count, until, NULL);
        if (ready < 0 && errno != EINTR) {
            fail_all(errno);
            break;
        }
        now = now_ns();
        for (int i = 0; ready > 0 && i < count; i++) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            ready--;
            if (handle(i, fds[i].revents, now) || drive(i, now_ns())) over(i);
        }
        if (!ended) ended = window_by_clock(now, &started);
        if (idle) window_as_heard(&idle_said, idle_opened, idle_closed);
        if (watched && now - next_scan > 0) {
            expire(now);
            next_scan = now + SCAN_INTERVAL_NS;
        }
    }
    if (bulk) {
        protocol_end(now_ns() - origin);
    } else if (idle) {
        /* every job has ended: what the server never said is said now */
        long long now = now_ns();
        window_as_heard(&idle_said, idle_opened != LLONG_MAX ? idle_opened : now,
                idle_closed != LLONG_MAX ? idle_closed : now);
        protocol_await_report();
    } else if (!ended) {
        /* every job has ended: the window ends at its nominal end in duration mode, now in requests mode */
        window_by_clock_after_jobs(started);
    }
    protocol_jobs(jobs, count, &latency, &connect_latency, bulk ? 0 : 1);
    return 0;
}
