package io.seqpipe.tasks.translation;

import io.seqpipe.inference.NetworkShape;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.provenance.ModelDirectory;
import io.seqpipe.text.Vocabulary;
import io.seqpipe.translation.PairEncoder;
import org.apache.hadoop.conf.Configuration;

/**
 * A saved translator read back: its directory (source vocabulary as {@code vocabulary.txt}, the target vocabulary as
 * {@code labels.txt}: the output layer's classes), the config it was trained with, and the pair encoder of training
 * (same tokenizers and vocabularies; no length limits, so evaluate and score take every non-empty sentence).
 */
record TranslatorModel(ModelDirectory.Loaded directory, TranslationTaskConfig trainedWith, PairEncoder encoder) {

    static TranslatorModel load(String path, Configuration hadoop) {
        ModelDirectory.Loaded dir = ModelDirectory.load(path, "translation", hadoop);
        TranslationTaskConfig trained = TranslationTaskConfig.from(dir.config());
        Vocabulary target = Vocabulary.fromLines(dir.labels().labels());
        NetworkShape.of(dir.path().toString(), dir.weights())
                .requireInputs(NetworkFactory.SOURCE_EMBEDDING, "source embedding", dir.vocabulary().size(),
                        ModelDirectory.VOCABULARY + " (source vocabulary)", "entries")
                .requireInputs(NetworkFactory.TARGET_EMBEDDING, "target embedding", target.size(),
                        ModelDirectory.LABELS + " (target vocabulary)", "entries")
                .requireOutputs(NetworkFactory.OUTPUT, "output layer", target.size(),
                        ModelDirectory.LABELS + " (target vocabulary)", "entries");
        PairEncoder encoder = new PairEncoder(trained.source().tokenizer(), trained.target().tokenizer(),
                dir.vocabulary(), target, Integer.MAX_VALUE, Integer.MAX_VALUE);
        return new TranslatorModel(dir, trained, encoder);
    }
}
