package io.seqpipe.translation.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy and beam search over a {@link DecoderModel}, for a batch of sentences at once (one model call per output
 * position for all live hypotheses of all sentences). Pure.
 *
 * <p>Beam search, per sentence: start from {@code <s>} with log-probability 0. At each step every live hypothesis is
 * extended by every token; the {@code beamSize} best extensions by log-probability are kept (ties: earlier hypothesis,
 * then smaller token id). An extension ending in {@code </s>} is finished and leaves the beam, so the beam narrows as
 * hypotheses finish; the search for a sentence ends when no hypothesis is live or {@code maxLength} tokens were
 * generated (open hypotheses are then returned unfinished). Finished and cut hypotheses are ranked by the
 * length-normalized score ({@link SearchSettings#score}). With {@code beamSize = 1} this is exactly greedy search.
 */
public final class BeamSearch {
    private BeamSearch() {
    }

    private record Live<S>(int sentence, int[] tokens, double logProb, S state, int lastToken) {
    }

    private record Candidate<S>(Live<S> parent, int parentIndex, int token, double logProb, S state) {
    }

    /** The best hypothesis of each sentence. */
    public static <S> List<Hypothesis> best(DecoderModel<S> model, List<S> initialStates, SearchSettings settings) {
        List<List<Hypothesis>> all = search(model, initialStates, settings);
        List<Hypothesis> best = new ArrayList<>(all.size());
        for (List<Hypothesis> h : all) {
            best.add(h.get(0));
        }
        return best;
    }

    /** Greedy search: the most probable token at each step, until {@code </s>} or the maximum length. */
    public static <S> List<Hypothesis> greedy(DecoderModel<S> model, List<S> initialStates, SearchSettings settings) {
        int n = initialStates.size();
        List<S> states = new ArrayList<>(initialStates);
        int[] last = new int[n];
        Arrays.fill(last, settings.bos());
        List<List<Integer>> tokens = new ArrayList<>();
        double[] logProb = new double[n];
        Hypothesis[] done = new Hypothesis[n];
        for (int i = 0; i < n; i++) {
            tokens.add(new ArrayList<>());
        }
        for (int step = 0; step < settings.maxLength(); step++) {
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (done[i] == null) {
                    open.add(i);
                }
            }
            if (open.isEmpty()) {
                break;
            }
            List<S> in = new ArrayList<>(open.size());
            int[] lastIn = new int[open.size()];
            for (int j = 0; j < open.size(); j++) {
                in.add(states.get(open.get(j)));
                lastIn[j] = last[open.get(j)];
            }
            List<DecoderModel.Step<S>> out = model.step(in, lastIn);
            for (int j = 0; j < open.size(); j++) {
                int i = open.get(j);
                double[] lp = out.get(j).logProbs();
                int arg = 0;
                for (int t = 1; t < lp.length; t++) {
                    if (lp[t] > lp[arg]) {
                        arg = t;
                    }
                }
                logProb[i] += lp[arg];
                states.set(i, out.get(j).state());
                last[i] = arg;
                if (arg == settings.eos()) {
                    done[i] = hypothesis(tokens.get(i), logProb[i], tokens.get(i).size() + 1, true, settings);
                } else {
                    tokens.get(i).add(arg);
                }
            }
        }
        List<Hypothesis> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(done[i] != null ? done[i]
                    : hypothesis(tokens.get(i), logProb[i], tokens.get(i).size(), false, settings));
        }
        return result;
    }

    /** All finished (and cut) hypotheses of each sentence, best first. */
    public static <S> List<List<Hypothesis>> search(DecoderModel<S> model, List<S> initialStates,
                                                    SearchSettings settings) {
        int n = initialStates.size();
        List<List<Hypothesis>> finished = new ArrayList<>(n);
        List<Live<S>> live = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            finished.add(new ArrayList<>());
            live.add(new Live<>(i, new int[0], 0.0, initialStates.get(i), settings.bos()));
        }
        for (int step = 0; step < settings.maxLength() && !live.isEmpty(); step++) {
            List<S> states = new ArrayList<>(live.size());
            int[] last = new int[live.size()];
            for (int j = 0; j < live.size(); j++) {
                states.add(live.get(j).state());
                last[j] = live.get(j).lastToken();
            }
            List<DecoderModel.Step<S>> out = model.step(states, last);
            // candidates per sentence, in live order (live is grouped by sentence)
            List<List<Candidate<S>>> bySentence = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                bySentence.add(new ArrayList<>());
            }
            for (int j = 0; j < live.size(); j++) {
                Live<S> h = live.get(j);
                double[] lp = out.get(j).logProbs();
                for (int t = 0; t < lp.length; t++) {
                    if (lp[t] != Double.NEGATIVE_INFINITY) {
                        bySentence.get(h.sentence()).add(new Candidate<>(h, j, t, h.logProb() + lp[t],
                                out.get(j).state()));
                    }
                }
            }
            List<Live<S>> next = new ArrayList<>();
            boolean lastStep = step == settings.maxLength() - 1;
            for (int i = 0; i < n; i++) {
                List<Candidate<S>> c = bySentence.get(i);
                c.sort(Comparator.<Candidate<S>>comparingDouble(Candidate::logProb).reversed()
                        .thenComparingInt(Candidate::parentIndex).thenComparingInt(Candidate::token));
                for (int k = 0; k < Math.min(settings.beamSize(), c.size()); k++) {
                    Candidate<S> cand = c.get(k);
                    int[] parent = cand.parent().tokens();
                    if (cand.token() == settings.eos()) {
                        finished.get(i).add(hypothesis(parent, cand.logProb(), parent.length + 1, true, settings));
                    } else {
                        int[] tokens = Arrays.copyOf(parent, parent.length + 1);
                        tokens[parent.length] = cand.token();
                        if (lastStep) {
                            finished.get(i).add(hypothesis(tokens, cand.logProb(), tokens.length, false, settings));
                        } else {
                            next.add(new Live<>(i, tokens, cand.logProb(), cand.state(), cand.token()));
                        }
                    }
                }
            }
            live = next;
        }
        for (List<Hypothesis> f : finished) {
            f.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
        }
        return finished;
    }

    private static Hypothesis hypothesis(List<Integer> tokens, double logProb, int length, boolean finished,
                                         SearchSettings settings) {
        return hypothesis(tokens.stream().mapToInt(Integer::intValue).toArray(), logProb, length, finished, settings);
    }

    private static Hypothesis hypothesis(int[] tokens, double logProb, int length, boolean finished,
                                         SearchSettings settings) {
        return new Hypothesis(tokens, logProb, settings.score(logProb, length), finished);
    }
}
