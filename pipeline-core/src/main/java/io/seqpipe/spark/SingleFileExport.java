package io.seqpipe.spark;

import io.seqpipe.io.HadoopFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IOUtils;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.AtomicType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a DataFrame as one plain file (CSV, JSON lines or text lines) that can be read without Spark. Spark's own
 * writers write part files in parallel into a hidden {@code _parts.<name>} folder beside the target; the driver then
 * streams the parts, in partition order, into the one file and deletes the folder. Row order is the frame's
 * partition order, so a frame in input order (or sorted) stays so.
 *
 * <p>CSV is RFC 4180: comma-separated, a header line, fields with a comma, quote or line break in double quotes, a
 * quote doubled; an empty string is {@code ""}, a null is an empty field. Nested columns are flattened by
 * {@link #flatForCsv}.
 */
public final class SingleFileExport {
    private SingleFileExport() {
    }

    /**
     * The frame with every column a CSV cell can hold: an array of strings becomes its elements joined by single
     * spaces (tokens and tags contain no whitespace); any other array, map or struct becomes its JSON text.
     */
    public static Dataset<Row> flatForCsv(Dataset<Row> frame) {
        List<Column> columns = new ArrayList<>();
        for (StructField f : frame.schema().fields()) {
            Column c = functions.col(f.name());
            if (f.dataType() instanceof ArrayType a && a.elementType().equals(DataTypes.StringType)) {
                c = functions.when(c.isNull(), functions.lit(null).cast(DataTypes.StringType))
                        .otherwise(functions.concat_ws(" ", c));
            } else if (!(f.dataType() instanceof AtomicType)) {
                c = functions.to_json(c);
            }
            columns.add(c.as(f.name()));
        }
        return frame.select(columns.toArray(new Column[0]));
    }

    /** Writes {@code frame} (atomic columns only: see {@link #flatForCsv}) as one CSV file with a header. */
    public static void csv(Dataset<Row> frame, Path file, Configuration hadoop) {
        String header = Arrays.stream(frame.schema().fieldNames()).map(SingleFileExport::csvField)
                .collect(Collectors.joining(",")) + "\n";
        Path parts = partsFolder(file);
        frame.write().mode(SaveMode.ErrorIfExists).option("header", "false").option("escape", "\"")
                .option("ignoreLeadingWhiteSpace", "false").option("ignoreTrailingWhiteSpace", "false")
                .option("lineSep", "\n").option("encoding", "UTF-8").csv(parts.toString());
        merge(parts, file, header, hadoop);
    }

    /** Writes {@code frame} as one JSON-lines file; nested columns stay nested, null fields are written as null. */
    public static void jsonLines(Dataset<Row> frame, Path file, Configuration hadoop) {
        Path parts = partsFolder(file);
        frame.write().mode(SaveMode.ErrorIfExists).option("ignoreNullFields", "false").option("lineSep", "\n")
                .option("encoding", "UTF-8").json(parts.toString());
        merge(parts, file, "", hadoop);
    }

    /** Writes each string as a line (a string with line breaks is several lines) into one UTF-8 text file. */
    public static void textLines(Dataset<String> lines, Path file, Configuration hadoop) {
        textLines(lines, file, "", hadoop);
    }

    /** As {@link #textLines(Dataset, Path, Configuration)}, the file starting with {@code header} (e.g. a line). */
    public static void textLines(Dataset<String> lines, Path file, String header, Configuration hadoop) {
        Path parts = partsFolder(file);
        lines.write().mode(SaveMode.ErrorIfExists).option("lineSep", "\n").text(parts.toString());
        merge(parts, file, header, hadoop);
    }

    /** One CSV field as RFC 4180 writes it. */
    static String csvField(String value) {
        boolean quote = value.isEmpty() || value.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\n'
                || ch == '\r');
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static Path partsFolder(Path file) {
        return new Path(file.getParent(), "_parts." + file.getName());
    }

    /**
     * Spark's part files ({@code part-<partition>-<job uuid>-c<file>.<ext>}) in partition order, then file order;
     * numerically, so {@code part-100000} follows {@code part-99999}.
     */
    static final Comparator<String> PART_ORDER = Comparator.comparingLong((String n) -> number(n, "part-"))
            .thenComparingLong(n -> number(n, "-c")).thenComparing(Comparator.naturalOrder());

    /** The digits that follow the last {@code marker} in {@code name}, or -1. */
    private static long number(String name, String marker) {
        int at = name.lastIndexOf(marker);
        if (at < 0) {
            return -1;
        }
        int start = at + marker.length();
        int end = start;
        while (end < name.length() && Character.isDigit(name.charAt(end))) {
            end++;
        }
        return end == start || end - start > 18 ? -1 : Long.parseLong(name.substring(start, end));
    }

    /** Concatenates the part files of {@code parts} (in {@link #PART_ORDER}) after {@code header} into one file. */
    static void merge(Path parts, Path file, String header, Configuration hadoop) {
        FileSystem fs = HadoopFiles.fs(file, hadoop);
        try {
            FileStatus[] listed = fs.listStatus(parts, p -> p.getName().startsWith("part-"));
            Arrays.sort(listed, Comparator.comparing(s -> s.getPath().getName(), PART_ORDER));
            try (FSDataOutputStream out = fs.create(file, false)) {
                out.write(header.getBytes(StandardCharsets.UTF_8));
                for (FileStatus part : listed) {
                    try (FSDataInputStream in = fs.open(part.getPath())) {
                        IOUtils.copyBytes(in, out, 1 << 16, false);
                    }
                }
            }
            fs.delete(parts, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge the part files of " + parts + " into " + file, e);
        }
    }
}
