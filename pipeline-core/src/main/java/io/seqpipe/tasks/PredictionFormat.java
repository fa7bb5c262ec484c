package io.seqpipe.tasks;

import com.typesafe.config.ConfigValueType;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The files {@code score} writes its predictions as ({@code score.outputFormats}). Parquet is always written (the
 * summary and the nightly retrain read it); the others are extra single files beside it, readable without Spark:
 * {@code predictions.csv}, {@code predictions.jsonl} and, for the tagging tasks, {@code predictions.conll}.
 */
public enum PredictionFormat {
    /** {@code predictions/}: Spark Parquet part files (always written). */
    PARQUET(""),
    /** {@code predictions.csv}: RFC 4180 CSV with a header; nested columns flattened. */
    CSV(".csv"),
    /** {@code predictions.jsonl}: one JSON object per line, nested columns kept. */
    JSONL(".jsonl"),
    /** {@code predictions.conll}: one token per line with its tags, a blank line after each sentence (tagging). */
    CONLL(".conll");

    /** The config key that lists the formats. */
    public static final String KEY = "score.outputFormats";

    private final String suffix;

    PredictionFormat(String suffix) {
        this.suffix = suffix;
    }

    /** The name of an output {@code base} in this format: {@code predictions} → {@code predictions.csv}. */
    public String fileName(String base) {
        return base + suffix;
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The formats {@code score.outputFormats} asks for, Parquet always among them. The value is a list
     * ({@code [csv, jsonl]}) or one comma-separated string ({@code --set score.outputFormats=csv,jsonl}).
     *
     * @param supported the formats the task can write; any other is a config error naming the key and the task
     */
    public static Set<PredictionFormat> read(ConfigReader r, Set<PredictionFormat> supported, String task) {
        List<String> names = new ArrayList<>();
        if (r.config().hasPath(KEY) && r.config().getValue(KEY).valueType() == ConfigValueType.STRING) {
            for (String part : r.string(KEY).split(",")) {
                if (!part.isBlank()) {
                    names.add(part.trim());
                }
            }
        } else {
            names.addAll(r.stringList(KEY));
        }
        Set<PredictionFormat> formats = EnumSet.of(PARQUET);
        for (String name : names) {
            PredictionFormat format = parse(name);
            if (format == null) {
                throw new InvalidConfigException(KEY + " must list formats among " + describe(EnumSet.allOf(
                        PredictionFormat.class)) + ", got '" + name + "'");
            }
            if (!supported.contains(format)) {
                throw new InvalidConfigException(KEY + " = " + names + ": task " + task + " cannot write " + name
                        + (format == CONLL ? " (CoNLL columns are for the tagging tasks ner and pos)" : "")
                        + "; it writes " + describe(supported));
            }
            formats.add(format);
        }
        return Collections.unmodifiableSet(formats);
    }

    private static PredictionFormat parse(String name) {
        for (PredictionFormat f : values()) {
            if (f.configName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }

    private static String describe(Set<PredictionFormat> formats) {
        return formats.stream().sorted().map(PredictionFormat::configName).collect(Collectors.joining(" | "));
    }
}
