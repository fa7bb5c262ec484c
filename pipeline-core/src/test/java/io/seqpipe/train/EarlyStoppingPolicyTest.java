package io.seqpipe.train;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Early-stopping decisions on exact score sequences, and the keys that configure them. */
class EarlyStoppingPolicyTest {

    /** Feeds {@code scores} until the policy says stop; returns the decisions made. */
    static List<EarlyStoppingPolicy.Decision> run(EarlyStoppingPolicy policy, double... scores) {
        List<EarlyStoppingPolicy.Decision> out = new ArrayList<>();
        for (double s : scores) {
            EarlyStoppingPolicy.Decision d = policy.observe(s);
            out.add(d);
            if (d.stop()) {
                break;
            }
        }
        return out;
    }

    // an RMSE curve (lower is better) that falls slowly, with one lucky epoch: epoch 3 scores 3 between 8 and 8
    static final double[] NOISY_RMSE = {10, 8, 3, 8, 7, 6, 5, 4.5, 4.25, 4.5, 4.75, 5};

    @Test
    void rawSelectionKeepsTheSpikeAndStopsRightAfterIt() {
        EarlyStoppingPolicy raw = new EarlyStoppingPolicy(EarlyStopping.patience(4), false);
        List<EarlyStoppingPolicy.Decision> d = run(raw, NOISY_RMSE);
        assertEquals(7, d.size(), "epochs 4..7 are not below 3: stop after epoch 7");
        assertTrue(d.get(6).stop());
        assertEquals(3, raw.bestEpoch());
        assertEquals(3.0, raw.bestScore(), 0.0);
        assertEquals(4, raw.sinceBest());
        assertEquals(List.of(true, true, true, false, false, false, false), d.stream().map(x -> x.best()).toList());
    }

    @Test
    void smoothedSelectionRidesOutTheSpikeAndKeepsTheEndOfTheGoodStretch() {
        EarlyStoppingPolicy smoothed = new EarlyStoppingPolicy(new EarlyStopping(4, 1, 0.5), false);
        List<EarlyStoppingPolicy.Decision> d = run(smoothed, NOISY_RMSE);
        assertEquals(12, d.size(), "never 4 epochs without a better average: all 12 run");
        // s[1] = 10, s[t] = 0.5 s[t-1] + 0.5 x[t], every value exact in binary
        assertEquals(List.of(10.0, 9.0, 6.0, 7.0, 7.0, 6.5, 5.75, 5.125, 4.6875, 4.59375, 4.671875, 4.8359375),
                d.stream().map(x -> x.smoothed()).toList());
        assertEquals(List.of(true, true, true, false, false, false, true, true, true, true, false, false),
                d.stream().map(x -> x.best()).toList());
        assertEquals(10, smoothed.bestEpoch());
        assertEquals(4.5, smoothed.bestScore(), 0.0, "the raw score of the kept epoch");
        assertEquals(4.59375, smoothed.bestSmoothed(), 0.0);
        assertEquals(2, smoothed.sinceBest());
        assertFalse(smoothed.shouldStop());
        assertEquals("no improvement of smoothed validation rmse (smoothing 0.5) for 2 epochs",
                smoothed.stopReason("rmse"));
    }

    @Test
    void noEpochBeforeMinEpochsIsChosenAndNoneStopsTraining() {
        double[] scores = {1, 2, 3, 2.5, 2.75, 3};
        EarlyStoppingPolicy raw = new EarlyStoppingPolicy(EarlyStopping.patience(2), false);
        assertEquals(3, run(raw, scores).size(), "epoch 1 is best, 2 and 3 are worse: stop after 3");
        assertEquals(1, raw.bestEpoch());

        EarlyStoppingPolicy policy = new EarlyStoppingPolicy(new EarlyStopping(2, 3, 0), false);
        List<EarlyStoppingPolicy.Decision> d = run(policy, scores);
        assertEquals(List.of(false, false, true, true, false, false), d.stream().map(x -> x.best()).toList());
        assertEquals(List.of(false, false, false, false, false, true), d.stream().map(x -> x.stop()).toList());
        assertEquals(4, policy.bestEpoch());
        assertEquals(2.5, policy.bestScore(), 0.0);

        EarlyStoppingPolicy early = new EarlyStoppingPolicy(new EarlyStopping(1, 5, 0), false);
        early.observe(1);
        assertEquals(0, early.bestEpoch(), "before minEpochs there is no best");
        assertTrue(Double.isNaN(early.bestScore()));
        assertEquals(0, early.sinceBest());
        assertFalse(early.shouldStop());
    }

    @Test
    void patienceCountsEpochsWithoutABetterScoreAndZeroNeverStops() {
        // accuracy: higher is better; a tie is not an improvement (the earlier epoch stays)
        double[] accuracy = {0.6, 0.7, 0.7, 0.65, 0.72, 0.71, 0.7, 0.69, 0.5, 0.4};
        EarlyStoppingPolicy two = new EarlyStoppingPolicy(EarlyStopping.patience(2), true);
        assertEquals(4, run(two, accuracy).size(), "the tie at epoch 3 and 0.65 at epoch 4: two without a better one");
        assertEquals(2, two.bestEpoch());

        EarlyStoppingPolicy three = new EarlyStoppingPolicy(EarlyStopping.patience(3), true);
        List<EarlyStoppingPolicy.Decision> d = run(three, accuracy);
        assertEquals(8, d.size(), "epoch 5 resets the count; 6, 7 and 8 are worse");
        assertEquals(5, three.bestEpoch());
        assertEquals(0.72, three.bestScore(), 0.0);
        assertEquals(3, three.sinceBest());

        EarlyStoppingPolicy never = new EarlyStoppingPolicy(EarlyStopping.patience(0), true);
        assertEquals(10, run(never, accuracy).size());
        assertEquals(5, never.bestEpoch());
        assertEquals(5, never.sinceBest());
    }

    @Test
    void aScoreThatIsNotANumberNeverBeatsABest() {
        EarlyStoppingPolicy raw = new EarlyStoppingPolicy(EarlyStopping.patience(0), true);
        // nothing has a number yet: epoch 1 is kept (as the trainer always did); the first number replaces it
        assertEquals(List.of(true, true, false, false),
                run(raw, Double.NaN, 0.5, Double.NaN, 0.4).stream().map(x -> x.best()).toList());
        assertEquals(2, raw.bestEpoch());

        EarlyStoppingPolicy smoothed = new EarlyStoppingPolicy(new EarlyStopping(0, 1, 0.5), true);
        List<EarlyStoppingPolicy.Decision> d = run(smoothed, 0.5, Double.NaN, 0.7);
        assertEquals(List.of(0.5, 0.5, 0.6), d.stream().map(x -> x.smoothed()).toList(), "NaN leaves the average");
        assertEquals(List.of(true, false, true), d.stream().map(x -> x.best()).toList());
    }

    @Test
    void aReplayedHistoryGivesTheSameState() {
        EarlyStopping settings = new EarlyStopping(3, 2, 0.75);
        EarlyStoppingPolicy fed = new EarlyStoppingPolicy(settings, false);
        run(fed, Arrays.copyOf(NOISY_RMSE, 9));
        EarlyStoppingPolicy replayed = EarlyStoppingPolicy.replay(settings, false,
                Arrays.stream(NOISY_RMSE, 0, 9).boxed().toList());
        assertEquals(fed.epochs(), replayed.epochs());
        assertEquals(fed.bestEpoch(), replayed.bestEpoch());
        assertEquals(fed.sinceBest(), replayed.sinceBest());
        assertEquals(fed.smoothed(), replayed.smoothed(), 0.0);
        assertEquals(fed.observe(4.5), replayed.observe(4.5), "and the same next decision");
    }

    @Test
    void checkpointsAgreeOnSelectionSettingsButNotOnPatience() {
        assertEquals("", EarlyStopping.patience(2).fingerprint(), "raw selection: checkpoints of earlier releases fit");
        assertEquals(EarlyStopping.patience(2).fingerprint(), EarlyStopping.patience(9).fingerprint());
        assertEquals("|earlyStopping.minEpochs=5|earlyStopping.smoothing=0.5",
                new EarlyStopping(2, 5, 0.5).fingerprint());
        assertNotEquals(new EarlyStopping(2, 5, 0.5).fingerprint(), new EarlyStopping(2, 5, 0.25).fingerprint());
    }

    @Test
    void keysAreSharedByEveryTaskAndValidatedNamingTheKey() {
        for (String task : List.of("sentiment", "ner", "pos", "forecast", "translation", "lm")) {
            ConfigReader r = new ConfigReader(ConfigLayering.resolve(ConfigFactory.parseResources(
                    "io/seqpipe/tasks/" + task + ".defaults.conf"), null, List.of("train.earlyStopping.minEpochs=2",
                    "train.earlyStopping.smoothing=0.5")));
            EarlyStopping e = EarlyStopping.from(r);
            assertEquals(2, e.minEpochs(), task);
            assertEquals(0.5, e.smoothing(), 0.0, task);
        }
        ConfigReader sentiment = new ConfigReader(ConfigLayering.resolve(ConfigFactory.parseResources(
                "io/seqpipe/tasks/sentiment.defaults.conf"), null, List.of()));
        assertEquals(new EarlyStopping(2, 1, 0), EarlyStopping.from(sentiment), "defaults: today's raw selection");

        assertEquals("train.earlyStopping.minEpochs must be >= 1, got 0",
                assertThrows(InvalidConfigException.class, () -> new EarlyStopping(2, 0, 0)).getMessage());
        assertEquals("train.earlyStopping.smoothing must be in [0, 0.99], got 1.0",
                assertThrows(InvalidConfigException.class, () -> new EarlyStopping(2, 1, 1.0)).getMessage());
        assertEquals("train.earlyStopping.minEpochs must be <= train.epochs (5), got 8",
                assertThrows(InvalidConfigException.class, () -> new TrainSettings(5, 32, 5, 0, 42,
                        new EarlyStopping(2, 8, 0), 1, 1)).getMessage());
        InvalidConfigException typo = assertThrows(InvalidConfigException.class, () -> ConfigLayering.resolve(
                ConfigFactory.parseResources("io/seqpipe/tasks/forecast.defaults.conf"), null,
                List.of("train.earlyStopping.minEpoch=3")));
        assertTrue(typo.getMessage().startsWith("unknown config key 'train.earlyStopping.minEpoch' (did you mean "
                + "'train.earlyStopping.minEpochs'?)"), typo.getMessage());
    }
}
