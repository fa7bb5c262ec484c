package io.seqpipe.jobs;

import io.seqpipe.report.ReportPage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks on the {@code report.html} an evaluate run wrote: its charts (inlined PNGs that decode, with the expected
 * ids) and, in a real browser, that headless Chromium renders it to a non-blank screenshot. Without a Chromium binary
 * the render is skipped, except under CI ({@code CI=true}), where it fails.
 */
final class ReportInBrowser {
    private static final Pattern CHART = Pattern.compile("<img id=\"([^\"]+)\" class=\""
            + ReportPage.CHART_CLASS + "\" width=\"\\d+\" height=\"\\d+\" alt=\"[^\"]+\" "
            + "src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\">");
    private static final List<String> BINARIES = List.of("chromium", "chromium-browser", "google-chrome");

    private ReportInBrowser() {
    }

    /** Asserts the page's charts are exactly {@code expectedIds}, in order, each a PNG that decodes. */
    static void assertCharts(String html, List<String> expectedIds) throws IOException {
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, Math.min(200, html.length())));
        List<String> ids = new ArrayList<>();
        Matcher m = CHART.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder()
                    .decode(m.group(2))));
            assertNotNull(png, "chart " + m.group(1) + " is not a PNG");
            assertTrue(png.getWidth() >= 300 && png.getHeight() >= 100, m.group(1) + " " + png.getWidth());
        }
        assertEquals(expectedIds, ids);
        assertEquals(ids.size(), html.split("data:image/png;base64,", -1).length - 1, "every image is a chart");
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script")
                || html.contains("<link"), "the report loads nothing at view time");
    }

    /**
     * Renders {@code html} in headless Chromium to a PNG of {@code width} × {@code height} and asserts that it
     * exited 0 and that the screenshot is an image with content (not one flat colour).
     *
     * @return the screenshot
     */
    static Path render(String html, Path dir, int width, int height) throws IOException, InterruptedException {
        String chromium = chromium();
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (chromium == null) {
            if (ci) {
                fail("CI=true but no Chromium binary (" + BINARIES + ") is on PATH; .ci/run installs the Debian "
                        + "package chromium");
            }
            assumeTrue(false, "no Chromium binary (" + BINARIES + ") on PATH: the browser render of report.html is"
                    + " skipped; apt-get install chromium to run it");
        }
        Path page = dir.resolve("report.html");
        Files.writeString(page, html, StandardCharsets.UTF_8);
        Path png = dir.resolve("report.png");
        Path log = dir.resolve("chromium.log");
        Process p = new ProcessBuilder(chromium, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
                "--user-data-dir=" + dir.resolve("profile"), "--screenshot=" + png,
                "--window-size=" + width + "," + height, page.toUri().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("Chromium did not finish rendering " + page + " in 120 s: " + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), "Chromium failed: " + Files.readString(log));
        assertTrue(Files.exists(png), "no screenshot: " + Files.readString(log));
        assertTrue(Files.size(png) > 20_000, "screenshot of " + Files.size(png) + " bytes");
        BufferedImage shot = ImageIO.read(png.toFile());
        assertNotNull(shot, "the screenshot is not a PNG");
        assertEquals(width, shot.getWidth());
        assertEquals(height, shot.getHeight());
        assertTrue(varianceOfBrightness(shot) > 100, "the screenshot is (nearly) blank");
        return png;
    }

    private static String chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : BINARIES) {
                File f = new File(dir, name);
                if (f.isFile() && f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        return null;
    }

    /** The variance of the pixels' brightness (0-255): 0 for one flat colour. */
    static double varianceOfBrightness(BufferedImage image) {
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                double v = (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) / 3.0;
                sum += v;
                sumSq += v * v;
                n++;
            }
        }
        double mean = sum / n;
        return sumSq / n - mean * mean;
    }
}
