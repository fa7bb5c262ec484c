package io.seqpipe.model;

import io.seqpipe.config.ConfigReader;

import java.io.Serializable;

/**
 * How parameters are updated.
 *
 * @param updater      the update rule
 * @param learningRate step size
 * @param l2           L2 weight penalty (0 = off)
 * @param gradientClip clip each layer's gradient to this L2 norm (0 = off)
 * @param seed         seed for weight initialisation and dropout
 */
public record OptimizerSpec(Updater updater, double learningRate, double l2, double gradientClip, long seed)
        implements Serializable {

    public enum Updater { ADAM, SGD, RMSPROP, NESTEROVS }

    public OptimizerSpec {
        ConfigReader.check(learningRate > 0 && learningRate <= 10, "train.learningRate", learningRate, "in (0, 10]");
        ConfigReader.check(l2 >= 0, "train.l2", l2, ">= 0");
        ConfigReader.check(gradientClip >= 0, "train.gradientClip", gradientClip, ">= 0 (0 = off)");
    }

    public static OptimizerSpec from(ConfigReader r) {
        return new OptimizerSpec(r.enumValue("train.updater", Updater.class), r.number("train.learningRate"),
                r.number("train.l2"), r.number("train.gradientClip"), r.longValue("train.seed"));
    }
}
