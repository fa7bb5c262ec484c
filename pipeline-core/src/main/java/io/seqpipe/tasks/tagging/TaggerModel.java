package io.seqpipe.tasks.tagging;

import io.seqpipe.provenance.ModelDirectory;
import io.seqpipe.text.LabelIndex;
import org.apache.hadoop.conf.Configuration;

/**
 * A saved tagger read back: its directory, the config it was trained with (features, tag scheme) and its token
 * features with the vocabularies of training.
 */
record TaggerModel(ModelDirectory.Loaded directory, TaggingTaskConfig trainedWith, TokenFeatures features) {

    static TaggerModel load(String path, Configuration hadoop) {
        ModelDirectory.Loaded dir = ModelDirectory.load(path, hadoop);
        TaggingTaskConfig trained = TaggingTaskConfig.from(dir.config());
        TokenFeatures features = TokenFeatures.restore(trained.features(), dir.vocabulary(),
                name -> dir.artifact(name, hadoop));
        return new TaggerModel(dir, trained, features);
    }

    LabelIndex tags() {
        return directory.labels();
    }
}
