package dev.browserfleet.worker.engine;

/** A file to put in a file input: its name, MIME type and bytes in base64. */
public record ChosenFile(String name, String mimeType, String base64) {}
