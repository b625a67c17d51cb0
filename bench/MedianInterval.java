import java.util.List;

import netoverhead.result.Stat;

/**
 * A median with a distribution-free confidence interval: the order statistics around it whose chance of
 * enclosing the true median follows from the binomial distribution alone, so it holds for whatever shape
 * the noise of a shared machine has. The narrowest such interval with at least 95 percent coverage; with
 * fewer than 6 values none reaches 95 percent, and the interval is the smallest to the largest value with the
 * coverage it has (75 percent for 3).
 */
record MedianInterval(double median, double low, double high, double coverage) {
    static MedianInterval of(List<Double> values) {
        double median = Stat.of(values).median();
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray(); // the order statistics
        int n = v.length;
        // [v[k], v[n-1-k]] misses the median only if k or fewer values lie on one side of it
        int k = 0;
        while (k + 1 <= (n - 1) / 2 && coverage(n, k + 1) >= 0.95) k++;
        return new MedianInterval(median, v[k], v[n - 1 - k], coverage(n, k));
    }

    /** P(k < B < n - k) for B ~ Binomial(n, 1/2): the chance that [v[k], v[n-1-k]] encloses the median. */
    static double coverage(int n, int k) {
        double tail = 0;
        double choose = 1; // C(n, i)
        for (int i = 0; i <= k; i++) {
            tail += choose;
            choose = choose * (n - i) / (i + 1);
        }
        return Math.max(0, 1 - 2 * tail / Math.pow(2, n));
    }

    /** Whether the target lies inside the interval, where the noise alone could put the median either side. */
    boolean straddles(double target) {
        return low < target && target < high;
    }
}
