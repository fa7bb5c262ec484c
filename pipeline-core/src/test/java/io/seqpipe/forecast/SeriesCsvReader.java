package io.seqpipe.forecast;

import io.seqpipe.SeqPipeException;
import io.seqpipe.data.Rejection;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the whole text of one small delimited file on one machine, for tests: LF or
 * CRLF line ends, with or without a final newline; blank lines skipped; the first line is the header when the
 * format has one. Rows and rejects carry their 1-based line number, as the distributed reader gives them. Large inputs
 * go through a distributed line reader and {@link SeriesRowParser} directly.
 */
public final class SeriesCsvReader {
    private SeriesCsvReader() {
    }

    /** What a file gave: its header (empty without one), the rows and the rejects, in file order. */
    public record Result(List<String> header, List<SeriesRow> rows, List<Rejection> rejections) {
    }

    public static Result parse(String source, String content, SeriesCsvFormat format,
                               CleaningConfig.MissingValues missingValues) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (from < content.length()) {
            int nl = content.indexOf('\n', from);
            int end = nl < 0 ? content.length() : nl;
            String line = content.substring(from, end);
            lines.add(line);
            from = end + 1;
        }
        List<String> header = List.of();
        int first = 0;
        if (format.header()) {
            if (lines.isEmpty()) {
                throw new SeqPipeException(source + " is empty but series.header = true expects a header");
            }
            header = SeriesRowParser.headerNames(format, lines.get(0));
            first = 1;
        }
        SeriesRowParser parser = SeriesRowParser.create(format, header, missingValues, source);
        List<SeriesRow> rows = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        for (int i = first; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || line.equals("\r")) {
                continue;
            }
            SeriesRowOutcome outcome = parser.parse(source, i + 1, line);
            if (outcome.isRejected()) {
                rejections.add(outcome.rejection());
            } else {
                rows.add(outcome.row());
            }
        }
        return new Result(header, rows, rejections);
    }
}
