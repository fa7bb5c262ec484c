package io.seqpipe.report;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The charts of the evaluate and comparison reports, made with JFreeChart: each factory takes plain numbers and returns a chart that
 * {@link ReportPage#chart} draws.
 */
public final class Charts {
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    /** The series colours of bar charts (matplotlib's "tab10", a palette readers know). */
    private static final Color[] PALETTE = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C),
            new Color(0xD62728), new Color(0x9467BD), new Color(0x8C564B)};
    /** Above this many classes the confusion matrix cells carry no count labels (they would not fit). */
    private static final int MAX_LABELLED_CLASSES = 20;

    private Charts() {
    }

    /** Training loss (top) and the validation metric (below) per epoch, one shared epoch axis. */
    public static JFreeChart learningCurves(LearningCurve curve) {
        NumberAxis epochAxis = new NumberAxis("epoch");
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
        plot.setGap(12);
        XYSeries loss = new XYSeries("training loss");
        XYSeries validation = new XYSeries(curve.validationName());
        for (int i = 0; i < curve.epochs().size(); i++) {
            loss.add(curve.epochs().get(i), curve.loss().get(i));
            double v = curve.validation().get(i);
            if (!Double.isNaN(v)) {
                validation.add(curve.epochs().get(i).doubleValue(), v);
            }
        }
        plot.add(linePlot(new XYSeriesCollection(loss), "training loss", new Color(0x1F, 0x77, 0xB4)), 1);
        if (curve.hasValidation()) {
            plot.add(linePlot(new XYSeriesCollection(validation), curve.validationName(),
                    new Color(0xD6, 0x27, 0x28)), 1);
        }
        return styled(new JFreeChart("Learning curves", JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }

    private static XYPlot linePlot(XYSeriesCollection data, String axisLabel, Color color) {
        NumberAxis axis = new NumberAxis(axisLabel);
        axis.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, color);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        return new XYPlot(data, null, axis, renderer);
    }

    /**
     * The confusion matrix as a heat map: actual class down, predicted across, each cell shaded by its share of the
     * actual class's examples (so small classes show their errors too) and labelled with its count.
     *
     * @param counts {@code [actual][predicted]}
     */
    public static JFreeChart confusionMatrix(List<String> labels, long[][] counts) {
        int k = labels.size();
        double[][] xyz = new double[3][k * k];
        for (int a = 0; a < k; a++) {
            long row = 0;
            for (long c : counts[a]) {
                row += c;
            }
            for (int p = 0; p < k; p++) {
                int i = a * k + p;
                xyz[0][i] = p;
                xyz[1][i] = a;
                xyz[2][i] = row == 0 ? 0 : (double) counts[a][p] / row;
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("share of actual class", xyz);
        String[] names = labels.toArray(String[]::new);
        SymbolAxis predicted = new SymbolAxis("predicted", names);
        predicted.setVerticalTickLabels(k > 6);
        SymbolAxis actual = new SymbolAxis("actual", names);
        actual.setInverted(true);
        XYBlockRenderer renderer = new XYBlockRenderer();
        LookupPaintScale scale = new LookupPaintScale(0, 1.0001, Color.WHITE);
        for (int step = 0; step <= 20; step++) {
            double share = step / 20.0;
            scale.add(share, blend(Color.WHITE, new Color(0x08, 0x30, 0x6B), share));
        }
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, predicted, actual, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        if (k <= MAX_LABELLED_CLASSES) {
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, k <= 8 ? 12 : 9);
            for (int a = 0; a < k; a++) {
                for (int p = 0; p < k; p++) {
                    XYTextAnnotation label = new XYTextAnnotation(Long.toString(counts[a][p]), p, a);
                    label.setFont(font);
                    label.setPaint(xyz[2][a * k + p] > 0.5 ? Color.WHITE : Color.BLACK);
                    plot.addAnnotation(label);
                }
            }
        }
        JFreeChart chart = new JFreeChart("Confusion matrix",
                JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        NumberAxis shareAxis = new NumberAxis("share of the actual class");
        shareAxis.setRange(0, 1);
        PaintScaleLegend legend = new PaintScaleLegend(scale, shareAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 40, 4);
        chart.addSubtitle(legend);
        return styled(chart);
    }

    private static Color blend(Color from, Color to, double t) {
        return new Color((int) Math.round(from.getRed() + t * (to.getRed() - from.getRed())),
                (int) Math.round(from.getGreen() + t * (to.getGreen() - from.getGreen())),
                (int) Math.round(from.getBlue() + t * (to.getBlue() - from.getBlue())));
    }

    /**
     * Grouped bars: for each category (a class, an entity type, a length bucket), one bar per series.
     *
     * @param values series name → category → value, in the order to draw
     * @param range  the value axis's fixed range {@code [lower, upper]}, or null to fit the data
     */
    public static JFreeChart bars(String title, String categoryLabel, String valueLabel,
                                  Map<String, Map<String, Double>> values, double[] range, boolean horizontal) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        values.forEach((series, byCategory) -> byCategory.forEach((category, value) ->
                data.addValue(Double.isNaN(value) ? null : value, series, category)));
        JFreeChart chart = ChartFactory.createBarChart(title, categoryLabel, valueLabel, data,
                horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL, values.size() > 1, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        renderer.setMaximumBarWidth(0.12);
        for (int i = 0; i < PALETTE.length; i++) {
            renderer.setSeriesPaint(i, PALETTE[i]);
        }
        CategoryAxis categories = plot.getDomainAxis();
        if (!horizontal && data.getColumnCount() > 8) {
            categories.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        if (range != null) {
            plot.getRangeAxis().setRange(range[0], range[1]);
        }
        return styled(chart);
    }

    /** One category's precision, recall and F1, for {@link #precisionRecallF1}. */
    public record Scores(String category, double precision, double recall, double f1) {
    }

    /**
     * Precision, recall and F1 per category (a class, an entity type) as grouped bars on a fixed 0 to 1.05 score axis,
     * in the order given.
     */
    public static JFreeChart precisionRecallF1(String title, String categoryLabel, List<Scores> scores) {
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        bars.put("precision", new LinkedHashMap<>());
        bars.put("recall", new LinkedHashMap<>());
        bars.put("F1", new LinkedHashMap<>());
        for (Scores s : scores) {
            bars.get("precision").put(s.category(), s.precision());
            bars.get("recall").put(s.category(), s.recall());
            bars.get("F1").put(s.category(), s.f1());
        }
        return bars(title, categoryLabel, "score", bars, new double[]{0, 1.05}, false);
    }

    /**
     * One line per run over a shared epoch axis (e.g. the training loss of several runs), in the palette's colours;
     * NaN values are left out of their line.
     *
     * @param perRun run name → epoch → value, in the order of the legend
     */
    public static JFreeChart overlaidPerEpoch(String title, String valueLabel, Map<String, Map<Integer, Double>> perRun) {
        XYSeriesCollection data = new XYSeriesCollection();
        perRun.forEach((run, values) -> {
            XYSeries series = new XYSeries(run);
            values.forEach((epoch, value) -> {
                if (!Double.isNaN(value)) {
                    series.add(epoch.doubleValue(), value);
                }
            });
            data.addSeries(series);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", valueLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < perRun.size(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        return styled(chart);
    }

    /** The ROC curve with the chance diagonal; the title gives the area under it. */
    public static JFreeChart roc(List<double[]> points, double auc, String positiveLabel) {
        XYSeries curve = new XYSeries("ROC (positive: " + positiveLabel + ")", false, true);
        points.forEach(p -> curve.add(p[0], p[1]));
        XYSeries chance = new XYSeries("chance", false, true);
        chance.add(0, 0);
        chance.add(1, 1);
        XYSeriesCollection data = new XYSeriesCollection(curve);
        data.addSeries(chance);
        JFreeChart chart = ChartFactory.createXYLineChart(String.format(Locale.ROOT,
                        "ROC curve (AUC %.4f)", auc), "false positive rate", "true positive rate", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        ((NumberAxis) plot.getDomainAxis()).setRange(0, 1);
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 1.02);
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        renderer.setSeriesPaint(0, new Color(0x1F, 0x77, 0xB4));
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesPaint(1, Color.GRAY);
        renderer.setSeriesStroke(1, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[]{5f, 5f}, 0f));
        return styled(chart);
    }

    /**
     * A series' test horizon: the actual values (with the steps before the horizon) and the forecasts of the model,
     * naive, seasonal naive and (when evaluated) ETS, with the model's prediction interval as a shaded band when it
     * has one. Steps are numbered from the first forecast step (0); history steps are negative.
     */
    public static JFreeChart forecast(ForecastSample s, int seasonLength) {
        XYSeries actual = new XYSeries("actual");
        int before = s.history().length;
        for (int i = 0; i < before; i++) {
            actual.add(i - before, s.history()[i]);
        }
        for (int h = 0; h < s.actual().length; h++) {
            actual.add(h, s.actual()[h]);
        }
        XYSeriesCollection data = new XYSeriesCollection(actual);
        data.addSeries(horizonSeries("model", s.model()));
        data.addSeries(horizonSeries("naive", s.naive()));
        data.addSeries(horizonSeries("seasonal naive (" + seasonLength + ")", s.seasonalNaive()));
        if (s.ets() != null) {
            data.addSeries(horizonSeries("ETS", s.ets()));
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Series " + s.key() + ": " + s.target(),
                "step (0 = first forecast step)", s.target(), data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Color[] colors = {Color.BLACK, new Color(0xD6, 0x27, 0x28), new Color(0x2C, 0xA0, 0x2C),
                new Color(0xFF, 0x7F, 0x0E), new Color(0x94, 0x67, 0xBD)};
        for (int i = 0; i < colors.length; i++) {
            renderer.setSeriesPaint(i, colors[i]);
            renderer.setSeriesStroke(i, new BasicStroke(i == 0 ? 2f : 1.5f));
        }
        plot.setRenderer(renderer);
        if (s.interval() != null) {
            intervalBand(plot, s.interval());
        }
        return styled(chart);
    }

    /** The model's prediction interval as a shaded band behind the lines (a second dataset, drawn first). */
    private static void intervalBand(XYPlot plot, ForecastSample.Interval interval) {
        YIntervalSeries band = new YIntervalSeries(interval.name());
        for (int h = 0; h < interval.lower().length; h++) {
            band.add(h, (interval.lower()[h] + interval.upper()[h]) / 2, interval.lower()[h], interval.upper()[h]);
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(band);
        Color fill = new Color(0xD6, 0x27, 0x28);
        DeviationRenderer renderer = new DeviationRenderer(false, false) {
            @Override
            public LegendItem getLegendItem(int datasetIndex, int series) {
                // the band has neither line nor shape to show: a swatch of its fill
                return new LegendItem(interval.name(), null, null, null, new Rectangle(-6, -4, 12, 8),
                        new Color(fill.getRed(), fill.getGreen(), fill.getBlue(), 0x48));
            }
        };
        renderer.setSeriesFillPaint(0, fill);
        renderer.setAlpha(0.18f);
        plot.setDataset(1, data);
        plot.setRenderer(1, renderer);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
    }

    private static XYSeries horizonSeries(String name, double[] values) {
        XYSeries series = new XYSeries(name);
        for (int h = 0; h < values.length; h++) {
            series.add(h, values[h]);
        }
        return series;
    }

    /** White background and light grid lines on every chart. */
    private static JFreeChart styled(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getPlot() instanceof XYPlot xy) {
            styled(xy);
            if (xy instanceof CombinedDomainXYPlot combined) {
                combined.getSubplots().forEach(p -> styled((XYPlot) p));
            }
        } else if (chart.getPlot() instanceof CategoryPlot cat) {
            cat.setBackgroundPaint(Color.WHITE);
            cat.setRangeGridlinePaint(GRID);
        }
        return chart;
    }

    private static void styled(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
    }
}
