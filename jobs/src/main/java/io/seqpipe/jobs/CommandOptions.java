package io.seqpipe.jobs;

import org.kohsuke.args4j.Option;

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

    @Option(name = "--resume", usage = "train only: continue from the newest valid checkpoint in train.checkpoint.dir "
            + "(starts from scratch when there is none)")
    boolean resume;

    @Option(name = "--print-config", usage = "print the resolved config and exit without running")
    boolean printConfig;

    @Option(name = "--help", aliases = "-h", help = true, usage = "show this help")
    boolean help;
}
