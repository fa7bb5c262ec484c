package io.seqpipe.train;

import io.seqpipe.config.ConfigReader;

/**
 * Where and how often {@link ParameterAveragingTrainer} writes checkpoints ({@code train.checkpoint.*}).
 *
 * @param dir         directory on any Hadoop filesystem holding one sub-directory per checkpoint
 * @param everyRounds write one after every this many averaging rounds (0 = only at epoch ends); one is always written
 *                    at the end of every epoch
 * @param keep        how many of the newest complete checkpoints to keep; older ones are deleted
 */
public record CheckpointSettings(String dir, int everyRounds, int keep) {

    public CheckpointSettings {
        ConfigReader.check(dir != null && !dir.isBlank(), "train.checkpoint.dir", dir, "a path");
        ConfigReader.check(everyRounds >= 0, "train.checkpoint.everyRounds", everyRounds, ">= 0");
        ConfigReader.check(keep >= 1, "train.checkpoint.keep", keep, ">= 1");
    }

    public static CheckpointSettings from(ConfigReader r) {
        return new CheckpointSettings(r.string("train.checkpoint.dir"),
                r.integer("train.checkpoint.everyRounds"), r.integer("train.checkpoint.keep"));
    }
}
