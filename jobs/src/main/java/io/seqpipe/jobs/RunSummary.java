package io.seqpipe.jobs;

import com.typesafe.config.Config;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.Secrets;
import io.seqpipe.tasks.PredictionFormat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The few lines a command prints before it starts: what runs, on which master, which paths it reads, where it writes,
 * and where its resolved config is recorded; passwords inside paths are masked. The whole resolved config goes to each
 * output's {@link ConfigLayering#RESOLVED_FILE} and to the log at debug level; {@code --print-config} prints it.
 */
final class RunSummary {
    private RunSummary() {
    }

    /**
     * @param master  the Spark master the session runs on
     * @param qualify a path as the filesystem names it (e.g. {@code file:/...}, {@code hdfs://nn/...})
     */
    static List<String> lines(Command command, Config resolved, String master, UnaryOperator<String> qualify) {
        List<String> lines = new ArrayList<>();
        lines.add("seqpipe " + command.cliName() + (command == Command.EMBED ? "" : ": task "
                + resolved.getString("task")) + (command == Command.EMBED ? ": master " : ", master ") + master);
        List<String> reads = switch (command) {
            case PREPARE -> List.of("paths.train", "paths.validation", "paths.input");
            case TRAIN -> List.of("paths.prepared");
            case EVALUATE -> List.of("paths.model", "paths.test");
            case SCORE -> List.of("paths.model", "paths.score");
            case RETRAIN -> List.of("paths.train", "paths.validation", "paths.input", "paths.test", "paths.score");
            case REGISTRY, REPORT -> List.of();
            case EMBED -> List.of("embed.input");
        };
        List<String> writes = writes(command);
        int width = 0;
        for (String key : concat(reads, writes)) {
            width = Math.max(width, key.length());
        }
        for (String key : reads) {
            if (resolved.hasPath(key)) {
                lines.add(String.format("  reads  %-" + width + "s  %s", key, shown(qualify, resolved.getString(key))));
            }
        }
        for (String key : writes) {
            if (resolved.hasPath(key)) {
                String as = command == Command.SCORE ? formats(resolved) : "";
                lines.add(String.format("  writes %-" + width + "s  %s%s", key, shown(qualify, resolved.getString(key)),
                        as));
            }
        }
        lines.add("  config: " + (command == Command.RETRAIN ? "each step's output" : "the output") + " holds "
                + ConfigLayering.RESOLVED_FILE + "; --print-config prints every value");
        return lines;
    }

    /** The config keys of the paths {@code command} writes. */
    static List<String> writes(Command command) {
        return switch (command) {
            case PREPARE -> List.of("paths.prepared");
            case TRAIN -> List.of("paths.model");
            case EVALUATE -> List.of("paths.metrics", "paths.metricsHistory");
            case SCORE -> List.of("paths.predictions");
            case RETRAIN -> List.of("retrain.workDir", "registry.root");
            case REGISTRY, REPORT -> List.of();
            case EMBED -> List.of("embed.output");
        };
    }

    /** A path as its filesystem names it, its password (if any) masked. */
    private static String shown(UnaryOperator<String> qualify, String path) {
        return Secrets.maskUris(qualify.apply(path));
    }

    /** The prediction files beside the Parquet folder, e.g. {@code "  (+ predictions.csv, predictions.jsonl)"}. */
    private static String formats(Config resolved) {
        if (!resolved.hasPath(PredictionFormat.KEY)) {
            return "";
        }
        List<String> files = PredictionFormat.read(new ConfigReader(resolved), EnumSet.allOf(PredictionFormat.class),
                        resolved.getString("task")).stream().filter(f -> f != PredictionFormat.PARQUET)
                .map(f -> f.fileName("predictions")).toList();
        return files.isEmpty() ? "" : "  (+ " + String.join(", ", files) + ")";
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
