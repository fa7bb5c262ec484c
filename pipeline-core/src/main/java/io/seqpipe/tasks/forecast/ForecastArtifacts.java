package io.seqpipe.tasks.forecast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqpipe.SeqPipeException;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.forecast.CategoryEncoder;
import io.seqpipe.forecast.FittedScaler;
import io.seqpipe.forecast.FittedSeasonality;
import io.seqpipe.forecast.QuantileLevels;
import io.seqpipe.forecast.TimeSeriesConfig;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fitted preprocessing a forecaster needs at evaluate and score time, as one-line JSON text files: written by
 * prepare beside the windows and copied by train into the model directory's {@code artifacts/}.
 * <pre>
 *   scaler.json      {@link FittedScaler}: method, scope, columns, global [{center, divisor}], perKey {key: [...]}
 *   categories.json  {@link CategoryEncoder}: columns, levels (per column, sorted training categories)
 *   seasonal.json    {@link FittedSeasonality}: mode, seasonLength, columns (targets), perKey {key: [[m indices]]}
 *                    (read only when transform.seasonal is not none; older directories without it still load)
 * </pre>
 */
public final class ForecastArtifacts {
    public static final String SCALER = "scaler.json";
    public static final String CATEGORIES = "categories.json";
    public static final String SEASONAL = "seasonal.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ForecastArtifacts() {
    }

    /** Artifact name → lines, as {@link io.seqpipe.provenance.ModelDirectory#save} takes them. */
    public static Map<String, List<String>> lines(FittedScaler scaler, CategoryEncoder categories,
                                                  FittedSeasonality seasonality) {
        return Map.of(SCALER, List.of(json(scaler)), CATEGORIES, List.of(json(categories)), SEASONAL,
                List.of(json(seasonality)));
    }

    /** The artifacts of {@code prep}. */
    public static Map<String, List<String>> lines(ForecastPreprocessing prep) {
        return lines(prep.scaler(), prep.categories(), prep.seasonality());
    }

    public static void write(Path dir, ForecastPreprocessing prep, Configuration hadoop) {
        lines(prep).forEach((name, lines) -> HadoopFiles.writeLines(new Path(dir, name), lines, hadoop));
    }

    /**
     * The preprocessing of {@code data} and {@code transform} with the fitted artifacts {@code read} returns by name
     * (from a prepared directory or a model's {@code artifacts/}).
     */
    public static ForecastPreprocessing preprocessing(TimeSeriesConfig data, ValueTransform transform,
                                                      QuantileLevels quantiles,
                                                      Function<String, List<String>> read) {
        FittedSeasonality seasonality = transform.seasonal() == FittedSeasonality.Mode.NONE
                ? FittedSeasonality.none(data.window().targetColumns()) : seasonality(read.apply(SEASONAL));
        return new ForecastPreprocessing(data, transform, scaler(read.apply(SCALER)),
                categories(read.apply(CATEGORIES)), seasonality, quantiles);
    }

    public static FittedScaler scaler(List<String> lines) {
        return parse(lines, FittedScaler.class, SCALER);
    }

    public static CategoryEncoder categories(List<String> lines) {
        return parse(lines, CategoryEncoder.class, CATEGORIES);
    }

    public static FittedSeasonality seasonality(List<String> lines) {
        return parse(lines, FittedSeasonality.class, SEASONAL);
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
