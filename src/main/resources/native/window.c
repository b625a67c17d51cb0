/*
 * The measured window's bounds, said on stdout by the one thread that writes it: by the client's own clock for
 * rr and churn (the window opens warmup_ns after the origin and lasts duration_ns, or in requests mode until
 * every job has ended), as the server says for idle.
 */
#include "client.h"

#include <errno.h>
#include <limits.h>
#include <time.h>

void sleep_until(long long when)
{
    struct timespec ts = { .tv_sec = when / 1000000000LL, .tv_nsec = when % 1000000000LL };
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {}
}

int window_by_clock(long long now, int *started)
{
    if (!*started && now >= window_start) {
        protocol_start();
        *started = 1;
    }
    if (*started && plan.requests == 0 && now >= window_end) {
        protocol_end(plan.duration_ns);
        return 1;
    }
    return 0;
}

void window_by_clock_after_jobs(int started)
{
    if (!started) {
        sleep_until(window_start);
        protocol_start();
    }
    if (plan.requests == 0) {
        sleep_until(window_end);
        protocol_end(plan.duration_ns);
    } else {
        long long now = now_ns();
        protocol_end(now > window_start ? now - window_start : 0);
    }
}

void window_as_heard(int *said, long long opened, long long closed)
{
    if (*said == 0 && opened != LLONG_MAX) {
        protocol_start();
        *said = 1;
    }
    if (*said == 1 && closed != LLONG_MAX) {
        protocol_say_end(closed > opened ? closed - opened : 0);
        *said = 2;
    }
}
