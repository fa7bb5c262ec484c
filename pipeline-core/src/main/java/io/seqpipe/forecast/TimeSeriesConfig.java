package io.seqpipe.forecast;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;

import java.io.Serializable;
import java.util.List;

/**
 * The validated time-series data configuration: how to read, clean, split, scale and window the series, and the
 * season length of the baseline and MASE. Read from sections {@code series}, {@code cleaning}, {@code split},
 * {@code scaling}, {@code window} and {@code evaluation}, documented with their defaults in
 * {@code io/seqpipe/forecast/timeseries.defaults.conf}. Checks across sections happen here, before any Spark work.
 */
public record TimeSeriesConfig(SeriesCsvFormat series, CleaningConfig cleaning, SplitSpec split,
                               ScalingConfig scaling, WindowSpec window, int seasonLength) implements Serializable {

    /** The classpath resource with every key of this config, documented; a task's defaults include it. */
    public static final String DEFAULTS_RESOURCE = "io/seqpipe/forecast/timeseries.defaults.conf";

    public TimeSeriesConfig {
        FeatureAssembler.targetIndices(series.valueColumns(), window.targetColumns());
        ConfigReader.check(seasonLength >= 1, "evaluation.seasonLength", seasonLength, ">= 1");
        if (!series.hasTimestamps() && cleaning.frequency() != null) {
            throw new InvalidConfigException("cleaning.frequency must be infer when series.timestampFormat = none"
                    + " (there are no timestamps to step through), got " + cleaning.frequency().describe());
        }
        if (!series.hasTimestamps() && split.mode() == SplitSpec.Mode.TIMESTAMP) {
            throw new InvalidConfigException("split.mode = timestamp needs timestamps, but series.timestampFormat ="
                    + " none; use split.mode = fraction");
        }
    }

    public static TimeSeriesConfig from(ConfigReader r) {
        SeriesCsvFormat series = SeriesCsvFormat.from(r, "series");
        return new TimeSeriesConfig(series, CleaningConfig.from(r, "cleaning"),
                SplitSpec.from(r, "split", series.timestampFormat()), ScalingConfig.from(r, "scaling"),
                WindowSpec.from(r, "window"), r.integer("evaluation.seasonLength"));
    }

    /** The parser for files with this header (empty without one). */
    public SeriesRowParser parser(List<String> header, String source) {
        return SeriesRowParser.create(series, header, cleaning.missingValues(), source);
    }

    /** The positions of the target columns among the value columns. */
    public int[] targetIndices() {
        return FeatureAssembler.targetIndices(series.valueColumns(), window.targetColumns());
    }
}
