/**
 * Pure logic of time-series forecasting, with no Spark: parsing delimited series files
 * ({@link io.seqpipe.timeseries.SeriesCsvFormat}, {@link io.seqpipe.timeseries.SeriesRowParser}) and cleaning the rows
 * of one series key ({@link io.seqpipe.timeseries.SeriesCleaner}) into a {@link io.seqpipe.timeseries.TimeSeries}.
 * Spark jobs group rows by series key and call these per key on the executors.
 */
package io.seqpipe.timeseries;
