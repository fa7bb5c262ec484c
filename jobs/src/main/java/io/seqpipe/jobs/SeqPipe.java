package io.seqpipe.jobs;

/**
 * The {@code seqpipe} entry point handed to spark-submit:
 * {@code spark-submit --class io.seqpipe.jobs.SeqPipe seqpipe.jar <prepare|train|evaluate|score> --conf FILE [--set k=v]...}.
 * All work is in {@link SeqPipeCli}, which tests call directly.
 */
public final class SeqPipe {
    private SeqPipe() {
    }

    public static void main(String[] args) {
        int exitCode = new SeqPipeCli(System.out, System.err).run(args);
        System.exit(exitCode);
    }
}
