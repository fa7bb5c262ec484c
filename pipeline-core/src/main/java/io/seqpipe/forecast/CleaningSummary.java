package io.seqpipe.forecast;

import java.io.Serializable;

/**
 * What cleaning did, for one series key or (after {@link #plus}) for all of them. Rejected rows also appear as
 * {@link io.seqpipe.data.Rejection}s; parse-time rejects (bad timestamps, non-numeric values under {@code reject})
 * are counted by the reader, not here.
 *
 * @param series                  number of series keys summed
 * @param rowsIn                  rows handed to cleaning
 * @param duplicateTimestamps     rows rejected because their timestamp repeats an earlier row's
 * @param outOfOrderRejected      rows rejected because their timestamp is earlier than a preceding row's
 * @param outOfOrderSorted        such rows moved into place ({@code outOfOrderTimestamps = sort})
 * @param missingValuesForwardFilled value cells filled from the previous step
 * @param missingValuesInterpolated  value cells filled by linear interpolation
 * @param gaps                    holes in the regular grid (each run of missing steps counts once)
 * @param missingSteps            grid steps missing in those holes
 * @param stepsInserted           missing steps inserted ({@code gaps = ffill | interpolate})
 * @param offGridSteps            consecutive rows whose distance is not a whole number of frequency steps
 * @param edgeRowsTrimmed         rows dropped at the start (or, under interpolation, the end) because a value
 *                                column had no observed value to fill from
 * @param rowsOut                 steps in the cleaned series
 */
public record CleaningSummary(long series, long rowsIn, long duplicateTimestamps, long outOfOrderRejected,
                              long outOfOrderSorted, long missingValuesForwardFilled, long missingValuesInterpolated,
                              long gaps, long missingSteps, long stepsInserted, long offGridSteps, long edgeRowsTrimmed,
                              long rowsOut) implements Serializable {

    public static final CleaningSummary EMPTY = new CleaningSummary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The field-by-field sum (for merging per-key summaries). */
    public CleaningSummary plus(CleaningSummary o) {
        return new CleaningSummary(series + o.series, rowsIn + o.rowsIn, duplicateTimestamps + o.duplicateTimestamps,
                outOfOrderRejected + o.outOfOrderRejected, outOfOrderSorted + o.outOfOrderSorted,
                missingValuesForwardFilled + o.missingValuesForwardFilled,
                missingValuesInterpolated + o.missingValuesInterpolated, gaps + o.gaps, missingSteps + o.missingSteps,
                stepsInserted + o.stepsInserted, offGridSteps + o.offGridSteps, edgeRowsTrimmed + o.edgeRowsTrimmed,
                rowsOut + o.rowsOut);
    }
}
