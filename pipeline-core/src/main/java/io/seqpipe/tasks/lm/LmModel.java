package io.seqpipe.tasks.lm;

import io.seqpipe.inference.NetworkShape;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.lm.LmVocabulary;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.provenance.ModelDirectory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A saved language model read back ({@link TrainLm}'s model directory): the network ({@code model.zip}), the unit
 * vocabulary ({@code vocabulary.txt}, escaped lines, {@link LmVocabulary#fromLines}) and the config it was trained with
 * ({@code config.json}). Loading checks that the network's softmax has one output per vocabulary entry.
 */
record LmModel(ModelDirectory.Loaded directory, LmTaskConfig trainedWith, LmVocabulary vocabulary) {

    /** An {@link io.seqpipe.tasks.InferenceStep.ModelLoader} of {@code task = lm}. */
    static LmModel load(String path, Configuration hadoop) {
        ModelDirectory.Loaded dir = ModelDirectory.load(path, "lm", hadoop);
        LmTaskConfig trained = LmTaskConfig.from(dir.config());
        LmVocabulary vocabulary = LmVocabulary.fromLines(HadoopFiles.readLines(
                new Path(dir.path(), ModelDirectory.VOCABULARY), hadoop));
        NetworkShape.of(dir.path().toString(), dir.weights()).requireOutputs(NetworkFactory.OUTPUT, "output layer",
                vocabulary.size(), ModelDirectory.VOCABULARY + " (unit vocabulary)", "entries");
        return new LmModel(dir, trained, vocabulary);
    }
}
