package io.seqpipe.forecast.ets;

import java.io.Serializable;

/**
 * An {@link EtsForm} estimated on {@code n} observations.
 *
 * @param logLikelihood {@code -0.5 · (n·ln(sum e²) + 2·sum ln|yhat|)} (the second sum with multiplicative errors
 *                      only), R's {@code ets()$loglik}: the Gaussian log-likelihood up to a constant, with the error
 *                      variance profiled out
 * @param aicc          {@code -2·logLikelihood + 2k + 2k(k+1)/(n-k-1)}, {@code k} the estimated parameters plus
 *                      one for the error variance
 * @param mse           mean squared one-step error on the {@code n} observations, in original units
 */
public record EtsFit(EtsForm form, EtsParameters parameters, int n, double logLikelihood, double aicc, double mse)
        implements Serializable {

    public EtsFilter filter() {
        return new EtsFilter(form, parameters);
    }
}
