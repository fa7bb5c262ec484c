package io.seqpipe.tasks;

import java.util.List;

/**
 * What a finished job returns. Each job's result is a typed record (a train summary, an evaluation report, ...) that
 * implements this; {@link #lines()} is the summary the CLI prints from it (the job's outputs say the rest).
 */
public interface JobReport {
    List<String> lines();

    static JobReport of(List<String> lines) {
        List<String> copy = List.copyOf(lines);
        return () -> copy;
    }
}
