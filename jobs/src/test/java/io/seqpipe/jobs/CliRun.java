package io.seqpipe.jobs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of the real CLI ({@link SeqPipeCli#run}) with its exit code, stdout and stderr captured. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new SeqPipeCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The last line on stderr: the one-line reason. */
    public String reason() {
        String[] lines = err.strip().split("\n");
        return lines[lines.length - 1];
    }
}
