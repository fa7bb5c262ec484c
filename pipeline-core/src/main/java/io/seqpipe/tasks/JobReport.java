package io.seqpipe.tasks;

import java.util.List;

/** What a finished job tells its user: the summary lines the CLI prints (the job's outputs say the rest). */
public interface JobReport {
    List<String> lines();

    static JobReport of(List<String> lines) {
        List<String> copy = List.copyOf(lines);
        return () -> copy;
    }
}
