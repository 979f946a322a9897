package io.ludus.tools.cli;

/** How a listing is printed: aligned columns for people, JSON for scripts. */
public enum OutputFormat {
    table, json
}
