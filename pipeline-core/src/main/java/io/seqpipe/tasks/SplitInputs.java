package io.seqpipe.tasks;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labelled splits {@code prepare} reads, by name, in order: train, then validation and test when set. */
public final class SplitInputs {
    private SplitInputs() {
    }

    /**
     * {@code train → path}, then {@code validation} and {@code test} when set; a test path equal to the validation path
     * (the defaults make {@code paths.test} fall back to {@code paths.validation}) is not read twice.
     */
    public static Map<String, String> of(String train, String validation, String test) {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("train", train);
        if (validation != null) {
            inputs.put("validation", validation);
        }
        if (test != null && !test.equals(validation)) {
            inputs.put("test", test);
        }
        return inputs;
    }
}
