package io.seqpipe.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.seqpipe.config.Secrets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.UncheckedIOException;
import java.util.Map;

/** JSON for metrics, summaries and provenance: pretty-printed, stable key order, NaN written as the string "NaN" (Jackson's default). */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Object value, Path file, Configuration conf) {
        HadoopFiles.writeString(file, write(value) + "\n", conf);
    }

    /**
     * Writes a report a person reads (a job's {@code summary.json}, {@code metrics.json}, a run log) with the passwords
     * inside URIs masked ({@link Secrets#maskUris}); state that is read back to find files is written with
     * {@link #write(Object, Path, Configuration)}.
     */
    public static void writeReport(Object value, Path file, Configuration conf) {
        HadoopFiles.writeString(file, Secrets.maskUris(write(value)) + "\n", conf);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> readMap(String json) {
        try {
            return MAPPER.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Object> readMap(Path file, Configuration conf) {
        return readMap(HadoopFiles.readString(file, conf));
    }
}
