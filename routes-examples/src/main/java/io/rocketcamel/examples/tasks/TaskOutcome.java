package io.rocketcamel.examples.tasks;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** What became of one attempt: published on task-results or, after the last retry, on task-failures. */
public record TaskOutcome(String taskId, boolean succeeded, int retryCount, long dueAt, long ranAt, String detail) {

    @JsonIgnore
    public long latenessMillis() {
        return ranAt - dueAt;
    }
}
