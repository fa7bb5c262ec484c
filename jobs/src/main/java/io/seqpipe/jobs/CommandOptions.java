package io.seqpipe.jobs;

import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.Option;
import org.kohsuke.args4j.spi.StringArrayOptionHandler;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** The options every subcommand takes. */
public final class CommandOptions {
    @Option(name = "--conf", metaVar = "FILE", usage = "HOCON config file, e.g. conf/sentiment.conf")
    File conf;

    @Option(name = "--set", metaVar = "KEY=VALUE",
            usage = "override one config key (repeatable; later wins), e.g. --set train.epochs=3")
    List<String> overrides = new ArrayList<>();

    @Option(name = "--overwrite", usage = "replace this command's output if it exists (default: refuse)")
    boolean overwrite;

    @Option(name = "--resume", usage = "train and retrain: continue training from the newest valid checkpoint in "
            + "train.checkpoint.dir (retrain: the one its interrupted run of the same date left); starts from scratch "
            + "when there is none")
    boolean resume;

    @Option(name = "--print-config", usage = "print the resolved config and exit without running")
    boolean printConfig;

    @Option(name = "--date", metaVar = "YYYY-MM-DD", usage = "retrain only: the input snapshot's date (sets "
            + "retrain.date; names the registered version)")
    String date;

    @Option(name = "--version", metaVar = "VERSION", usage = "registry show | promote | rollback: the version "
            + "(show: default the champion; rollback: default the previous champion)")
    String version;

    @Option(name = "--keep", metaVar = "N", usage = "registry prune: keep this many newest versions besides the "
            + "champion (default registry.keep)")
    Integer keep;

    @Option(name = "--reason", metaVar = "TEXT", usage = "registry promote | rollback: why, recorded in the champion "
            + "pointer")
    String reason;

    @Option(name = "--runs", metaVar = "RUN RUN ...", handler = StringArrayOptionHandler.class,
            usage = "report only: the runs to compare, two or more; each a directory holding an evaluate's "
                    + "metrics.json, or a working directory holding metrics/metrics.json; any Hadoop path")
    String[] runs = new String[0];

    @Option(name = "--output", metaVar = "DIR", usage = "report only: the directory for comparison.html and "
            + "comparison.json (default " + ReportCommand.DEFAULT_OUTPUT + "); any Hadoop path")
    String output;

    @Argument(metaVar = "ACTION", usage = "registry only: list | show | promote | rollback | prune")
    String action;

    @Option(name = "--help", aliases = "-h", help = true, usage = "show this help")
    boolean help;
}
