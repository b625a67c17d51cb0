/*
 * The Haiku suite's poll() client: the main thread sets every job up one after another (socket(2), fcntl(2) to
 * make it non-blocking, a connect(2) that returns EINPROGRESS), then waits with poll(2) over all sockets,
 * finishes connects with getsockopt(SO_ERROR), sends the request and calls recv(2) once per readable
 * socket into one shared buffer. Deadlines are checked every 100 ms.
 */
#include "client.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#define SCAN_INTERVAL_NS 100000000LL

enum phase { CONNECTING, SENDING, READING };

static long long origin;
static struct job *jobs;
static struct pollfd *fds;
static unsigned char *buffer;
static int active;

static void finish(int i)
{
    job_finish(&jobs[i], origin);
    fds[i].fd = -1; /* poll(2) ignores negative descriptors */
    active--;
}

static void set_up(int i)
{
    struct job *j = &jobs[i];
    fds[i].fd = -1;
    if (job_socket(j, origin) < 0) return;
    long long created = origin + j->socket_start + j->socket_create;
    int flags = fcntl(j->fd, F_GETFL, 0);
    if (flags < 0 || fcntl(j->fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        job_fail_errno(j, "fcntl", errno);
        job_finish(j, origin);
        return;
    }
    j->phase = SENDING;
    if (connect(j->fd, (struct sockaddr *) &plan.addr, plan.addr_len) < 0) {
        if (errno != EINPROGRESS) {
            job_fail_errno(j, "connect", errno);
            job_finish(j, origin);
            return;
        }
        j->phase = CONNECTING;
    } else {
        j->connected = now_ns() - origin;
    }
    j->deadline = created + plan.connect_timeout_ms * 1000000LL;
    fds[i].fd = j->fd;
    fds[i].events = POLLOUT;
    active++;
    j->setup = now_ns() - created;
}

/* Returns 1 when the job has ended (it is then finished), 0 otherwise. */
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
        j->connected = now_ns() - origin;
        j->phase = SENDING;
        j->deadline = now + plan.read_timeout_ms * 1000000LL;
    }
    if (j->phase == SENDING) {
        ssize_t n = send(j->fd, plan.request + j->request_sent, plan.request_len - j->request_sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR) return 0;
            job_fail_errno(j, "send", errno);
            return 1;
        }
        j->request_sent += (size_t) n;
        if (j->request_sent < plan.request_len) return 0;
        j->sent = now_ns() - origin;
        j->phase = READING;
        fds[i].events = POLLIN;
        return 0;
    }
    ssize_t n = recv(j->fd, buffer, (size_t) plan.buffer, 0);
    if (n < 0) {
        if (errno == EAGAIN || errno == EINTR) return 0;
        job_fail_errno(j, "recv", errno);
        return 1;
    }
    if (n == 0) {
        parser_end(j);
        return 1;
    }
    j->deadline = now + plan.read_timeout_ms * 1000000LL;
    return parser_feed(j, buffer, (size_t) n) != 0; /* complete, or failed and recorded */
}

static void expire(long long now)
{
    for (int i = 0; i < plan.connections; i++) {
        struct job *j = &jobs[i];
        if (fds[i].fd < 0 || now - j->deadline <= 0) continue;
        if (j->connected < 0) job_fail_connect_timeout(j);
        else job_fail_read_timeout(j);
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
    for (int i = 0; i < count; i++) job_init(&jobs[i], i);

    protocol_ready();
    protocol_start();
    origin = now_ns();
    for (int i = 0; i < count; i++) set_up(i);
    long long next_scan = now_ns() + SCAN_INTERVAL_NS;
    while (active > 0) {
        int ready = poll(fds, (nfds_t) count, 100);
        if (ready < 0 && errno != EINTR) {
            int err = errno;
            for (int i = 0; i < count; i++) {
                if (fds[i].fd < 0) continue;
                job_fail_errno(&jobs[i], "poll", err);
                finish(i);
            }
            break;
        }
        long long now = now_ns();
        for (int i = 0; ready > 0 && i < count; i++) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            ready--;
            if (handle(i, fds[i].revents, now)) finish(i);
        }
        if (now - next_scan > 0) {
            expire(now);
            next_scan = now + SCAN_INTERVAL_NS;
        }
    }
    long long window = now_ns() - origin;
    protocol_report(jobs, count, window);
    return 0;
}
