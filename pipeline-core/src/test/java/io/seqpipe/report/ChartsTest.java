package io.seqpipe.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ChartsTest {

    @Test
    void precisionRecallAndF1AreThreeSeriesOverTheCategoriesOnAFixedScoreAxis() {
        JFreeChart chart = Charts.precisionRecallF1("P/R/F1 per class", "class", List.of(
                new Charts.Scores("neg", 0.5, 0.25, 1.0 / 3), new Charts.Scores("pos", 0.75, Double.NaN, 0.6)));
        CategoryPlot plot = chart.getCategoryPlot();
        CategoryDataset data = plot.getDataset();
        assertEquals(List.of("precision", "recall", "F1"), data.getRowKeys());
        assertEquals(List.of("neg", "pos"), data.getColumnKeys());
        assertEquals(0.25, data.getValue("recall", "neg").doubleValue());
        assertEquals(1.0 / 3, data.getValue("F1", "neg").doubleValue());
        assertNull(data.getValue("recall", "pos"), "NaN draws no bar");
        assertEquals(0, plot.getRangeAxis().getLowerBound());
        assertEquals(1.05, plot.getRangeAxis().getUpperBound());
        assertEquals("class", plot.getDomainAxis().getLabel());
        assertEquals("score", plot.getRangeAxis().getLabel());
        assertEquals("P/R/F1 per class", chart.getTitle().getText());
    }

    @Test
    void overlaidCurvesHaveOneSeriesPerRunWithoutTheNaNPoints() {
        Map<String, Map<Integer, Double>> perRun = new LinkedHashMap<>();
        perRun.put("lstm", Map.of(1, 0.6));
        Map<Integer, Double> gru = new LinkedHashMap<>();
        gru.put(1, 0.5);
        gru.put(2, Double.NaN);
        gru.put(3, 0.3);
        perRun.put("gru", gru);
        XYPlot plot = Charts.overlaidPerEpoch("Training loss", "loss", perRun).getXYPlot();
        XYDataset data = plot.getDataset();
        assertEquals(2, data.getSeriesCount());
        assertEquals("gru", data.getSeriesKey(1));
        assertEquals(2, data.getItemCount(1));
        assertEquals(3.0, data.getXValue(1, 1));
        assertEquals(0.3, data.getYValue(1, 1));
        assertEquals("epoch", plot.getDomainAxis().getLabel());
    }
}
