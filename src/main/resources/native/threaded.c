/*
 * The Haiku suite's threaded client: the main thread creates each job's socket and starts one pthread for it;
 * the thread connects, sends the request and calls blocking recv(2) into a buffer of its own. Timeouts
 * are the kernel's: SO_SNDTIMEO bounds connect(2) (which then fails with EINPROGRESS) and send(2),
 * SO_RCVTIMEO bounds each recv(2) (EAGAIN), which is exactly "no data for the read timeout".
 * With start=realtime the main thread runs SCHED_FIFO while it starts the jobs, and each job thread, which
 * inherits the class, leaves it once its request is sent, as the Java thread-per-job models do.
 */
#include "client.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

static long long origin;

/* SCHED_FIFO priority 1, or back to SCHED_OTHER, for the calling thread; 0 or errno. */
static int set_realtime(int on)
{
    struct sched_param param = { .sched_priority = on ? 1 : 0 };
    return sched_setscheduler(0, on ? SCHED_FIFO : SCHED_OTHER, &param) == 0 ? 0 : errno;
}

static int set_timeout(struct job *j, int option, int millis)
{
    struct timeval tv = { .tv_sec = millis / 1000, .tv_usec = (millis % 1000) * 1000 };
    if (setsockopt(j->fd, SOL_SOCKET, option, &tv, sizeof tv) == 0) return 0;
    job_fail_errno(j, "setsockopt", errno);
    return -1;
}

static int send_request(struct job *j)
{
    size_t sent = 0;
    while (sent < plan.request_len) {
        ssize_t n = send(j->fd, plan.request + sent, plan.request_len - sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) job_fail(j, "timeout", "could not send the request within %d ms", plan.read_timeout_ms);
            else job_fail_errno(j, "send", errno);
            return -1;
        }
        sent += (size_t) n;
    }
    return 0;
}

static void *run_job(void *arg)
{
    struct job *j = arg;
    unsigned char *buffer = NULL;
    if (set_timeout(j, SO_SNDTIMEO, plan.connect_timeout_ms) < 0) goto out;
    if (connect(j->fd, (struct sockaddr *) &plan.addr, plan.addr_len) < 0) {
        if (errno == EINPROGRESS || errno == EAGAIN)
            job_fail_connect_timeout(j);
        else
            job_fail_errno(j, "connect", errno);
        goto out;
    }
    j->connected = now_ns() - origin;
    if (set_timeout(j, SO_SNDTIMEO, plan.read_timeout_ms) < 0 || set_timeout(j, SO_RCVTIMEO, plan.read_timeout_ms) < 0)
        goto out;
    if (send_request(j) < 0) goto out;
    j->sent = now_ns() - origin;
    if (plan.realtime_start) set_realtime(0);
    buffer = malloc((size_t) plan.buffer);
    if (!buffer) {
        job_fail(j, "io", "cannot allocate a read buffer of %d bytes", plan.buffer);
        goto out;
    }
    for (;;) {
        ssize_t n = recv(j->fd, buffer, (size_t) plan.buffer, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) job_fail_read_timeout(j);
            else job_fail_errno(j, "recv", errno);
            break;
        }
        if (n == 0) {
            parser_end(j);
            break;
        }
        if (parser_feed(j, buffer, (size_t) n) != 0) break; /* complete, or failed and recorded */
    }
out:
    free(buffer);
    job_finish(j, origin);
    return NULL;
}

int main(int argc, char **argv)
{
    plan_init(argc, argv);
    int count = plan.connections;
    struct job *jobs = calloc((size_t) count + 1, sizeof *jobs);
    pthread_t *threads = calloc((size_t) count + 1, sizeof *threads);
    char *started = calloc((size_t) count + 1, 1);
    if (!jobs || !threads || !started) protocol_fail("cannot allocate %d job records", count);
    for (int i = 0; i < count; i++) job_init(&jobs[i], i);

    protocol_ready();
    protocol_start();
    if (plan.realtime_start) {
        int err = set_realtime(1);
        if (err) protocol_fail("start=realtime: sched_setscheduler: %s", strerror(err));
    }
    origin = now_ns();
    for (int i = 0; i < count; i++) {
        struct job *j = &jobs[i];
        if (job_socket(j, origin) < 0) continue;
        long long created = origin + j->socket_start + j->socket_create;
        int rc = pthread_create(&threads[i], NULL, run_job, j);
        if (rc != 0) {
            job_fail(j, "io", "cannot start a thread: %s", strerror(rc));
            job_finish(j, origin);
            continue;
        }
        started[i] = 1;
        j->setup = now_ns() - created;
    }
    if (plan.realtime_start) set_realtime(0);
    for (int i = 0; i < count; i++)
        if (started[i]) pthread_join(threads[i], NULL);
    long long window = now_ns() - origin;
    protocol_report(jobs, count, window);
    return 0;
}
