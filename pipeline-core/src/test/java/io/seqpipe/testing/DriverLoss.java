package io.seqpipe.testing;

import io.seqpipe.model.ModelBytes;
import io.seqpipe.train.TrainingListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What the resume tests of every task share: a simulated driver loss, and the parameters of a saved model. */
public final class DriverLoss {
    private DriverLoss() {
    }

    /** Fails the run at the first progress report of {@code epoch}, as a lost driver would. */
    public record DieInEpoch(int epoch) implements TrainingListener {
        @Override
        public void onProgress(int e, long seen, long total, double loss, double epochSeconds, double elapsed) {
            if (e == epoch) {
                throw new IllegalStateException("simulated driver loss in epoch " + e);
            }
        }
    }

    /** The parameters of the model saved in {@code modelDir} ({@code model.zip}), to compare bit for bit. */
    public static float[] savedParams(Path modelDir) throws IOException {
        return ModelBytes.restore(Files.readAllBytes(modelDir.resolve("model.zip"))).params().toFloatVector();
    }

    /** {@code first} followed by {@code more}: config overrides shared by several runs plus each run's own. */
    public static String[] with(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }
}
