package io.seqpipe.forecast;

import io.seqpipe.SeqPipeException;
import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the parsed rows of one series key (in any order, as a Spark group delivers them) into a {@link TimeSeries}:
 * <ol>
 *   <li>restores file order ({@link SeriesRow#FILE_ORDER});</li>
 *   <li>with timestamps, applies the duplicate and out-of-order policies (the first row of a timestamp is kept);</li>
 *   <li>with a frequency (configured, or the most common step of the key), finds gaps and, per the gap policy,
 *       inserts the missing steps;</li>
 *   <li>fills missing values: forward fill takes the previous step's value, interpolation is linear in the step
 *       position (which is linear in time on a regular grid). Steps before the first observed value of any value
 *       column (and, under interpolation, after the last) cannot be filled and are trimmed.</li>
 * </ol>
 * Every action is counted in the returned {@link CleaningSummary}. Interpolating uses the next observed value, which
 * may lie in a later split part; that is the one place cleaning looks ahead. Pure and serializable.
 */
public final class SeriesCleaner implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long MAX_INSERTED_STEPS = 10_000_000L;
    private final CleaningConfig config;

    public SeriesCleaner(CleaningConfig config) {
        this.config = config;
    }

    /** The cleaned series, the rows rejected by cleaning (their {@code line} is null: rows do not carry it), counts. */
    public record Result(TimeSeries series, List<Rejection> rejections, CleaningSummary summary) {
    }

    public Result clean(String key, Collection<SeriesRow> rows) {
        List<SeriesRow> ordered = new ArrayList<>(rows);
        ordered.sort(SeriesRow.FILE_ORDER);
        boolean timed = !ordered.isEmpty() && ordered.get(0).timestamp() != null;
        for (SeriesRow row : ordered) {
            if ((row.timestamp() != null) != timed) {
                throw new IllegalArgumentException("series '" + key + "' mixes rows with and without timestamps");
            }
        }
        Counts counts = new Counts();
        List<Rejection> rejections = new ArrayList<>();
        List<SeriesRow> kept = timed ? orderByTime(key, ordered, rejections, counts) : ordered;
        SeriesFrequency frequency = null;
        if (timed) {
            frequency = config.frequency() != null ? config.frequency()
                    : SeriesFrequency.mostCommonStep(kept.stream().map(SeriesRow::timestamp).toArray(LocalDateTime[]::new));
        }
        Steps steps = frequency == null ? Steps.of(kept, timed) : fillGrid(key, kept, frequency, counts);
        TimeSeries series = fillValues(key, steps, timed, frequency, counts);
        CleaningSummary summary = new CleaningSummary(1, rows.size(), counts.duplicates, counts.outOfOrderRejected,
                counts.outOfOrderSorted, counts.forwardFilled, counts.interpolated, counts.gaps, counts.missingSteps,
                counts.inserted, counts.offGrid, counts.trimmed, series.length());
        return new Result(series, rejections, summary);
    }

    private List<SeriesRow> orderByTime(String key, List<SeriesRow> ordered, List<Rejection> rejections, Counts counts) {
        Map<LocalDateTime, SeriesRow> firstAt = new HashMap<>();
        List<SeriesRow> kept = new ArrayList<>(ordered.size());
        LocalDateTime latest = null;
        for (SeriesRow row : ordered) {
            LocalDateTime t = row.timestamp();
            SeriesRow earlier = firstAt.get(t);
            if (earlier != null) {
                counts.duplicates++;
                if (config.duplicateTimestamps() == CleaningConfig.DuplicateTimestamps.FAIL) {
                    throw new SeqPipeException("series '" + key + "': " + row.location() + " repeats timestamp " + t
                            + " of " + earlier.location() + " and cleaning.duplicateTimestamps = fail; if the"
                            + " timestamp texts of the two rows differ, series.timestampFormat reads them alike, so fix"
                            + " it; if they are true repeats, set cleaning.duplicateTimestamps = reject to keep the"
                            + " first row");
                }
                rejections.add(new Rejection(row.source(), row.offset(), RejectReason.DUPLICATE_TIMESTAMP,
                        "series '" + key + "': timestamp " + t + " already at " + earlier.location(), null));
                continue;
            }
            if (latest != null && t.isBefore(latest)) {
                switch (config.outOfOrderTimestamps()) {
                    case FAIL:
                        throw new SeqPipeException("series '" + key + "': " + row.location() + " has timestamp " + t
                                + ", earlier than " + latest + " on a preceding row, and"
                                + " cleaning.outOfOrderTimestamps = fail; set it to sort or reject");
                    case REJECT:
                        counts.outOfOrderRejected++;
                        rejections.add(new Rejection(row.source(), row.offset(), RejectReason.OUT_OF_ORDER_TIMESTAMP,
                                "series '" + key + "': timestamp " + t + " follows " + latest, null));
                        continue;
                    case SORT:
                        counts.outOfOrderSorted++;
                        break;
                    default:
                        throw new IllegalStateException(config.outOfOrderTimestamps().name());
                }
            }
            firstAt.put(t, row);
            kept.add(row);
            if (latest == null || t.isAfter(latest)) {
                latest = t;
            }
        }
        if (counts.outOfOrderSorted > 0) {
            kept.sort(Comparator.comparing(SeriesRow::timestamp));
        }
        return kept;
    }

    /** The steps of a series before value filling; {@code inserted[i]} marks a step added for a gap. */
    private record Steps(List<LocalDateTime> times, List<double[]> values, List<String[]> categories,
                         List<Boolean> inserted) {
        static Steps empty(int capacity) {
            return new Steps(new ArrayList<>(capacity), new ArrayList<>(capacity), new ArrayList<>(capacity),
                    new ArrayList<>(capacity));
        }

        static Steps of(List<SeriesRow> rows, boolean timed) {
            Steps steps = empty(rows.size());
            for (SeriesRow row : rows) {
                steps.add(timed ? row.timestamp() : null, row.values().clone(), row.categories(), false);
            }
            return steps;
        }

        void add(LocalDateTime time, double[] values, String[] categories, boolean inserted) {
            this.times.add(time);
            this.values.add(values);
            this.categories.add(categories);
            this.inserted.add(inserted);
        }
    }

    private Steps fillGrid(String key, List<SeriesRow> kept, SeriesFrequency frequency, Counts counts) {
        Steps steps = Steps.empty(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            SeriesRow row = kept.get(i);
            if (i > 0) {
                LocalDateTime previous = kept.get(i - 1).timestamp();
                LocalDateTime current = row.timestamp();
                long j = 1;
                while (frequency.advance(previous, j).isBefore(current)) {
                    j++;
                    if (j > MAX_INSERTED_STEPS) {
                        throw new SeqPipeException("series '" + key + "': more than " + MAX_INSERTED_STEPS + " steps of "
                                + frequency.describe() + " between " + previous + " and " + current
                                + "; check cleaning.frequency");
                    }
                }
                long missing = j - 1;
                boolean onGrid = frequency.advance(previous, j).equals(current);
                if (!onGrid) {
                    counts.offGrid++;
                }
                if (missing > 0) {
                    counts.gaps++;
                    counts.missingSteps += missing;
                }
                if ((missing > 0 || !onGrid) && config.gaps() == CleaningConfig.Gaps.FAIL) {
                    throw new SeqPipeException("series '" + key + "': " + (missing > 0
                            ? missing + " missing step(s) of " + frequency.describe() + " between " + previous
                            + " and " + current
                            : "the step from " + previous + " to " + current + " is not a whole number of "
                            + frequency.describe())
                            + ", and cleaning.gaps = fail; set cleaning.gaps to keep, ffill or interpolate, or check"
                            + " cleaning.frequency");
                }
                if (missing > 0 && config.gaps() != CleaningConfig.Gaps.KEEP) {
                    String[] carried = kept.get(i - 1).categories();
                    for (long s = 1; s <= missing; s++) {
                        double[] blank = new double[row.values().length];
                        Arrays.fill(blank, Double.NaN);
                        steps.add(frequency.advance(previous, s), blank, carried, true);
                    }
                    counts.inserted += missing;
                }
            }
            steps.add(row.timestamp(), row.values().clone(), row.categories(), false);
        }
        return steps;
    }

    private TimeSeries fillValues(String key, Steps steps, boolean timed, SeriesFrequency frequency, Counts counts) {
        int n = steps.values().size();
        int columns = n == 0 ? 0 : steps.values().get(0).length;
        int start = 0;
        int end = n;
        boolean interpolateMissing = config.missingValues() == CleaningConfig.MissingValues.INTERPOLATE;
        for (int c = 0; c < columns; c++) {
            int first = 0;
            while (first < n && Double.isNaN(steps.values().get(first)[c])) {
                first++;
            }
            int last = n - 1;
            while (last >= 0 && Double.isNaN(steps.values().get(last)[c])) {
                last--;
            }
            start = Math.max(start, first);
            if (interpolateMissing) {
                end = Math.min(end, last + 1);
            }
        }
        if (start >= end) {
            start = end = n;
        }
        counts.trimmed += n - (end - start);
        int length = end - start;
        double[][] values = new double[length][];
        String[][] categories = new String[length][];
        LocalDateTime[] times = timed ? new LocalDateTime[length] : null;
        boolean[] inserted = new boolean[length];
        for (int i = 0; i < length; i++) {
            values[i] = steps.values().get(start + i);
            categories[i] = steps.categories().get(start + i);
            inserted[i] = steps.inserted().get(start + i);
            if (times != null) {
                times[i] = steps.times().get(start + i);
            }
        }
        for (int c = 0; c < columns; c++) {
            fillColumn(key, values, inserted, c, counts);
        }
        return new TimeSeries(key, times, values, categories, frequency);
    }

    /** Fills the NaN runs of column {@code c}; the first step is observed (leading steps were trimmed). */
    private void fillColumn(String key, double[][] values, boolean[] inserted, int c, Counts counts) {
        int i = 0;
        while (i < values.length) {
            if (!Double.isNaN(values[i][c])) {
                i++;
                continue;
            }
            int left = i - 1;
            int right = i;
            while (right < values.length && Double.isNaN(values[right][c])) {
                right++;
            }
            for (int k = i; k < right; k++) {
                boolean interpolate = policyInterpolates(key, inserted[k], k) && right < values.length;
                double a = values[left][c];
                values[k][c] = interpolate ? a + (values[right][c] - a) * (k - left) / (double) (right - left) : a;
                if (!inserted[k]) {
                    if (interpolate) {
                        counts.interpolated++;
                    } else {
                        counts.forwardFilled++;
                    }
                }
            }
            i = right;
        }
    }

    private boolean policyInterpolates(String key, boolean insertedStep, int step) {
        if (insertedStep) {
            return config.gaps() == CleaningConfig.Gaps.INTERPOLATE;
        }
        return switch (config.missingValues()) {
            case INTERPOLATE -> true;
            case FFILL -> false;
            case REJECT, FAIL -> throw new IllegalArgumentException("series '" + key + "' step " + step
                    + " has a missing value but cleaning.missingValues = " + config.missingValues()
                    + ": parse the rows with the same policy (SeriesRowParser rejects or fails such rows)");
        };
    }

    private static final class Counts {
        long duplicates;
        long outOfOrderRejected;
        long outOfOrderSorted;
        long forwardFilled;
        long interpolated;
        long gaps;
        long missingSteps;
        long inserted;
        long offGrid;
        long trimmed;
    }
}
