package io.seqpipe.tasks;

/** What {@code train} returns: where the committed model directory is, beside what the run did. */
public interface ModelReport extends JobReport {
    /** The committed model directory, qualified. */
    String model();
}
