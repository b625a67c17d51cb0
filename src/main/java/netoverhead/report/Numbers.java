package netoverhead.report;

import java.math.BigDecimal;
import java.math.MathContext;

/** Number spelling shared by the reports. */
public final class Numbers {
    private Numbers() {}

    /** Six significant digits without trailing zeros, as the Haiku suite's C++ streams printed them: 133.321, 2.1227. */
    public static String sig6(double v) {
        return significant(v, 6);
    }

    public static String significant(double v, int digits) {
        if (!Double.isFinite(v)) return "n/a";
        if (v == 0) return "0";
        return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }

    /** A plain decimal for machine-readable files: up to nine significant digits, never an exponent. */
    public static String plain(Double v) {
        return v == null || !Double.isFinite(v) ? "" : significant(v, 9);
    }
}
