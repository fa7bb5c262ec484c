package io.seqpipe.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 4180 reader in plain Java, to check that CSV files SeqPipe writes read back without Spark: fields
 * separated by commas, records by {@code \n} or {@code \r\n}, a quoted field may hold commas, quotes (doubled) and
 * line breaks. An empty unquoted field reads as null, {@code ""} as the empty string.
 */
public final class PlainCsv {
    private PlainCsv() {
    }

    /** The records of {@code text}, each keyed by the header's column names, in file order. */
    public static List<Map<String, String>> readWithHeader(String text) {
        List<List<String>> records = read(text);
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            if (record.size() != header.size()) {
                throw new IllegalArgumentException("record " + record + " has " + record.size() + " fields, the header "
                        + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), record.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The records of {@code text}; the text must end with a line break. */
    public static List<List<String>> read(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                if (field.length() > 0) {
                    throw new IllegalArgumentException("a quote inside an unquoted field at offset " + i);
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == ',' || c == '\n' || (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n')) {
                record.add(field.length() == 0 && !wasQuoted ? null : field.toString());
                field.setLength(0);
                wasQuoted = false;
                if (c == '\r') {
                    i++;
                }
                if (c != ',') {
                    records.add(record);
                    record = new ArrayList<>();
                }
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted || field.length() > 0 || !record.isEmpty()) {
            throw new IllegalArgumentException("the text does not end with a complete record");
        }
        return records;
    }
}
