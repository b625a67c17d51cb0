package netoverhead.result;

import java.util.Arrays;
import java.util.List;

/** Mean, sample standard deviation and median of one figure over iterations. */
public record Stat(double mean, double stddev, double median, int n) {

    public static Stat of(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) return null;
        double mean = Arrays.stream(v).average().orElseThrow();
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        double stddev = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return new Stat(mean, stddev, median, v.length);
    }
}
