package io.seqpipe.tasks.forecast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqpipe.SeqPipeException;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.forecast.CategoryEncoder;
import io.seqpipe.forecast.FittedScaler;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.util.List;
import java.util.Map;

/**
 * The fitted preprocessing a forecaster needs at evaluate and score time, as one-line JSON text files: written by
 * prepare beside the windows and copied by train into the model directory's {@code artifacts/}.
 * <pre>
 *   scaler.json      {@link FittedScaler}: method, scope, columns, global [{center, divisor}], perKey {key: [...]}
 *   categories.json  {@link CategoryEncoder}: columns, levels (per column, sorted training categories)
 * </pre>
 */
public final class ForecastArtifacts {
    public static final String SCALER = "scaler.json";
    public static final String CATEGORIES = "categories.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ForecastArtifacts() {
    }

    /** Artifact name → lines, as {@link io.seqpipe.provenance.ModelDirectory#save} takes them. */
    public static Map<String, List<String>> lines(FittedScaler scaler, CategoryEncoder categories) {
        return Map.of(SCALER, List.of(json(scaler)), CATEGORIES, List.of(json(categories)));
    }

    public static void write(Path dir, FittedScaler scaler, CategoryEncoder categories, Configuration hadoop) {
        lines(scaler, categories).forEach((name, lines) -> HadoopFiles.writeLines(new Path(dir, name), lines, hadoop));
    }

    public static FittedScaler scaler(List<String> lines) {
        return parse(lines, FittedScaler.class, SCALER);
    }

    public static CategoryEncoder categories(List<String> lines) {
        return parse(lines, CategoryEncoder.class, CATEGORIES);
    }

    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    private static <T> T parse(List<String> lines, Class<T> type, String name) {
        try {
            return MAPPER.readValue(String.join("\n", lines), type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new SeqPipeException(name + " is not a readable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
