package io.seqpipe.tasks.forecast;

import io.seqpipe.data.Rejection;
import io.seqpipe.timeseries.CleaningSummary;
import io.seqpipe.timeseries.SeriesSplit;
import io.seqpipe.timeseries.TimeSeries;

import java.io.Serializable;
import java.util.List;

/** One series key after cleaning and the chronological split, with the rows cleaning rejected and its counts. */
public record CleanedSeries(TimeSeries series, SeriesSplit split, List<Rejection> rejections, CleaningSummary summary)
        implements Serializable {

    public String key() {
        return series.key();
    }
}
