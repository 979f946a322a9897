package io.ludus.tools.events;

/** jsonl keeps the nesting; csv and parquet flatten it to columns. */
public enum ExportFormat {
    jsonl, csv, parquet
}
