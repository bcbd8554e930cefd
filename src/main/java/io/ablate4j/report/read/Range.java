package io.ablate4j.report.read;

/**
 * The values a metric can take: accuracy lies in [0, 1], an RMSE in [0, ∞), R² in (−∞, 1]. A confidence interval
 * of a mean of such values is cut to it ({@code report.stats.Stats.ci95}): the t-interval knows no bound, the
 * metric does.
 *
 * @param lowest  the smallest possible value; {@link Double#NEGATIVE_INFINITY} for none
 * @param highest the largest possible value; {@link Double#POSITIVE_INFINITY} for none
 */
public record Range(double lowest, double highest) {
    public static final Range FRACTION = new Range(0, 1);
    public static final Range NON_NEGATIVE = new Range(0, Double.POSITIVE_INFINITY);
    public static final Range AT_MOST_ONE = new Range(Double.NEGATIVE_INFINITY, 1);
    /** A difference of fractions (an accuracy gap): [−1, 1]. */
    public static final Range FRACTION_DIFFERENCE = new Range(-1, 1);
    public static final Range ANY = new Range(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    /** "[0, 100]%" for fractions, "[0, ∞)" and so on otherwise. */
    public String text(boolean percent) {
        double k = percent ? 100 : 1;
        String lo = Double.isFinite(lowest) ? "[" + number(k * lowest) : "(−∞";
        String hi = Double.isFinite(highest) ? number(k * highest) + "]" : "∞)";
        return lo + ", " + hi + (percent ? "%" : "");
    }

    private static String number(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
