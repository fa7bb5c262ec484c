package io.seqpipe.tasks.forecast;

import io.seqpipe.data.Rejection;
import io.seqpipe.forecast.CleaningSummary;
import io.seqpipe.forecast.SeriesSplit;
import io.seqpipe.forecast.TimeSeries;

import java.io.Serializable;
import java.util.List;

/** One series key after cleaning and the chronological split, with the rows cleaning rejected and its counts. */
public record CleanedSeries(TimeSeries series, SeriesSplit split, List<Rejection> rejections, CleaningSummary summary)
        implements Serializable {

    public String key() {
        return series.key();
    }
}
