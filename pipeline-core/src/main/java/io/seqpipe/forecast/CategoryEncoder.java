package io.seqpipe.forecast;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * One-hot encoding of the categorical columns, with the categories of each column learned from the training part of
 * every series ({@link #learn} per key, {@link #merge} across keys). A value not seen in training encodes as an
 * all-zero block and is counted by the caller. JSON-friendly: save it beside the model as it is (a record of lists).
 *
 * @param columns the categorical column names, in configured order
 * @param levels  per column, its sorted distinct training categories
 */
public record CategoryEncoder(List<String> columns, List<List<String>> levels) implements Serializable {

    public CategoryEncoder {
        columns = List.copyOf(columns);
        List<List<String>> copy = new ArrayList<>();
        for (List<String> l : levels) {
            List<String> sorted = List.copyOf(new TreeSet<>(l));
            if (!sorted.equals(l)) {
                throw new IllegalArgumentException("category levels must be sorted and distinct, got " + l);
            }
            copy.add(sorted);
        }
        levels = List.copyOf(copy);
        if (columns.size() != levels.size()) {
            throw new IllegalArgumentException(columns.size() + " categorical columns but " + levels.size()
                    + " level lists");
        }
    }

    /** An encoder with no categories yet (the start of a merge). */
    public static CategoryEncoder empty(List<String> columns) {
        return new CategoryEncoder(columns, Collections.nCopies(columns.size(), List.of()));
    }

    /** The categories seen in the training part of {@code series}. */
    public static CategoryEncoder learn(List<String> columns, TimeSeries series, SeriesSplit split) {
        List<TreeSet<String>> seen = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            seen.add(new TreeSet<>());
        }
        for (int step = 0; step < split.trainEnd(); step++) {
            String[] row = series.categories()[step];
            for (int c = 0; c < columns.size(); c++) {
                seen.get(c).add(row[c]);
            }
        }
        return new CategoryEncoder(columns, seen.stream().map(s -> (List<String>) new ArrayList<>(s)).toList());
    }

    /** The union of both encoders' categories (associative and commutative, for merging across keys). */
    public CategoryEncoder merge(CategoryEncoder other) {
        if (!other.columns.equals(columns)) {
            throw new IllegalArgumentException("cannot merge categories of " + other.columns + " into " + columns);
        }
        List<List<String>> union = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            TreeSet<String> all = new TreeSet<>(levels.get(c));
            all.addAll(other.levels.get(c));
            union.add(new ArrayList<>(all));
        }
        return new CategoryEncoder(columns, union);
    }

    /** The number of one-hot features. */
    public int width() {
        return levels.stream().mapToInt(List::size).sum();
    }

    /** {@code column=category} for each one-hot feature, in feature order. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            for (String level : levels.get(c)) {
                names.add(columns.get(c) + "=" + level);
            }
        }
        return names;
    }

    /**
     * Writes the one-hot blocks of {@code values} into {@code out} from {@code offset} ({@link #width()} entries; the
     * caller zeroes them). Returns how many values were not seen in training (their block stays zero).
     */
    public int encode(String[] values, float[] out, int offset) {
        int unseen = 0;
        int at = offset;
        for (int c = 0; c < columns.size(); c++) {
            List<String> l = levels.get(c);
            int i = Collections.binarySearch(l, values[c]);
            if (i >= 0) {
                out[at + i] = 1f;
            } else {
                unseen++;
            }
            at += l.size();
        }
        return unseen;
    }
}
