package io.seqpipe.report;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportPageTest {
    private static final Pattern IMAGE = Pattern.compile(
            "<img id=\"([^\"]+)\" class=\"chart\" width=\"(\\d+)\" height=\"(\\d+)\" alt=\"[^\"]*\" "
                    + "src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\">");

    @Test
    void escapesEveryCharacterThatCouldEndTextOrAnAttribute() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39; ü", Html.escape("a <b> & \"c\" 'd' ü"));
        assertEquals("", Html.escape(null));
    }

    @Test
    void textOfTheDataIsEscapedInTitleHeadingsTablesAndAltText() {
        ReportPage page = new ReportPage("run <script>alert(1)</script>");
        page.heading("B-PER -> I-PER & co").table("t\"x", List.of("<th>"), List.of(List.of("</td><script>")));
        page.chart("c1", "alt \" onerror=\"x", Charts.bars("t", "c", "v", Map.of("s", Map.of("<a>", 1.0)), null,
                false), 200, 100);
        String html = page.html();
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("<title>run &lt;script&gt;alert(1)&lt;/script&gt;</title>"), html);
        assertTrue(html.contains("<h2>B-PER -&gt; I-PER &amp; co</h2>"), html);
        assertTrue(html.contains("<table id=\"t&quot;x\">"), html);
        assertTrue(html.contains("<td>&lt;/td&gt;&lt;script&gt;</td>"), html);
        assertTrue(html.contains("alt=\"alt &quot; onerror=&quot;x\""), html);
    }

    @Test
    void everyChartIsAnInlinedPngOfItsSizeAndNothingIsLoadedAtViewTime() throws IOException {
        List<Double> loss = List.of(1.2, 0.8, 0.5);
        LearningCurve curve = new LearningCurve(List.of(1, 2, 3), loss, "validationAccuracy", List.of(0.6, 0.7, 0.75));
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        bars.put("precision", Map.of("pos", 0.9, "neg", 0.8));
        bars.put("recall", Map.of("pos", 0.7, "neg", Double.NaN));
        ReportPage page = new ReportPage("r")
                .chart("learning-curves", "curves", Charts.learningCurves(curve), 640, 400)
                .chart("confusion-matrix", "matrix", Charts.confusionMatrix(List.of("neg", "pos"),
                        new long[][]{{30, 5}, {0, 25}}), 400, 300)
                .chart("per-class", "bars", Charts.bars("P/R", "class", "score", bars, new double[]{0, 1}, false),
                        500, 300)
                .chart("roc", "roc", Charts.roc(List.of(new double[]{0, 0}, new double[]{0.2, 0.8},
                        new double[]{1, 1}), 0.8, "pos"), 400, 400)
                .chart("forecast-1", "forecast", Charts.forecast(new ForecastSample("k", "y",
                        new double[]{1, 2, 3}, new double[]{4, 5}, new double[]{4.2, 4.9}, new double[]{3, 3},
                        new double[]{2, 3}, new double[]{4.1, 5.2}), 2), 600, 300);
        String html = page.html();
        assertEquals(List.of("learning-curves", "confusion-matrix", "per-class", "roc", "forecast-1"),
                page.chartIds());
        Matcher m = IMAGE.matcher(html);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(4))));
            assertNotNull(png, m.group(1));
            assertEquals(Integer.parseInt(m.group(2)), png.getWidth());
            assertEquals(Integer.parseInt(m.group(3)), png.getHeight());
        }
        assertEquals(page.chartIds(), ids);
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script")
                || html.contains("<link"), "self-contained");
        assertThrows(IllegalArgumentException.class, () -> page.chart("roc", "again",
                Charts.learningCurves(curve), 10, 10));
    }

    @Test
    void numbersAreRightAlignedAndSpelledWithFourDecimals() {
        assertEquals("0.1235", ReportPage.number(0.123456));
        assertEquals("NaN", ReportPage.number(Double.NaN));
        assertEquals("∞", ReportPage.number(Double.POSITIVE_INFINITY));
        String html = new ReportPage("r").table("t", List.of("a", "b"), List.of(List.of("x", "0.5000"))).html();
        assertTrue(html.contains("<td>x</td><td class=\"n\">0.5000</td>"), html);
    }
}
