/*
 * The Haiku suite's threaded client: the main thread creates each job's socket and starts one pthread for it;
 * the thread connects, then does what its conversation asks: blocking send(2) of a request, blocking recv(2)
 * into a buffer of its own while requests are in flight, or, when nothing is in flight and the next request
 * is due later (rr's open loop), clock_nanosleep(2) until its intended time. Timeouts are the kernel's:
 * SO_SNDTIMEO bounds connect(2) (which then fails with EINPROGRESS) and send(2), SO_RCVTIMEO bounds each
 * recv(2) (EAGAIN), which is exactly "no data for the read timeout".
 * With start=realtime the main thread runs SCHED_FIFO while it starts the jobs, and each job thread, which
 * inherits the class, leaves it once its first request is sent, as the Java thread-per-job models do.
 * churn: once a connection is over (the server has closed it), the same thread closes its socket, creates the
 * next and connects it, while the window lasts. idle: the thread blocks in recv(2) with no timeout at all,
 * echoes the server's pings, and ends at its goodbye.
 * The main thread alone writes stdout: for rr and churn START and END at the window's bounds while the jobs
 * run; for idle when one of the jobs has heard the server's START or END, which it waits for.
 * Job threads run on stacks of STACK_BYTES, ample for what they call, so that thousands of idle ones stay cheap.
 */
#include "client.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define STACK_BYTES (64 * 1024)

static long long origin;
static struct latency *latencies;         /* one per job thread; idle: one for all, its round trips */
static struct latency *connect_latencies; /* churn: one per job thread */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER; /* signalled when a job ends or hears START or END */
static int running;
static long long idle_opened = LLONG_MAX, idle_closed = LLONG_MAX; /* idle: when a job heard START, END */

void idle_window(int end, long long at)
{
    pthread_mutex_lock(&lock);
    long long *when = end ? &idle_closed : &idle_opened;
    if (*when == LLONG_MAX) *when = at;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

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

static int send_some(struct job *j)
{
    size_t len;
    const char *bytes = conv_pending(j, &len, now_ns());
    ssize_t n = send(j->fd, bytes, len, MSG_NOSIGNAL);
    if (n < 0) {
        if (errno == EINTR) return 0;
        if (errno == EAGAIN) job_fail(j, "timeout", "could not send the request within %d ms", plan.read_timeout_ms);
        else conv_failed(j, "send", errno);
        return -1;
    }
    conv_wrote(j, (size_t) n, now_ns());
    return 0;
}

/* Drives the conversation until it is done or has failed. */
static void converse(struct job *j, unsigned char *buffer)
{
    int realtime = plan.realtime_start;
    for (;;) {
        long long when;
        enum conv_step step = conv_next(j, now_ns(), &when);
        if (step == CONV_DONE) return;
        if (step == CONV_SEND) {
            if (send_some(j) < 0) return;
            if (realtime && j->sent >= 0) {
                set_realtime(0);
                realtime = 0;
            }
            continue;
        }
        if (step == CONV_WAIT && conv_in_flight(j) == 0) {
            sleep_until(when);
            continue;
        }
        ssize_t n = recv(j->fd, buffer, (size_t) plan.buffer, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) job_fail_read_timeout(j);
            else conv_failed(j, "recv", errno);
            return;
        }
        if (n == 0) {
            conv_end_of_stream(j, now_ns());
            return;
        }
        if (conv_received(j, buffer, (size_t) n, now_ns()) < 0) return;
    }
}

/* Connects the job's socket and sets the timeouts of the conversation; -1 on failure (recorded). */
static int connect_job(struct job *j)
{
    if (set_timeout(j, SO_SNDTIMEO, plan.connect_timeout_ms) < 0) return -1;
    if (connect(j->fd, (struct sockaddr *) &plan.addr, plan.addr_len) < 0) {
        if (errno == EINPROGRESS || errno == EAGAIN)
            job_fail_connect_timeout(j);
        else
            job_fail_errno(j, "connect", errno);
        return -1;
    }
    conv_connected(j, now_ns());
    if (!conv_read_timeout_applies()) return set_timeout(j, SO_SNDTIMEO, 0); /* idle: no timeout while it lives */
    if (set_timeout(j, SO_SNDTIMEO, plan.read_timeout_ms) < 0 || set_timeout(j, SO_RCVTIMEO, plan.read_timeout_ms) < 0)
        return -1;
    return 0;
}

static void *run_job(void *arg)
{
    struct job *j = arg;
    unsigned char *buffer = NULL;
    for (;;) {
        if (connect_job(j) < 0) break;
        if (!buffer && !(buffer = malloc((size_t) plan.buffer))) {
            job_fail(j, "io", "cannot allocate a read buffer of %d bytes", plan.buffer);
            break;
        }
        converse(j, buffer);
        if (j->error || !conv_reconnect(j, now_ns())) break;
        /* churn: the next connection of the same conversation, on a socket of its own */
        close(j->fd);
        j->fd = -1;
        long long created;
        if (job_next_socket(j, &created) < 0) break;
        conv_connecting(j, created);
    }
    free(buffer);
    job_finish(j, origin);
    pthread_mutex_lock(&lock);
    running--;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
    return NULL;
}

/*
 * rr: START when the window begins; END when it ends: at its nominal end in duration mode, when every job
 * has ended in requests mode. Returns the window's length.
 */
static long long announce_window(void)
{
    if (plan.warmup_ns > 0) {
        sleep_until(window_start);
        protocol_start();
    }
    if (plan.requests == 0) {
        sleep_until(window_end);
        return plan.duration_ns;
    }
    pthread_mutex_lock(&lock);
    while (running > 0) pthread_cond_wait(&changed, &lock);
    pthread_mutex_unlock(&lock);
    long long now = now_ns();
    return now > window_start ? now - window_start : 0;
}

/* Waits until a job has heard `*when` from the server, or every job has ended; when that was. */
static long long await_heard(const long long *when)
{
    pthread_mutex_lock(&lock);
    while (*when == LLONG_MAX && running > 0) pthread_cond_wait(&changed, &lock);
    long long at = *when != LLONG_MAX ? *when : now_ns();
    pthread_mutex_unlock(&lock);
    return at;
}

/* idle: START when a job hears the server's START, END when one hears its END. Returns the window's length. */
static long long announce_idle_window(void)
{
    long long start = await_heard(&idle_opened);
    protocol_start();
    long long end = await_heard(&idle_closed);
    return end > start ? end - start : 0;
}

int main(int argc, char **argv)
{
    plan_init(argc, argv);
    int count = plan.connections;
    struct job *jobs = calloc((size_t) count + 1, sizeof *jobs);
    pthread_t *threads = calloc((size_t) count + 1, sizeof *threads);
    char *started = calloc((size_t) count + 1, 1);
    int idle = plan.workload == W_IDLE, churn = plan.workload == W_CHURN;
    int timed = plan.workload == W_RR || churn; /* a window of the client's own clock */
    int latency_count = idle ? 1 : timed ? count : 0;
    latencies = calloc((size_t) latency_count + 1, sizeof *latencies);
    if (churn) connect_latencies = calloc((size_t) count + 1, sizeof *connect_latencies);
    if (!jobs || !threads || !started || !latencies || (churn && !connect_latencies))
        protocol_fail("cannot allocate %d job records", count);
    for (int i = 0; i < count; i++) {
        job_init(&jobs[i], i);
        struct latency *latency = idle ? &latencies[0] : timed ? &latencies[i] : NULL;
        if (conv_init(&jobs[i], latency, churn ? &connect_latencies[i] : NULL) < 0)
            protocol_fail("cannot allocate %d job records", count);
    }
    pthread_attr_t attr;
    int rc = pthread_attr_init(&attr);
    if (rc == 0) rc = pthread_attr_setstacksize(&attr, STACK_BYTES);
    if (rc != 0) protocol_fail("cannot set a thread stack of %d bytes: %s", STACK_BYTES, strerror(rc));

    protocol_ready();
    if (plan.workload == W_BULK) protocol_start(); /* bulk measures from here */
    if (plan.realtime_start) {
        int err = set_realtime(1);
        if (err) protocol_fail("start=realtime: sched_setscheduler: %s", strerror(err));
    }
    origin = now_ns();
    conversation_begin(origin);
    if (timed && plan.warmup_ns == 0) protocol_start();
    for (int i = 0; i < count; i++) {
        struct job *j = &jobs[i];
        if (job_socket(j, origin) < 0) continue;
        long long created = origin + j->socket_start + j->socket_create;
        conv_connecting(j, created);
        pthread_mutex_lock(&lock);
        running++;
        pthread_mutex_unlock(&lock);
        rc = pthread_create(&threads[i], &attr, run_job, j);
        if (rc != 0) {
            pthread_mutex_lock(&lock);
            running--;
            pthread_mutex_unlock(&lock);
            job_fail(j, "io", "cannot start a thread: %s", strerror(rc));
            job_finish(j, origin);
            continue;
        }
        started[i] = 1;
        j->setup = now_ns() - created;
    }
    if (plan.realtime_start) set_realtime(0);
    if (timed) protocol_end(announce_window());
    if (idle) protocol_end(announce_idle_window());
    for (int i = 0; i < count; i++)
        if (started[i]) pthread_join(threads[i], NULL);
    if (plan.workload == W_BULK) {
        protocol_report(jobs, count, now_ns() - origin);
    } else {
        protocol_jobs(jobs, count, latencies, connect_latencies, latency_count);
    }
    return 0;
}
