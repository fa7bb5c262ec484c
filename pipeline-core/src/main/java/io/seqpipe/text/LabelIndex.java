package io.seqpipe.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** An immutable label name → class index map. Saved as one label per line, in index order. */
public final class LabelIndex implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<String> labels;
    private final Map<String, Integer> index;

    public LabelIndex(List<String> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a label index needs at least one label");
        }
        this.labels = Collections.unmodifiableList(new ArrayList<>(labels));
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("label " + i + " is empty");
            }
            if (m.put(label, i) != null) {
                throw new IllegalArgumentException("duplicate label '" + label + "'");
            }
        }
        this.index = m;
    }

    /** Labels in sorted order, so the same data always gives the same indices. */
    public static LabelIndex sorted(Collection<String> labels) {
        return new LabelIndex(new ArrayList<>(new TreeSet<>(labels)));
    }

    public int size() {
        return labels.size();
    }

    public boolean contains(String label) {
        return index.containsKey(label);
    }

    /** The class index of {@code label}, or -1 when it is not in the index. */
    public int indexOf(String label) {
        Integer i = index.get(label);
        return i == null ? -1 : i;
    }

    public String label(int i) {
        return labels.get(i);
    }

    public List<String> labels() {
        return labels;
    }
}
