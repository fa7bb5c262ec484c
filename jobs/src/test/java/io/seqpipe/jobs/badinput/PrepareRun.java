package io.seqpipe.jobs.badinput;

import io.seqpipe.io.Json;
import io.seqpipe.jobs.CliRun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the catalogue's data entries share: one {@code prepare} through the real CLI into a work folder, and the
 * outputs they check (the training split's counts in {@code summary.json}, the reject lines).
 */
final class PrepareRun {
    private PrepareRun() {
    }

    /** {@code seqpipe prepare --set task=<task> --set <inputKey>=<input> --set paths.work=<work> [--set s]...}. */
    static CliRun prepare(Path work, String task, String inputKey, Path input, String... sets) {
        List<String> args = new ArrayList<>(List.of("prepare", "--set", "task=" + task,
                "--set", inputKey + "=" + input.toAbsolutePath(), "--set", "paths.work=" + work.toAbsolutePath()));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    static Map<String, Object> summary(Path work) {
        try {
            return Json.readMap(Files.readString(work.resolve("prepared/summary.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The training split read, written and rejected as {@code summary.json} counts them; read = written + rejected. */
    @SuppressWarnings("unchecked")
    static void assertTrainCounts(Path work, long read, long written, long rejected) {
        Map<String, Object> train = ((Map<String, Map<String, Object>>) summary(work).get("splits")).get("train");
        assertEquals(List.of(read, written, rejected), List.of(((Number) train.get("read")).longValue(),
                ((Number) train.get("written")).longValue(), ((Number) train.get("rejected")).longValue()));
        assertEquals(read, written + rejected);
    }

    /** The reject lines (JSON) of {@code prepared/rejects/}. */
    static List<String> rejectLines(Path work) {
        try (Stream<Path> files = Files.list(work.resolve("prepared/rejects"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("part-")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
