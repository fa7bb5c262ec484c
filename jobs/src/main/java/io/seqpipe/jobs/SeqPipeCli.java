package io.seqpipe.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.seqpipe.SeqPipeException;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.config.ConfigSyntaxException;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.config.Secrets;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.IncompleteInputPolicy;
import io.seqpipe.registry.LockHeldException;
import io.seqpipe.registry.ModelPathResolver;
import io.seqpipe.retrain.NightlyRetrain;
import io.seqpipe.retrain.RetrainSettings;
import io.seqpipe.spark.SparkSessions;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.Task;
import io.seqpipe.tasks.Tasks;
import io.seqpipe.tasks.embed.EmbedConfig;
import io.seqpipe.tasks.embed.TrainEmbeddings;
import org.apache.spark.sql.SparkSession;
import org.kohsuke.args4j.CmdLineException;
import org.kohsuke.args4j.CmdLineParser;
import org.kohsuke.args4j.ParserProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses the command line, resolves and validates the config (before Spark starts), runs one subcommand in a
 * SparkSession that is always stopped, prints a summary, and returns the exit code: 0 success, 1 the job failed,
 * 2 bad usage or config, 3 another run holds the model name's registry lock or the lock of this command's output
 * ({@link OutputLocks}, taken before Spark starts). Failures print one line,
 * {@code seqpipe: error: <reason>}, on stderr; a config file that is not valid HOCON reads
 * {@code seqpipe: error: <file>:<line>: <reason>}. Every line it prints or logs has the passwords inside URIs masked
 * ({@link Secrets#maskUris}). {@code registry} and {@code report} run without Spark.
 */
public final class SeqPipeCli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    /**
     * Another run holds the registry lock of the model name (retrain, registry promote/rollback/prune), or the lock
     * of the output this command writes (prepare, train, evaluate, score).
     */
    public static final int LOCKED = 3;
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
            error("unknown command '" + args[0] + "'; commands: prepare, train, evaluate, score, retrain, registry");
            return USAGE;
        }
        CommandOptions options = new CommandOptions();
        CmdLineParser parser = new CmdLineParser(options, ParserProperties.defaults().withUsageWidth(100));
        try {
            parser.parseArgument(Arrays.copyOfRange(args, 1, args.length));
        } catch (CmdLineException e) {
            error(e.getMessage() + " (seqpipe " + command.cliName() + " --help lists options)");
            return USAGE;
        }
        if (options.help) {
            printCommandHelp(command, parser, out);
            if (command == Command.REPORT) {
                printReportHelp();
                return OK;
            }
            return command == Command.EMBED ? printEmbedKeys() : printConfigKeys(options);
        }
        String misuse = misuse(command, options);
        if (misuse != null) {
            error(misuse);
            return USAGE;
        }
        if (command == Command.EMBED) {
            return embed(options); // not a task: its own defaults, no task key
        }
        if (command == Command.REPORT) { // reads finished runs: no config, no Spark
            return guarded(command, () -> ReportCommand.run(List.of(options.runs), options.output == null
                    ? ReportCommand.DEFAULT_OUTPUT : options.output, options.overwrite,
                    RegistryCommand.hadoopConfiguration()));
        }
        List<String> overrides = new ArrayList<>(options.overrides);
        if (options.date != null) {
            overrides.add("retrain.date=" + options.date);
        }
        Config resolved;
        try {
            resolved = Tasks.resolve(options.conf, overrides);
            if (options.printConfig) {
                Tasks.create(resolved); // validated: a config that would fail is not printed as if it were fine
                ConfigLayering.describe(resolved, Tasks.keys(resolved.getString("task"))).forEach(out::println);
                return OK;
            }
        } catch (InvalidConfigException | ConfigException e) {
            return configFailure(e);
        }
        // evaluate and score: registry://<name>[/<version>] becomes the version's directory here, for every task, so
        // the task is built once, from the config it runs with
        Config taskConfig = resolved;
        if ((command == Command.EVALUATE || command == Command.SCORE) && ModelPathResolver.usesRegistry(resolved)) {
            try {
                taskConfig = ModelPathResolver.resolve(resolved, RegistryCommand.hadoopConfiguration());
            } catch (InvalidConfigException e) {
                return configFailure(e);
            } catch (SeqPipeException e) { // e.g. the registry has no such version
                error(e.getMessage());
                return FAILED;
            } catch (RuntimeException e) { // the registry's filesystem cannot be read
                LOG.error("{} failed: {}", command.cliName(), maskedTrace(e));
                error(command.cliName() + " failed: " + rootMessage(e) + " (stack trace in the log above)");
                return FAILED;
            }
        }
        Task task;
        try {
            task = Tasks.create(taskConfig);
            if (LOG.isDebugEnabled()) {
                LOG.debug("resolved config:\n  {}", String.join("\n  ", ConfigLayering.describe(resolved)));
            }
            if (command == Command.TRAIN && ModelPathResolver.usesRegistry(resolved)) {
                throw new InvalidConfigException("paths.model = " + resolved.getString("paths.model") + ": train "
                        + "writes a model directory; registry:// names are for evaluate and score (retrain registers"
                        + " versions)");
            }
            if (command == Command.RETRAIN) {
                RetrainSettings.from(resolved); // a bad retrain config fails before Spark starts
            }
            IncompleteInputPolicy.from(resolved); // validated here; passed to the readers below
        } catch (InvalidConfigException | ConfigException e) {
            return configFailure(e);
        }
        if (command == Command.REGISTRY) {
            return guarded(command, () -> RegistryCommand.run(options.action, options, resolved,
                    RegistryCommand.hadoopConfiguration()));
        }
        OutputLocks locks = null;
        if (OutputLocks.applies(command)) {
            try {
                // before Spark starts, so a second run on the same output is refused at once
                locks = OutputLocks.acquire(command, resolved, RegistryCommand.hadoopConfiguration());
            } catch (LockHeldException e) {
                error(e.getMessage());
                return LOCKED;
            } catch (RuntimeException e) {
                LOG.error("{}: cannot lock its outputs: {}", command.cliName(), maskedTrace(e));
                error(command.cliName() + " cannot lock its outputs: " + rootMessage(e));
                return FAILED;
            }
        }
        SparkSession[] spark = new SparkSession[1];
        try {
            Task.SparkDefaults defaults = task.sparkDefaults();
            try {
                spark[0] = SparkSessions.start(defaults.appName() + "-" + command.cliName(),
                        defaults.defaultMaster(), defaults.ompThreads());
            } catch (RuntimeException e) { // Spark's own checks (memory, master URL) fail here
                LOG.error("{}: Spark did not start: {}", command.cliName(), maskedTrace(e));
                error(command.cliName() + ": Spark did not start: " + rootMessage(e));
                return FAILED;
            }
            org.apache.hadoop.conf.Configuration hadoop = spark[0].sparkContext().hadoopConfiguration();
            IncompleteInputPolicy.from(resolved).applyTo(hadoop);
            RunSummary.lines(command, resolved, spark[0].sparkContext().master(), path -> qualify(path, hadoop))
                    .forEach(out::println);
            return guarded(command, () -> execute(command, spark[0], task, resolved, options.overwrite,
                    options.resume));
        } finally {
            if (spark[0] != null) {
                spark[0].stop();
            }
            if (locks != null) {
                locks.close();
            }
        }
    }

    /** Runs a command's work, printing its summary, and maps its failure to one stderr line and an exit code. */
    private int guarded(Command command, java.util.function.Supplier<JobReport> work) {
        try {
            work.get().lines().forEach(line -> out.println(Secrets.maskUris(line)));
            return OK;
        } catch (InvalidConfigException e) {
            error("invalid config: " + e.getMessage());
            return USAGE;
        } catch (LockHeldException e) {
            error(e.getMessage());
            return LOCKED;
        } catch (SeqPipeException e) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("job failed: {}", maskedTrace(e));
            }
            error(e.getMessage());
            return FAILED;
        } catch (Exception | Error e) { // Scala code throws checked SparkException undeclared
            SeqPipeException onExecutor = seqPipeCause(e);
            if (onExecutor != null) {
                // raised by SeqPipe's own code in a Spark task: its message is the reason, as on the driver
                if (LOG.isDebugEnabled()) {
                    LOG.debug("job failed: {}", maskedTrace(e));
                }
                error(onExecutor.getMessage());
                return FAILED;
            }
            LOG.error("{} failed: {}", command.cliName(), maskedTrace(e));
            error(command.cliName() + " failed: " + rootMessage(e)
                    + " (stack trace in the log above)");
            return FAILED;
        }
    }

    /**
     * A config that cannot be used: {@code seqpipe: error: <file>:<line>: <reason>} for one that is not HOCON,
     * {@code seqpipe: error: invalid config: <reason>} otherwise (a value of the wrong type read without
     * ConfigReader included); exit code {@link #USAGE}.
     */
    private int configFailure(RuntimeException e) {
        error(e instanceof ConfigSyntaxException ? e.getMessage() : "invalid config: " + e.getMessage());
        return USAGE;
    }

    /** Prints {@code seqpipe: error: <reason>}, passwords inside URIs masked. */
    private void error(String reason) {
        err.println("seqpipe: error: " + Secrets.maskUris(reason));
    }

    /** A failure's stack trace as text for the log, passwords inside URIs masked. */
    private static String maskedTrace(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return Secrets.maskUris(trace.toString());
    }

    /** Why these options do not fit this command, or null. */
    private static String misuse(Command command, CommandOptions options) {
        if (command == Command.REPORT) {
            if (options.conf != null || !options.overrides.isEmpty() || options.resume || options.printConfig
                    || options.date != null || options.version != null || options.keep != null
                    || options.reason != null || options.action != null) {
                return "report takes --runs, --output and --overwrite only";
            }
            if (options.runs.length < 2) {
                return "report needs two or more runs: --runs RUN RUN [RUN ...]";
            }
            return null;
        }
        if (options.runs.length > 0 || options.output != null) {
            return "--runs and --output apply to report only";
        }
        if (options.resume && command != Command.TRAIN && command != Command.RETRAIN) {
            return "--resume applies to train and retrain only";
        }
        if (options.date != null && command != Command.RETRAIN) {
            return "--date applies to retrain only";
        }
        if (command == Command.REGISTRY) {
            if (options.action == null) {
                return "registry needs an action: list | show | promote | rollback | prune";
            }
        } else if (options.action != null) {
            return "unexpected argument '" + options.action + "' (" + command.cliName() + " takes options only)";
        } else if (options.version != null || options.keep != null || options.reason != null) {
            return "--version, --keep and --reason apply to registry only";
        }
        return null;
    }

    private static JobReport execute(Command command, SparkSession spark, Task task, Config resolved,
                                     boolean overwrite, boolean resume) {
        return switch (command) {
            case PREPARE -> task.prepare(spark, overwrite);
            case TRAIN -> task.train(spark, overwrite, resume);
            case EVALUATE -> task.evaluate(spark, overwrite);
            case SCORE -> task.score(spark, overwrite);
            case RETRAIN -> new NightlyRetrain(resolved, spark.sparkContext().hadoopConfiguration(), resume)
                    .run(spark);
            case REGISTRY -> throw new IllegalStateException("registry runs without Spark");
            case EMBED -> throw new IllegalStateException("embed runs in embed()");
            case REPORT -> throw new IllegalStateException("report runs without Spark");
        };
    }

    /**
     * {@code seqpipe embed}: its config ({@link EmbedConfig}: {@code embed.*}, {@code spark.*}) resolved and
     * validated before Spark starts, the output locked, then {@link TrainEmbeddings} in a SparkSession that is always
     * stopped.
     */
    private int embed(CommandOptions options) {
        Config resolved;
        EmbedConfig cfg;
        try {
            resolved = EmbedConfig.resolve(options.conf, options.overrides);
            cfg = EmbedConfig.from(resolved);
            if (options.printConfig) {
                ConfigLayering.describe(resolved, EmbedConfig.keys()).forEach(out::println);
                return OK;
            }
        } catch (InvalidConfigException | ConfigException e) {
            return configFailure(e);
        }
        OutputLocks locks;
        try {
            locks = OutputLocks.acquire(Command.EMBED, resolved, RegistryCommand.hadoopConfiguration());
        } catch (LockHeldException e) {
            error(e.getMessage());
            return LOCKED;
        } catch (RuntimeException e) {
            LOG.error("embed: cannot lock its output: {}", maskedTrace(e));
            error("embed cannot lock its outputs: " + rootMessage(e));
            return FAILED;
        }
        SparkSession spark = null;
        try {
            try {
                spark = SparkSessions.start(cfg.appName(), cfg.defaultMaster(), 1);
            } catch (RuntimeException e) {
                LOG.error("embed: Spark did not start: {}", maskedTrace(e));
                error("embed: Spark did not start: " + rootMessage(e));
                return FAILED;
            }
            org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
            RunSummary.lines(Command.EMBED, resolved, spark.sparkContext().master(), path -> qualify(path, hadoop))
                    .forEach(out::println);
            SparkSession session = spark;
            return guarded(Command.EMBED, () -> TrainEmbeddings.run(session, cfg, options.overwrite));
        } finally {
            if (spark != null) {
                spark.stop();
            }
            locks.close();
        }
    }

    /** After {@code report --help}: what a run is and what the command writes. */
    private void printReportHelp() {
        List.of("report compares two or more evaluated runs of one task, without Spark; only --runs, --output and",
                "--overwrite apply. A RUN is a paths.work directory (its metrics/metrics.json), a paths.metrics",
                "directory or a registry version: any directory holding an evaluate's metrics.json, on any Hadoop",
                "filesystem. From each run it reads metrics.json, the evaluated model's provenance.json (learning",
                "curves) and config.json, and the model's rows of the run's metrics history. It writes, atomically,",
                "comparison.html (metrics side by side with the best of each row marked, learning curves overlaid,",
                "config differences with secrets masked, the history) and comparison.json (the same table).",
                "example: seqpipe report --runs work/bilstm work/bigru hdfs:///seqpipe/registry/sentiment/2026-11-23",
                "         --output comparisons/lstm-vs-gru").forEach(out::println);
    }

    /** After {@code embed --help}: its config keys. */
    private int printEmbedKeys() {
        out.println("Config keys of embed (key, type and bound, default, documentation; in full in "
                + EmbedConfig.DEFAULTS + "):");
        EmbedConfig.keys().listing().forEach(line -> out.println("  " + line));
        return OK;
    }

    /** A path as its filesystem names it; a {@code registry://} reference or an unreachable path as given. */
    private static String qualify(String path, org.apache.hadoop.conf.Configuration hadoop) {
        if (path.startsWith("registry://")) {
            return path;
        }
        try {
            return HadoopFiles.qualify(path, hadoop).toString();
        } catch (RuntimeException e) {
            LOG.debug("cannot qualify {}", path, e);
            return path;
        }
    }

    /** The first {@link SeqPipeException} among the causes of {@code e} (a Spark task's failure wraps it), or null. */
    private static SeqPipeException seqPipeCause(Throwable e) {
        int depth = 0;
        for (Throwable t = e.getCause(); t != null && depth++ < 20; t = t.getCause()) {
            if (t instanceof SeqPipeException s) {
                return s;
            }
        }
        return null;
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
        to.println("       seqpipe retrain --conf FILE --date YYYY-MM-DD [--set KEY=VALUE]...");
        to.println("       seqpipe registry <list|show|promote|rollback|prune> --conf FILE [--version V] [--keep N]");
        to.println("       seqpipe embed --set embed.input=CORPUS --set embed.output=DIR [--set KEY=VALUE]...");
        to.println("       seqpipe report --runs RUN RUN [RUN ...] [--output DIR] [--overwrite]");
        to.println();
        to.println("commands:");
        for (Command c : Command.values()) {
            to.printf("  %-9s %s%n", c.cliName(), c.description);
        }
        to.println();
        to.println("seqpipe <command> --help lists a command's options; with --set task=TASK also every config key of "
                + "the task.");
    }

    private static void printCommandHelp(Command command, CmdLineParser parser, PrintStream to) {
        to.println("usage: seqpipe " + command.cliName() + " [options]");
        to.println(command.description);
        to.println();
        ByteArrayOutputStream usage = new ByteArrayOutputStream();
        parser.printUsage(usage);
        to.print(usage.toString(StandardCharsets.UTF_8));
        to.println();
    }

    /**
     * After a command's {@code --help}: the config keys of the task that {@code --set task=...} or the {@code --conf}
     * file names (type and bound, default, first doc line), or how to list them.
     */
    private int printConfigKeys(CommandOptions options) {
        boolean named = options.conf != null || options.overrides.stream().anyMatch(o -> o.strip().startsWith("task="));
        if (!named) {
            out.println("Config keys: seqpipe <command> --help --set task=TASK lists every key of a task (tasks: "
                    + String.join(", ", Tasks.names()) + ") with its type, bound, default and documentation;"
                    + " --print-config shows the resolved values.");
            return OK;
        }
        String task;
        try {
            task = Tasks.named(options.conf, options.overrides);
        } catch (ConfigSyntaxException e) {
            error(e.getMessage());
            return USAGE;
        } catch (InvalidConfigException e) {
            error("invalid config: " + e.getMessage());
            return USAGE;
        }
        out.println("Config keys of task " + task + " (key, type and bound, default, documentation; in full in the"
                + " defaults files under io/seqpipe/):");
        Tasks.keys(task).listing().forEach(line -> out.println("  " + line));
        return OK;
    }
}
