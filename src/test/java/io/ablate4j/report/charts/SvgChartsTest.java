package io.ablate4j.report.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.report.stats.BaselineOutcome;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The SVG charts' text never overlaps: every text element's box, estimated from its position, anchor, rotation
 * and {@link SvgText#textWidth}, is checked against every other's (ReportBrowserTest checks the rendered boxes in
 * Chromium), and stays inside the chart.
 */
class SvgChartsTest {
    private static final Pattern ROTATE = Pattern.compile("rotate\\(-?([0-9.]+) ");

    /** A text element's estimated outline: four corners, in viewBox units. */
    record Box(String text, double[][] corners) {
    }

    @Test
    void mainEffectsWithLongLevelNamesDoNotOverlap() throws Exception {
        // The axis of li-dropout-bn-order: whole objects as levels, which overlapped in the PNG main effects of old.
        List<String> levels = List.of("{dropout: 0}", "{dropout: 0.5}", "{dropout: 0.5, dropoutPosition: before-bn}",
                "{layerDropout: [0, 0, 0.5]}");
        String svg = LinePlot.lines("Main effect of model", "model", "mean test accuracy (%)", levels, List.of(""),
                "", List.of(points(levels.size(), 80, 1.5)), Figures.PANEL_WIDTH);
        List<Box> boxes = boxes(svg);
        assertNoOverlap(boxes);
        assertEquals(3, boxes.stream().filter(b -> b.text().startsWith("{dropout:")).count(), "every level shown");
        assertTrue(svg.contains("<title>{dropout: 0.5, dropoutPosition: before-bn}</title>")
                || svg.contains(">{dropout: 0.5, dropoutPosition: before-bn}<"), "full name at hand");
    }

    @Test
    void manyLevelsAreRotatedOrThinnedAndDoNotOverlap() throws Exception {
        List<String> levels = IntStream.range(0, 24).mapToObj(i -> "regularization.l2=" + i + "e-4").toList();
        String svg = LinePlot.lines("Main effect of l2", "regularization.l2", "mean test accuracy (%)", levels,
                List.of(""), "", List.of(points(levels.size(), 85, 0.4)), Figures.PANEL_WIDTH);
        assertTrue(svg.contains("rotate(-"), "rotated");
        assertNoOverlap(boxes(svg));
    }

    @Test
    void shortLevelsStayHorizontal() throws Exception {
        List<String> levels = List.of("0.0", "0.2", "0.5");
        String svg = LinePlot.lines("Main effect of dropout", "model.dropout", "mean test accuracy (%)", levels,
                List.of(""), "", List.of(points(3, 85, 0.4)), Figures.PANEL_WIDTH);
        assertFalse(svg.contains("rotate(-40"), "no rotation needed");
        assertNoOverlap(boxes(svg));
    }

    @Test
    void interactionLegendsWrapWithoutOverlap() throws Exception {
        List<String> a = List.of("none", "before-activation", "after-activation");
        List<String> b = List.of("0", "0.0001", "0.001", "0.01", "0.1", "a much longer level name of the second axis");
        List<List<LinePlot.Point>> lines = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            lines.add(points(a.size(), 80 + i, 1));
        }
        String svg = LinePlot.lines("model.batchNorm × regularization.l2", "model.batchNorm",
                "mean test accuracy (%)", a, b, "l2", lines, Figures.PANEL_WIDTH);
        assertNoOverlap(boxes(svg));
    }

    @Test
    void forestLabelsWrapAndNeverReachThePlotInEitherLayout() throws Exception {
        List<ForestPlot.ForestRow> rows = new ArrayList<>();
        BaselineOutcome[] verdicts = {BaselineOutcome.HELPED, BaselineOutcome.HURT, BaselineOutcome.EQUIVALENT,
            BaselineOutcome.UNDECIDED, BaselineOutcome.NOT_TESTED};
        for (int i = 0; i < 30; i++) {
            List<String> parts = new ArrayList<>(List.of("model.dropout=0." + i, "model.dropoutPosition=before-bn"));
            if (i % 3 == 0) {
                parts.add("regularization.weightDecay=" + i + "e-4");
                parts.add("model={inputDropout: 0.2, dropout: 0.5, layerDropout: [0, 0, 0.5]}");
            }
            double d = (i - 15) * 0.4;
            boolean tested = i % 5 != 4;
            rows.add(new ForestPlot.ForestRow(String.join(", ", parts), parts, d, tested ? d - 1.2 : Double.NaN,
                    tested ? d + 1.2 : Double.NaN, verdicts[i % 5]));
        }
        String narrow = ForestPlot.forest(rows, 0.5, "Δ test accuracy vs baseline (percentage points)", "Forest",
                true);
        assertNoOverlap(boxes(narrow));
        assertEquals(30, attributes(narrow, "g", "class", "row").size());
        String svg = ForestPlot.forest(rows, 0.5, "Δ test accuracy vs baseline (percentage points)", "Forest", false);
        List<Box> boxes = boxes(svg);
        assertNoOverlap(boxes);
        double plotLeft = attributes(svg, "line", "class", "ci").stream()
                .mapToDouble(e -> Math.min(num(e, "x1"), num(e, "x2"))).min().orElseThrow();
        plotLeft = Math.min(plotLeft, num(attributes(svg, "rect", "class", "rope").get(0), "x"));
        for (Box b : boxes) {
            if (b.corners()[0][0] < 20) { // a row label
                assertTrue(Math.max(b.corners()[1][0], b.corners()[2][0]) < plotLeft, b.text() + " reaches the plot");
            }
        }
        assertEquals(30, attributes(svg, "g", "class", "row").size());
        assertTrue(svg.contains("class=\"rope\""));
        assertTrue(svg.contains("class=\"zero\""));
    }

    @Test
    void labelsThatDifferAtTheEndStayDistinct() throws Exception {
        // regression-dropout-bn's model axis: two levels share their first 50 characters
        List<String> levels = List.of("{dropout: 0}", "{dropout: 0.5}", "{batchNorm: after-activation}",
                "{dropout: 0.5, batchNorm: after-activation, dropoutPosition: after-bn}",
                "{dropout: 0.5, batchNorm: after-activation, dropoutPosition: before-bn}");
        String svg = LinePlot.lines("Main effect of model", "model", "mean test RMSE", levels, List.of(""), "",
                List.of(points(levels.size(), 58, 1.5)), Figures.PANEL_WIDTH);
        assertNoOverlap(boxes(svg));
        List<String> shown = new ArrayList<>();
        for (Element g : attributes(svg, "g", "class", "")) {
            NodeList texts = g.getElementsByTagName("text");
            StringBuilder label = new StringBuilder();
            for (int i = 0; i < texts.getLength(); i++) {
                if (texts.item(i).getAttributes().getNamedItem("class").getNodeValue().equals("tick-x")) {
                    label.append(texts.item(i).getTextContent()).append(' ');
                }
            }
            if (label.length() > 0) {
                shown.add(label.toString());
            }
        }
        assertEquals(levels.size(), shown.stream().distinct().count(), shown.toString());
        List<ForestPlot.ForestRow> rows = new ArrayList<>();
        for (String l : levels) {
            rows.add(new ForestPlot.ForestRow("model=" + l, List.of("model=" + l), 1, 0, 2, BaselineOutcome.UNDECIDED));
        }
        for (boolean narrow : new boolean[] {false, true}) {
            String forest = ForestPlot.forest(rows, 2, "Δ test RMSE", "Forest", narrow);
            assertNoOverlap(boxes(forest));
            List<String> labels = new ArrayList<>();
            for (Element g : attributes(forest, "g", "class", "row")) {
                NodeList texts = g.getElementsByTagName("text");
                StringBuilder label = new StringBuilder();
                for (int i = 0; i < texts.getLength(); i++) {
                    label.append(texts.item(i).getTextContent()).append(' ');
                }
                labels.add(label.toString());
            }
            assertEquals(levels.size(), labels.stream().distinct().count(), labels.toString());
        }
    }

    @Test
    void forestWithoutRopeHasNoBand() throws Exception {
        List<ForestPlot.ForestRow> rows = List.of(new ForestPlot.ForestRow("dropout=0.5", List.of("dropout=0.5"), 1.5,
                0.5, 2.5, BaselineOutcome.HELPED));
        String svg = ForestPlot.forest(rows, Double.NaN, "Δ", "Forest", false);
        assertFalse(svg.contains("class=\"rope\""));
        assertNoOverlap(boxes(svg));
    }

    @Test
    void ticksAreNiceAndLabelledExactly() {
        SvgAxes.Scale s = SvgAxes.scale(-8.1, 8.1, 0, 500, 8);
        List<String> labels = s.ticks().stream().map(s::label).toList();
        assertTrue(labels.stream().anyMatch(l -> l.matches("0(\\.0+)?")), labels.toString());
        assertEquals(labels.size(), labels.stream().distinct().count(), "distinct labels " + labels);
        SvgAxes.Scale q = SvgAxes.scale(0, 0.9, 0, 500, 5);
        assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8"), q.ticks().stream().map(q::label).toList());
    }

    @Test
    void truncationAndWrappingKeepWithinTheWidth() {
        String long_ = "model={inputDropout: 0.2, dropout: 0.5, dropoutPosition: before-bn}";
        String t = SvgText.truncate(long_, 100, 12);
        assertTrue(t.endsWith("…") && SvgText.textWidth(t, 12) <= 100, t);
        List<String> w = SvgText.wrapWords(long_, 120, 12, 3);
        assertTrue(w.size() <= 3 && w.stream().allMatch(l -> SvgText.textWidth(l, 12) <= 120), w.toString());
        assertEquals(List.of("short"), SvgText.wrapWords("short", 120, 12, 3));
        assertEquals(List.of("before-", "activation"), SvgText.wrapWords("before-activation", 80, 12, 3));
        assertEquals(List.of("model.", "dropoutPosition"), SvgText.wrapWords("model.dropoutPosition", 110, 12, 3));
        assertEquals(List.of("dropout:", "0.5, l2:", "1e-4"), SvgText.wrapWords("dropout: 0.5, l2: 1e-4", 60, 12, 3),
                "a number's dot is no place to break");
    }

    @Test
    void pngCategoryLabelsAreShortAndUnique() {
        List<String> taken = new java.util.ArrayList<>();
        for (String l : List.of("{dropout: 0.5, dropoutPosition: before-bn}", "{dropout: 0.5, dropoutPosition: "
                + "after-bn}", "{dropout: 0.5, dropoutPosition: before-bn} ", "{dropout: 0}")) {
            taken.add(PngStyle.shorten(l, taken));
        }
        assertEquals(4, taken.stream().distinct().count(), taken.toString());
        assertTrue(taken.stream().allMatch(l -> l.length() <= 26 + 4), taken.toString());
        assertEquals("{dropout: 0}", taken.get(3));
    }

    // ---- helpers ----

    private static List<LinePlot.Point> points(int n, double base, double half) {
        List<LinePlot.Point> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double m = base + (i % 3) * 0.7;
            out.add(new LinePlot.Point(m, m - half, m + half));
        }
        return out;
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(SvgAxes.file(svg)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> attributes(String svg, String tag, String attr, String value) throws Exception {
        NodeList nodes = parse(svg).getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (e.getAttribute(attr).equals(value)) {
                out.add(e);
            }
        }
        return out;
    }

    private static double num(Element e, String attr) {
        return Double.parseDouble(e.getAttribute(attr));
    }

    /** The estimated box of every text element, rotation included; asserts it lies inside the viewBox. */
    static List<Box> boxes(String svg) throws Exception {
        Document doc = parse(svg);
        String[] view = doc.getDocumentElement().getAttribute("viewBox").split(" ");
        double vw = Double.parseDouble(view[2]);
        double vh = Double.parseDouble(view[3]);
        NodeList texts = doc.getElementsByTagName("text");
        List<Box> out = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            String s = t.getTextContent();
            double size = t.hasAttribute("font-size") ? num(t, "font-size") : SvgText.FONT;
            double w = t.getAttribute("font-weight").isEmpty() ? SvgText.textWidth(s, size)
                    : SvgText.boldWidth(s, size);
            double x = num(t, "x");
            double y = num(t, "y");
            String anchor = t.getAttribute("text-anchor");
            double x0 = anchor.equals("middle") ? x - w / 2 : anchor.equals("end") ? x - w : x;
            String base = t.getAttribute("dominant-baseline");
            double y0 = base.equals("middle") ? y - size / 2 : base.equals("hanging") ? y : y - size * 0.8;
            double[][] c = {{x0, y0}, {x0 + w, y0}, {x0 + w, y0 + size}, {x0, y0 + size}};
            Matcher m = ROTATE.matcher(t.getAttribute("transform"));
            if (m.find()) {
                double a = -Math.toRadians(Double.parseDouble(m.group(1)));
                for (double[] p : c) {
                    double dx = p[0] - x;
                    double dy = p[1] - y;
                    p[0] = x + dx * Math.cos(a) - dy * Math.sin(a);
                    p[1] = y + dx * Math.sin(a) + dy * Math.cos(a);
                }
            }
            for (double[] p : c) {
                assertTrue(p[0] >= -0.5 && p[0] <= vw + 0.5 && p[1] >= -0.5 && p[1] <= vh + 0.5,
                        () -> "'" + s + "' leaves the chart at " + p[0] + "," + p[1] + " (" + vw + "×" + vh + ")");
            }
            out.add(new Box(s, c));
        }
        assertFalse(out.isEmpty());
        return out;
    }

    static void assertNoOverlap(List<Box> boxes) {
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                Box a = boxes.get(i);
                Box b = boxes.get(j);
                Optional<String> hit = intersect(a.corners(), b.corners()) ? Optional.of(a.text() + " | " + b.text())
                        : Optional.empty();
                assertTrue(hit.isEmpty(), () -> "overlapping text: " + hit.get());
            }
        }
    }

    /** Separating-axis test of two convex quadrilaterals; touching is not an overlap. */
    private static boolean intersect(double[][] p, double[][] q) {
        for (double[][] poly : new double[][][] {p, q}) {
            for (int i = 0; i < 4; i++) {
                double[] a = poly[i];
                double[] b = poly[(i + 1) % 4];
                double nx = b[1] - a[1];
                double ny = a[0] - b[0];
                double minP = Double.MAX_VALUE;
                double maxP = -Double.MAX_VALUE;
                double minQ = Double.MAX_VALUE;
                double maxQ = -Double.MAX_VALUE;
                for (double[] c : p) {
                    double d = c[0] * nx + c[1] * ny;
                    minP = Math.min(minP, d);
                    maxP = Math.max(maxP, d);
                }
                for (double[] c : q) {
                    double d = c[0] * nx + c[1] * ny;
                    minQ = Math.min(minQ, d);
                    maxQ = Math.max(maxQ, d);
                }
                double len = Math.hypot(nx, ny);
                if (maxP - 0.01 * len <= minQ || maxQ - 0.01 * len <= minP) {
                    return false;
                }
            }
        }
        return true;
    }
}
