package io.seqpipe.report;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;

/**
 * One self-contained HTML page, built in order: headings, paragraphs, tables, preformatted text and charts. A chart is
 * drawn headless to PNG when it is added and inlined as a {@code data:image/png;base64} image with an {@code id}, the
 * class {@code chart} and alt text; nothing on the page loads anything at view time. Every text is escaped.
 */
public final class ReportPage {
    /** The class of every chart image; tests and style sheets find the charts by it. */
    public static final String CHART_CLASS = "chart";
    /** The class of a marked table cell ({@link #table(String, List, List, BiPredicate)}). */
    public static final String MARKED_CLASS = "best";

    static {
        // charts are drawn off screen, also on a driver without a display
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final String STYLE = "body{font-family:sans-serif;margin:24px auto;padding:0 16px;max-width:1000px;color:#222}"
            + "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}"
            + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;"
            + "text-align:left;font-size:0.9em;overflow-wrap:anywhere}th{background:#f2f2f2}td.n{text-align:right;"
            + "font-variant-numeric:tabular-nums}img.chart{display:block;margin:8px 0;max-width:100%}"
            + "td.best{font-weight:bold;background:#dff0d8}pre{background:#f7f7f7;padding:8px;white-space:pre-wrap}p.note{color:#555;font-size:0.9em}";

    private final String title;
    private final StringBuilder body = new StringBuilder();
    private final List<String> chartIds = new ArrayList<>();

    public ReportPage(String title) {
        this.title = title;
        body.append("<h1>").append(Html.escape(title)).append("</h1>\n");
    }

    /** A section heading. */
    public ReportPage heading(String text) {
        body.append("<h2>").append(Html.escape(text)).append("</h2>\n");
        return this;
    }

    public ReportPage paragraph(String text) {
        body.append("<p>").append(Html.escape(text)).append("</p>\n");
        return this;
    }

    /** A paragraph in smaller, grey type: how a number was computed, what a chart leaves out. */
    public ReportPage note(String text) {
        body.append("<p class=\"note\">").append(Html.escape(text)).append("</p>\n");
        return this;
    }

    public ReportPage preformatted(String text) {
        body.append("<pre>").append(Html.escape(text)).append("</pre>\n");
        return this;
    }

    /**
     * A table; a cell that parses as a number is right-aligned.
     *
     * @param id     the table's {@code id}
     * @param header the column names; empty for a table without a header row
     */
    public ReportPage table(String id, List<String> header, List<List<String>> rows) {
        return table(id, header, rows, (row, column) -> false);
    }

    /**
     * A table with some cells marked (class {@value #MARKED_CLASS}: bold on a green background), e.g. the best value
     * of a row.
     *
     * @param marked whether the cell at (row, column), both from 0 and not counting the header, is marked
     */
    public ReportPage table(String id, List<String> header, List<List<String>> rows,
                            BiPredicate<Integer, Integer> marked) {
        body.append("<table id=\"").append(Html.escape(id)).append("\">\n");
        if (!header.isEmpty()) {
            body.append("<tr>");
            header.forEach(h -> body.append("<th>").append(Html.escape(h)).append("</th>"));
            body.append("</tr>\n");
        }
        for (int r = 0; r < rows.size(); r++) {
            body.append("<tr>");
            for (int c = 0; c < rows.get(r).size(); c++) {
                String cell = rows.get(r).get(c);
                List<String> classes = new ArrayList<>(2);
                if (isNumber(cell)) {
                    classes.add("n");
                }
                if (marked.test(r, c)) {
                    classes.add(MARKED_CLASS);
                }
                body.append(classes.isEmpty() ? "<td>" : "<td class=\"" + String.join(" ", classes) + "\">")
                        .append(Html.escape(cell)).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /**
     * Draws {@code chart} to a {@code width} × {@code height} PNG and inlines it.
     *
     * @param id  the image's {@code id}, unique on the page
     * @param alt what the chart shows, for readers that do not see it
     */
    public ReportPage chart(String id, String alt, JFreeChart chart, int width, int height) {
        if (chartIds.contains(id)) {
            throw new IllegalArgumentException("chart id '" + id + "' is already on the page");
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(png, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw chart " + id, e);
        }
        chartIds.add(id);
        body.append("<img id=\"").append(Html.escape(id)).append("\" class=\"").append(CHART_CLASS)
                .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\" alt=\"")
                .append(Html.escape(alt)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png.toByteArray())).append("\">\n");
        return this;
    }

    /** The ids of the charts on the page, in order. */
    public List<String> chartIds() {
        return List.copyOf(chartIds);
    }

    /** The whole page. */
    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Html.escape(title)
                + "</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
    }

    /** A metric as the report prints it: 4 decimals, "NaN" and "∞" spelled out. */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static boolean isNumber(String cell) {
        if (cell == null || cell.isEmpty()) {
            return false;
        }
        if (cell.equals("NaN") || cell.equals("∞") || cell.equals("-∞")) {
            return true;
        }
        try {
            Double.parseDouble(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
