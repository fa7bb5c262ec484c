package io.seqpipe.jobs.results;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code scripts/reproduce-results.sh --dry-run}: the commands each named run would execute, and nothing else. */
class ReproduceResultsScriptTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private record Result(int exitCode, String out) {
    }

    private static Result exec(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "scripts/reproduce-results.sh";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "timed out");
        return new Result(p.exitValue(), out);
    }

    @Test
    void dryRunPrintsEachNamedRunsCommand() throws Exception {
        Result r = exec("--dry-run", "conll-crf", "airline-plain");
        assertEquals(0, r.exitCode(), r.out());
        assertEquals("""
                scripts/run-task.sh conf/conll2003.conf --set paths.work=target/results/conll-crf \
                --set model.output=crf --set model.chars.encoder=none --set train.epochs=12 \
                --set train.earlyStopping.patience=3 --set train.learningRateDecay=0
                scripts/run-task.sh conf/airline.conf --set paths.work=target/results/airline-plain \
                --set transform.log1p=[] --set transform.relativeToLast=false
                """, r.out());
    }

    @Test
    void anUnknownRunIsAUsageErrorNamingTheKnownOnes() throws Exception {
        Result r = exec("--dry-run", "conll-crf", "conll-typo");
        assertEquals(2, r.exitCode(), r.out());
        assertTrue(r.out().startsWith("reproduce-results: unknown run 'conll-typo'; docs/results/runs.txt names:"
                + " sst2-bilstm sst2-bigru "), r.out());
        assertTrue(r.out().contains(" conll-crf "), r.out());
    }
}
