package io.seqpipe.tasks.tagging;

import io.seqpipe.tasks.CharacterColumn;
import io.seqpipe.tasks.CharacterIds;
import io.seqpipe.inference.NetworkShape;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.TokenChannel;
import io.seqpipe.provenance.ModelDirectory;
import io.seqpipe.text.LabelIndex;
import org.apache.hadoop.conf.Configuration;

/**
 * A saved tagger read back: its directory, the config it was trained with (features, tag scheme) and its token
 * features with the vocabularies of training, and its character vocabulary when it was trained with a character
 * encoder ({@code model.chars.encoder}; else null: a model without one reads no characters). Loading checks that the directory holds a model of the caller's task
 * whose network takes every channel's vocabulary and gives its tags.
 */
record TaggerModel(ModelDirectory.Loaded directory, TaggingTaskConfig trainedWith, TokenFeatures features,
                   CharacterIds chars) {

    static TaggerModel load(String path, String task, Configuration hadoop) {
        ModelDirectory.Loaded dir = ModelDirectory.load(path, task, hadoop);
        TaggingTaskConfig trained = TaggingTaskConfig.from(dir.config());
        TokenFeatures features = TokenFeatures.restore(trained.features(), dir.vocabulary(),
                name -> dir.artifact(name, hadoop));
        NetworkShape shape = NetworkShape.of(dir.path().toString(), dir.weights());
        for (TokenChannel ch : features.channels(trained.model().embedding())) {
            String source = ch.name().equals("word") ? ModelDirectory.VOCABULARY
                    : "the " + ch.name() + " channel (" + ModelDirectory.ARTIFACTS + "/)";
            shape.requireInputs(NetworkFactory.embeddingOf(ch.name()), ch.name() + " embedding", ch.vocabulary(),
                    source, "entries");
        }
        shape.requireOutputs(NetworkFactory.OUTPUT, "output layer", dir.labels().size(), ModelDirectory.LABELS,
                "tags");
        return new TaggerModel(dir, trained, features, CharacterColumn.fromModel(dir, trained.chars(), shape, hadoop));
    }

    LabelIndex tags() {
        return directory.labels();
    }
}
