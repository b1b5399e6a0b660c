package io.rocketcamel.reliability;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Counts the records a running child has written so far, reading only what was appended since the last look. */
final class RecordTail {

    private final Path file;
    private final Map<String, Integer> counts = new HashMap<>();
    private long position;
    private String partial = "";

    RecordTail(Path file) {
        this.file = file;
    }

    /** @return how many records of this type (A, F, P, C) the file holds now */
    synchronized int count(String type) {
        readNew();
        return counts.getOrDefault(type, 0);
    }

    private void readNew() {
        if (!Files.exists(file)) {
            return;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= position) {
                return;
            }
            byte[] bytes = new byte[(int) (length - position)];
            in.seek(position);
            in.readFully(bytes);
            position = length;
            String text = partial + new String(bytes, StandardCharsets.UTF_8);
            int start = 0;
            for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
                int tab = text.indexOf('\t', start);
                if (tab > start && tab < end) {
                    counts.merge(text.substring(start, tab), 1, Integer::sum);
                }
                start = end + 1;
            }
            partial = text.substring(start);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
