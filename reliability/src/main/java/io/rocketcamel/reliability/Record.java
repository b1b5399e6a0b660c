package io.rocketcamel.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One line a child process recorded: its type (A acknowledged, F failed, P processed, C checked back), the message
 * id, when (epoch microseconds), and the rest of the fields. A line cut off by {@code kill -9} is ignored.
 */
record Record(String type, String id, long micros, List<String> fields, String source) {

    static List<Record> read(Path file, String source) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int complete = text.lastIndexOf('\n') + 1;
            return text.substring(0, complete).lines().map(line -> line.split("\t", -1))
                    .filter(parts -> parts.length >= 3)
                    .map(parts -> new Record(parts[0], parts[1], Long.parseLong(parts[2]),
                            List.copyOf(Arrays.asList(parts).subList(3, parts.length)), source))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** The n-th field after the time, or "" */
    String field(int n) {
        return n < fields.size() ? fields.get(n) : "";
    }
}
