package io.ablate4j.report.charts;

import io.ablate4j.files.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The look the XChart PNG charts share: white backgrounds, light grid, fonts, colours, the panel grid a page of
 * small multiples is saved as, and category labels shortened when they must be rotated.
 */
final class PngStyle {
    static final int PANEL_COLUMNS = 3;
    static final int PANEL_WIDTH = 540;
    static final int PANEL_HEIGHT = 360;
    static final int ROTATED_CHARS = 26;
    static final Color TRAIN = new Color(31, 119, 180);
    static final Color HELD_OUT = new Color(230, 110, 0);
    static final Color NEUTRAL = new Color(60, 60, 60);
    static final Font PANEL_TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);

    private PngStyle() {
    }

    static void savePanels(List<? extends Chart<?, ?>> panels, Path file) throws IOException {
        int cols = Math.min(PANEL_COLUMNS, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        List<Chart<?, ?>> all = new ArrayList<>(panels);
        while (all.size() < rows * cols) {
            all.add(blank());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(all, rows, cols, out, BitmapFormat.PNG);
        AtomicFiles.write(file, out.toByteArray());
    }

    /** An empty white panel that fills the last row of a grid. */
    static XYChart blank() {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).build();
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setLegendVisible(false);
        chart.getStyler().setAxisTicksVisible(false);
        chart.getStyler().setPlotGridLinesVisible(false);
        XYSeries none = chart.addSeries(" ", new double[] {0}, new double[] {0});
        none.setMarker(SeriesMarkers.NONE);
        none.setLineColor(Color.WHITE);
        return chart;
    }

    static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(180, 180, 180));
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setLegendBorderColor(new Color(200, 200, 200));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setAntiAlias(true);
    }

    static void save(Chart<?, ?> chart, Path file) throws IOException {
        AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG));
    }

    /** A label of at most {@value #ROTATED_CHARS} characters: its start and end, unique among {@code taken}. */
    static String shorten(String label, List<String> taken) {
        String s = label.length() <= ROTATED_CHARS ? label : label.substring(0, ROTATED_CHARS / 2 - 2) + "..."
                + label.substring(label.length() - (ROTATED_CHARS - ROTATED_CHARS / 2 - 1));
        String unique = s;
        for (int i = 2; taken.contains(unique); i++) {
            unique = s + " (" + i + ")";
        }
        return unique;
    }
}
