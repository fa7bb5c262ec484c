package io.seqpipe.jobs.results;

import io.seqpipe.SeqPipeException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated blocks of a Markdown document: everything between a start marker and {@value #END} is replaced
 * by the tables of recorded runs; every other line is kept as it is. Start markers:
 * <pre>
 * &lt;!-- generated (scripts/results-tables.sh): table TASK NAME... --&gt;   a task's table, one row per run
 * &lt;!-- generated (scripts/results-tables.sh): epochs NAME --&gt;          a run's per-epoch table
 * &lt;!-- generated (scripts/results-tables.sh): series NAME --&gt;          a forecast run's RMSE per series
 * &lt;!-- generated (scripts/results-tables.sh): samples NAME --&gt;         a language model's recorded samples
 * </pre>
 */
public final class GeneratedBlocks {
    /** The line that ends a generated block. */
    public static final String END = "<!-- end generated -->";
    private static final String START_PREFIX = "<!-- generated";
    private static final Pattern START =
            Pattern.compile("<!-- generated \\(scripts/results-tables\\.sh\\): (table|epochs|series|samples) ([^<>]+?) -->");

    private GeneratedBlocks() {
    }

    /**
     * The document with every generated block rewritten.
     *
     * @param docName  the document's name, for errors
     * @param doc      its text
     * @param runs     the run names a block may name ({@code docs/results/runs.txt})
     * @param records  a run's record, or empty when it was not run
     * @param link     where a run's record is, relative to the document
     * @throws SeqPipeException naming the document and line of a malformed marker, an unclosed block or an unknown run
     */
    public static String regenerate(String docName, String doc, Set<String> runs,
                                    Function<String, Optional<RunRecord>> records, Function<String, String> link) {
        String[] lines = doc.split("\n", -1);
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            if (line.equals(END)) {
                throw new SeqPipeException(docName + " line " + (i + 1) + ": '" + END + "' without a start marker");
            }
            if (!line.startsWith(START_PREFIX)) {
                out.add(line);
                i++;
                continue;
            }
            Matcher m = START.matcher(line);
            if (!m.matches()) {
                throw new SeqPipeException(docName + " line " + (i + 1) + ": a generated block starts with"
                        + " '<!-- generated (scripts/results-tables.sh): table TASK NAME... -->', '... epochs NAME"
                        + " -->', '... series NAME -->' or '... samples NAME -->', got '" + line + "'");
            }
            int end = i + 1;
            while (end < lines.length && !lines[end].equals(END)) {
                if (lines[end].startsWith(START_PREFIX)) {
                    break;
                }
                end++;
            }
            if (end == lines.length || !lines[end].equals(END)) {
                throw new SeqPipeException(docName + " line " + (i + 1) + ": generated block without '" + END
                        + "' before the next block or the end of the document");
            }
            List<String> words = Arrays.asList(m.group(2).trim().split("\\s+"));
            out.add(line);
            out.add("");
            try {
                out.addAll(block(m.group(1), words, runs, records, link));
            } catch (SeqPipeException e) {
                throw new SeqPipeException(docName + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
            out.add("");
            out.add(END);
            i = end + 1;
        }
        return String.join("\n", out);
    }

    private static List<String> block(String kind, List<String> words,
                                      Set<String> runs, Function<String, Optional<RunRecord>> records,
                                      Function<String, String> link) {
        List<String> names = kind.equals("table") ? words.subList(1, words.size()) : words;
        if (names.isEmpty() || (!kind.equals("table") && names.size() != 1)) {
            throw new SeqPipeException("'" + kind + "' needs "
                    + (kind.equals("table") ? "a task and at least one run name" : "exactly one run name")
                    + ", got " + words);
        }
        for (String name : names) {
            if (!runs.contains(name)) {
                throw new SeqPipeException("unknown run '" + name
                        + "'; docs/results/runs.txt names " + runs.stream().sorted().toList());
            }
        }
        if (kind.equals("epochs")) {
            return ResultTables.epochTable(names.get(0), records.apply(names.get(0)));
        }
        if (kind.equals("series")) {
            return ResultTables.seriesTable(names.get(0), records.apply(names.get(0)));
        }
        if (kind.equals("samples")) {
            return ResultTables.samples(names.get(0), records.apply(names.get(0)));
        }
        List<ResultTables.Row> rows = new ArrayList<>();
        for (String name : names) {
            rows.add(new ResultTables.Row(name, link.apply(name), records.apply(name)));
        }
        return ResultTables.taskTable(words.get(0), rows);
    }
}
