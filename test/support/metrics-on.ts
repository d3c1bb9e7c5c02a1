// Imported first by tests that read metrics: the test setup silences them for every other file.
process.env.POWERTOOLS_METRICS_DISABLED = 'false';
