package io.seqpipe.tasks.forecast;

import io.seqpipe.SeqPipeException;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.forecast.TimeSeries;

import java.io.Serializable;
import java.util.List;

/**
 * Model-side value transforms (config section {@code transform}), applied to a cleaned series before the scaler is
 * fitted and inverted on every forecast before it is compared with actuals, so metrics stay in original units.
 *
 * @param valueColumns   the value columns, in feature order
 * @param log1pColumns   the value columns modelled as {@code ln(1 + x)}
 * @param relativeToLast whether the network sees each target column relative to its last lookback value
 *                       (see {@link ForecastPreprocessing})
 */
public record ValueTransform(List<String> valueColumns, List<String> log1pColumns, boolean relativeToLast)
        implements Serializable {

    public ValueTransform {
        valueColumns = List.copyOf(valueColumns);
        log1pColumns = List.copyOf(log1pColumns);
        for (String c : log1pColumns) {
            if (!valueColumns.contains(c)) {
                throw new InvalidConfigException("transform.log1p must name columns of series.valueColumns "
                        + valueColumns + ", got '" + c + "'");
            }
        }
    }

    public static ValueTransform from(ConfigReader r, List<String> valueColumns) {
        return new ValueTransform(valueColumns, r.stringList("transform.log1p"), r.bool("transform.relativeToLast"));
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
