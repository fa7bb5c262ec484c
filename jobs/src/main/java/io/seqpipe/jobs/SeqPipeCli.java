package io.seqpipe.jobs;

import com.typesafe.config.Config;
import io.seqpipe.SeqPipeException;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.spark.SparkSessions;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.Task;
import io.seqpipe.tasks.Tasks;
import org.apache.spark.sql.SparkSession;
import org.kohsuke.args4j.CmdLineException;
import org.kohsuke.args4j.CmdLineParser;
import org.kohsuke.args4j.ParserProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses the command line, resolves and validates the config (before Spark starts), runs one subcommand in a
 * SparkSession that is always stopped, prints a summary, and returns the exit code: 0 success, 1 the job failed,
 * 2 bad usage or config. Failures print one line, {@code seqpipe: error: <reason>}, on stderr.
 */
public final class SeqPipeCli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    private static final Logger LOG = LoggerFactory.getLogger(SeqPipeCli.class);

    private final PrintStream out;
    private final PrintStream err;

    public SeqPipeCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            printTopLevelHelp(args.length == 0 ? err : out);
            return args.length == 0 ? USAGE : OK;
        }
        Command command = Command.parse(args[0]);
        if (command == null) {
            err.println("seqpipe: error: unknown command '" + args[0] + "'; commands: prepare, train, evaluate, score");
            return USAGE;
        }
        CommandOptions options = new CommandOptions();
        CmdLineParser parser = new CmdLineParser(options, ParserProperties.defaults().withUsageWidth(100));
        try {
            parser.parseArgument(Arrays.copyOfRange(args, 1, args.length));
        } catch (CmdLineException e) {
            err.println("seqpipe: error: " + e.getMessage() + " (seqpipe " + command.cliName() + " --help lists options)");
            return USAGE;
        }
        if (options.help) {
            printCommandHelp(command, parser, out);
            return OK;
        }
        if (options.resume && command != Command.TRAIN) {
            err.println("seqpipe: error: --resume applies to train only");
            return USAGE;
        }
        Task task;
        try {
            Config resolved = Tasks.resolve(options.conf, options.overrides);
            task = Tasks.create(resolved);
            if (options.printConfig) {
                ConfigLayering.describe(resolved).forEach(out::println);
                return OK;
            }
            LOG.info("resolved config:\n  {}", String.join("\n  ", ConfigLayering.describe(resolved)));
        } catch (InvalidConfigException e) {
            err.println("seqpipe: error: invalid config: " + e.getMessage());
            return USAGE;
        }
        SparkSession spark = null;
        try {
            Task.SparkDefaults defaults = task.sparkDefaults();
            spark = SparkSessions.start(defaults.appName() + "-" + command.cliName(), defaults.defaultMaster(),
                    defaults.ompThreads());
            execute(command, spark, task, options.overwrite, options.resume).lines().forEach(out::println);
            return OK;
        } catch (InvalidConfigException e) {
            err.println("seqpipe: error: invalid config: " + e.getMessage());
            return USAGE;
        } catch (SeqPipeException e) {
            LOG.debug("job failed", e);
            err.println("seqpipe: error: " + e.getMessage());
            return FAILED;
        } catch (Exception | Error e) { // Scala code throws checked SparkException undeclared
            LOG.error("{} failed", command.cliName(), e);
            err.println("seqpipe: error: " + command.cliName() + " failed: " + rootMessage(e)
                    + " (stack trace in the log above)");
            return FAILED;
        } finally {
            if (spark != null) {
                spark.stop();
            }
        }
    }

    private static JobReport execute(Command command, SparkSession spark, Task task, boolean overwrite,
                                     boolean resume) {
        return switch (command) {
            case PREPARE -> task.prepare(spark, overwrite);
            case TRAIN -> task.train(spark, overwrite, resume);
            case EVALUATE -> task.evaluate(spark, overwrite);
            case SCORE -> task.score(spark, overwrite);
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + msg;
    }

    private static void printTopLevelHelp(PrintStream to) {
        to.println("usage: seqpipe <command> [--conf FILE] [--set KEY=VALUE]... [--overwrite] [--help]");
        to.println();
        to.println("commands:");
        for (Command c : Command.values()) {
            to.printf("  %-9s %s%n", c.cliName(), c.description);
        }
        to.println();
        to.println("seqpipe <command> --help lists a command's options.");
    }

    private static void printCommandHelp(Command command, CmdLineParser parser, PrintStream to) {
        to.println("usage: seqpipe " + command.cliName() + " [options]");
        to.println(command.description);
        to.println();
        ByteArrayOutputStream usage = new ByteArrayOutputStream();
        parser.printUsage(usage);
        to.print(usage.toString(StandardCharsets.UTF_8));
        to.println();
        to.println("Config keys and their defaults: pipeline-core/src/main/resources/io/seqpipe/tasks/<task>.defaults.conf;"
                + " --print-config shows the resolved values.");
    }
}
