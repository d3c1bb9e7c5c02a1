// Imported first by the log-scan test: the logger reads its level once, when it is created.
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
