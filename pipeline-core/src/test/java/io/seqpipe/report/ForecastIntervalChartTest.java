package io.seqpipe.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The forecast chart draws a quantile forecaster's interval as a band over the horizon steps, and only then. */
class ForecastIntervalChartTest {
    static final ForecastSample.Interval INTERVAL = new ForecastSample.Interval("model 0.1-0.9 interval (nominal 80 %)",
            new double[]{3.5, 4.0}, new double[]{5.0, 6.5});

    static ForecastSample sample(ForecastSample.Interval interval) {
        return new ForecastSample("k", "y", new double[]{1, 2, 3}, new double[]{4, 5}, new double[]{4.2, 4.9},
                new double[]{3, 3}, new double[]{2, 3}, null, interval);
    }

    @Test
    void theIntervalIsABandBehindTheLines() {
        XYPlot plot = Charts.forecast(sample(INTERVAL), 2).getXYPlot();
        IntervalXYDataset band = (IntervalXYDataset) plot.getDataset(1);
        assertEquals(1, band.getSeriesCount());
        assertEquals(2, band.getItemCount(0));
        assertEquals(1.0, band.getXValue(0, 1));
        assertEquals(4.0, band.getStartYValue(0, 1));
        assertEquals(6.5, band.getEndYValue(0, 1));
        assertEquals("model 0.1-0.9 interval (nominal 80 %)", plot.getRenderer(1).getLegendItem(1, 0).getLabel());
        JFreeChart point = Charts.forecast(sample(null), 2);
        assertNull(point.getXYPlot().getDataset(1), "a point forecaster has no band");
    }

    @Test
    void anIntervalNeedsOneBoundPerHorizonStep() {
        assertThrows(IllegalArgumentException.class, () -> sample(new ForecastSample.Interval("i",
                new double[]{1}, new double[]{2, 3})));
    }
}
