package io.seqpipe.tasks.forecast;

import io.seqpipe.SeqPipeException;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.forecast.FittedSeasonality;
import io.seqpipe.forecast.TimeSeries;
import io.seqpipe.forecast.TimeSeriesConfig;
import io.seqpipe.forecast.WindowNormalization;

import java.io.Serializable;
import java.util.List;

/**
 * Model-side value transforms (config section {@code transform}), fitted on training parts and inverted on every
 * forecast before it is compared with actuals, so metrics stay in original units. In order (each inverse in reverse
 * order on forecasts; {@link ForecastPreprocessing} applies them):
 * <ol>
 *   <li>{@code log1p}: the named value columns as {@code ln(1 + x)} ({@link #apply});</li>
 *   <li>{@code seasonal}: per-series seasonal indices of the target columns removed
 *       ({@link FittedSeasonality});</li>
 *   <li>the scaler ({@code scaling.*});</li>
 *   <li>{@code difference}/{@code differenceLag} and {@code level}: each window's target inputs and labels
 *       differenced within the window, then taken relative to the window's level ({@link WindowNormalization}).</li>
 * </ol>
 *
 * @param valueColumns  the value columns, in feature order
 * @param log1pColumns  the value columns modelled as {@code ln(1 + x)}
 * @param seasonal      how per-series seasonal indices are removed from the target columns
 * @param level         what each window's target inputs and labels are taken relative to
 * @param differenceLag the lag of the differences the network sees of the target columns (0: none)
 */
public record ValueTransform(List<String> valueColumns, List<String> log1pColumns, FittedSeasonality.Mode seasonal,
                             WindowNormalization.Level level, int differenceLag) implements Serializable {

    public ValueTransform {
        valueColumns = List.copyOf(valueColumns);
        log1pColumns = List.copyOf(log1pColumns);
        if (differenceLag < 0) {
            throw new IllegalArgumentException("differenceLag must be >= 0, got " + differenceLag);
        }
        for (String c : log1pColumns) {
            if (!valueColumns.contains(c)) {
                throw new InvalidConfigException("transform.log1p must name columns of series.valueColumns "
                        + valueColumns + ", got '" + c + "'");
            }
        }
    }

    /**
     * Reads section {@code transform}; {@code transform.relativeToLast = true} is the older name of
     * {@code transform.level = last}.
     */
    public static ValueTransform from(ConfigReader r, TimeSeriesConfig data) {
        FittedSeasonality.Mode seasonal = r.enumValue("transform.seasonal", FittedSeasonality.Mode.class);
        if (seasonal != FittedSeasonality.Mode.NONE && data.seasonLength() < 2) {
            throw new InvalidConfigException("transform.seasonal = " + r.string("transform.seasonal") + " needs"
                    + " evaluation.seasonLength >= 2 (the season of its indices), got " + data.seasonLength());
        }
        WindowNormalization.Level level = r.enumValue("transform.level", WindowNormalization.Level.class);
        if (r.bool("transform.relativeToLast")) {
            if (level == WindowNormalization.Level.MEAN) {
                throw new InvalidConfigException("transform.relativeToLast = true is transform.level = last; set"
                        + " transform.level alone, got transform.level = " + r.string("transform.level"));
            }
            level = WindowNormalization.Level.LAST;
        }
        int differenceLag = r.integer("transform.differenceLag");
        int lag = r.integer("transform.difference") == 0 ? 0 : differenceLag;
        int lookback = data.window().lookback();
        if (lag >= lookback) {
            throw new InvalidConfigException("transform.differenceLag must be < window.lookback = " + lookback
                    + " (each window is differenced within its lookback), got " + lag);
        }
        return new ValueTransform(data.series().valueColumns(), r.stringList("transform.log1p"), seasonal, level, lag);
    }

    /** The per-window part: differences and level of each target column ({@link WindowNormalization}). */
    public WindowNormalization windowNormalization() {
        return new WindowNormalization(level, differenceLag);
    }

    /** Whether value column {@code column} is modelled as {@code ln(1 + x)}. */
    public boolean isLog(int column) {
        return log1pColumns.contains(valueColumns.get(column));
    }

    /** The series with the transformed values (the same series when nothing is transformed). */
    public TimeSeries apply(TimeSeries series) {
        if (log1pColumns.isEmpty()) {
            return series;
        }
        int columns = valueColumns.size();
        boolean[] log = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            log[c] = isLog(c);
        }
        double[][] values = new double[series.length()][];
        for (int step = 0; step < values.length; step++) {
            double[] row = series.values()[step].clone();
            for (int c = 0; c < columns; c++) {
                if (log[c]) {
                    if (!(row[c] > -1)) {
                        throw new SeqPipeException("series '" + series.key() + "' step " + step
                                + (series.hasTimestamps() ? " (" + series.timestamp(step) + ")" : "") + ": column "
                                + valueColumns.get(c) + " = " + row[c] + " cannot be modelled as ln(1 + x);"
                                + " remove it from transform.log1p");
                    }
                    row[c] = Math.log1p(row[c]);
                }
            }
            values[step] = row;
        }
        return new TimeSeries(series.key(), series.timestamps(), values, series.categories(), series.frequency());
    }

    /** A value of column {@code column} back in original units. */
    public double invert(int column, double transformed) {
        return isLog(column) ? Math.expm1(transformed) : transformed;
    }
}
