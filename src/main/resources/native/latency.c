/*
 * The latency buckets of rr, churn and idle, as rr-spec.md fixes them (the twin of HdrHistogram with 2 significant digits): a
 * value v below 256 is its own bucket; otherwise e = floor(log2(v)) - 7 and the bucket is (e, v >> e),
 * 128 buckets per power of two, under 0.8 percent apart. Each thread counts into its own buckets; a row of
 * 128 counts is allocated the first time a value of its power of two arrives, so an idle range costs nothing.
 */
#include "client.h"

#include <stdio.h>
#include <stdlib.h>

static int row_of(unsigned long long v, int *index)
{
    if (v < 256) {
        *index = (int) v;
        return 0;
    }
    int e = 63 - __builtin_clzll(v) - 7;
    *index = (int) (v >> e) - 128;
    return e;
}

static int row_size(int e)
{
    return e == 0 ? 256 : 128;
}

/* The bucket's median equivalent value: ((v >> e) << e) + (1 << e) / 2, or v itself below 256. */
static unsigned long long median_value(int e, int index)
{
    if (e == 0) return (unsigned long long) index;
    return ((unsigned long long) (index + 128) << e) + (1ULL << e) / 2;
}

static unsigned long long *row(struct latency *h, int e)
{
    if (!h->rows[e]) h->rows[e] = calloc((size_t) row_size(e), sizeof **h->rows);
    return h->rows[e];
}

int latency_record_n(struct latency *h, long long v, unsigned long long count)
{
    int index;
    int e = row_of(v < 0 ? 0 : (unsigned long long) v, &index);
    unsigned long long *counts = row(h, e);
    if (!counts) return -1;
    counts[index] += count;
    return 0;
}

int latency_record(struct latency *h, long long v)
{
    return latency_record_n(h, v, 1);
}

void latency_merge(struct latency *into, const struct latency *from)
{
    for (int e = 0; e < LATENCY_ROWS; e++) {
        if (!from->rows[e]) continue;
        unsigned long long *counts = row(into, e);
        if (!counts) continue; /* out of memory at the very end: that row goes unreported */
        for (int i = 0; i < row_size(e); i++) counts[i] += from->rows[e][i];
    }
}

void latency_print(const struct latency *h)
{
    char separator = '\t'; /* a tab after the line's word, as between any two fields; spaces between pairs */
    for (int e = 0; e < LATENCY_ROWS; e++) {
        if (!h->rows[e]) continue;
        for (int i = 0; i < row_size(e); i++) {
            if (!h->rows[e][i]) continue;
            printf("%c%llu:%llu", separator, median_value(e, i), h->rows[e][i]);
            separator = ' ';
        }
    }
}

void latency_free(struct latency *h)
{
    for (int e = 0; e < LATENCY_ROWS; e++) {
        free(h->rows[e]);
        h->rows[e] = NULL;
    }
}
