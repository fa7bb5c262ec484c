package io.seqpipe.jobs.results;

import io.seqpipe.SeqPipeException;
import org.kohsuke.args4j.CmdLineException;
import org.kohsuke.args4j.CmdLineParser;
import org.kohsuke.args4j.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code scripts/results-tables.sh}: rewrites the generated tables of {@code docs/RESULTS.md} from the recorded runs
 * in {@code docs/results/} ({@link GeneratedBlocks}); {@code --check} only says whether the document is up to date.
 * Run from the repository root.
 */
public final class ResultsTablesTool {
    /** The command's options. */
    static final class Options {
        @Option(name = "--results", metaVar = "DIR", usage = "the recorded runs and runs.txt (default docs/results)")
        String results = "docs/results";

        @Option(name = "--doc", metaVar = "FILE", usage = "the document to rewrite (default docs/RESULTS.md)")
        String doc = "docs/RESULTS.md";

        @Option(name = "--check", usage = "change nothing; exit 1 when the document's tables differ from the records")
        boolean check;
    }

    private ResultsTablesTool() {
    }

    public static void main(String[] args) {
        int exitCode = run(args, System.out, System.err);
        System.exit(exitCode);
    }

    /** Runs the command; returns the exit code (0 done, 1 an error or an out-of-date document with --check, 2 usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options = new Options();
        CmdLineParser parser = new CmdLineParser(options);
        try {
            parser.parseArgument(args);
        } catch (CmdLineException e) {
            err.println("results-tables: " + e.getMessage());
            parser.printUsage(err);
            return 2;
        }
        Path results = Path.of(options.results);
        Path doc = Path.of(options.doc);
        try {
            String before = Files.readString(doc);
            String after = regenerate(results, doc, before);
            if (options.check) {
                if (!after.equals(before)) {
                    err.println("results-tables: " + doc + " differs from the records in " + results
                            + ": run scripts/results-tables.sh (never edit a generated table by hand)");
                    return 1;
                }
                out.println("results-tables: " + doc + " is up to date with " + results);
            } else if (after.equals(before)) {
                out.println("results-tables: " + doc + " unchanged");
            } else {
                Files.writeString(doc, after);
                out.println("results-tables: rewrote the generated tables of " + doc + " from " + results);
            }
            return 0;
        } catch (SeqPipeException e) {
            err.println("results-tables: error: " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("results-tables: error: " + e.getMessage());
            return 1;
        }
    }

    /** {@code text} (the document at {@code doc}) with its generated blocks rewritten from {@code results}. */
    public static String regenerate(Path results, Path doc, String text) {
        Set<String> runs = runNames(results.resolve("runs.txt"));
        Map<String, Optional<RunRecord>> cache = new HashMap<>();
        Path docDir = doc.toAbsolutePath().getParent();
        return GeneratedBlocks.regenerate(doc.toString(), text, runs,
                name -> cache.computeIfAbsent(name, n -> RunRecord.read(results, n)),
                name -> docDir.relativize(results.toAbsolutePath().resolve(name)).toString().replace('\\', '/')
                        + "/");
    }

    /** The run names of {@code runs.txt}: the first word of each line that is neither blank nor a comment. */
    static Set<String> runNames(Path manifest) {
        if (!Files.isRegularFile(manifest)) {
            throw new SeqPipeException(manifest + " does not exist: it lists the runs the tables may name");
        }
        Set<String> names = new LinkedHashSet<>();
        try {
            int lineNumber = 0;
            for (String line : Files.readAllLines(manifest)) {
                lineNumber++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String name = t.split("\\s+")[0];
                if (!names.add(name)) {
                    throw new SeqPipeException(manifest + " line " + lineNumber + ": run '" + name + "' listed twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
