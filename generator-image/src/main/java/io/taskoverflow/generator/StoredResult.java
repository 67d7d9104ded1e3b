package io.taskoverflow.generator;

/** What was stored for an export: where, how big, its sha256, and how many todos went in. */
record StoredResult(String location, long sizeBytes, String sha256, int events, int skipped) {}
