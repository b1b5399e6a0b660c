package io.rocketcamel.component.rocketmq.saga;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.util.json.DeserializationException;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * One entry of the saga log: the body (JSON) of a message on the saga topic. Every entry names its saga and the
 * participant (service) that wrote it; the other fields belong to some types only.
 *
 * @param stepId   JOINED, TIMEOUT and the outcome types: the step, unique per join
 * @param options  JOINED: the step's options, evaluated to strings when it joined
 * @param origin   JOINED: the id of the consumed RocketMQ message whose exchange joined, when it was one; the same
 *                 message joining again with the same endpoints is that step run again (a redelivery)
 * @param action   the outcome types: which callback of the step
 * @param attempt  RETRY, FAILED and DEAD_LETTERED: the number of the attempt that failed
 * @param reason   decisions: why; RETRY, FAILED and DEAD_LETTERED: the failure
 * @param at       when it was written (epoch milliseconds), for people reading the log
 */
record SagaEvent(Type type, String sagaId, String participant, String stepId, String compensation, String completion,
                 Map<String, String> options, String origin, Action action, int attempt, String reason, long at) {

    private static final int FORMAT = 1;

    enum Type {
        /** A saga began. */
        CREATED,
        /** A step joined, with its compensation and completion endpoints and options. */
        JOINED,
        /** Completion was requested. */
        COMPLETE,
        /** Compensation was requested. */
        COMPENSATE,
        /** A step's timeout elapsed (a timer message): compensation, unless the saga was decided before. */
        TIMEOUT,
        /** A callback succeeded. */
        SUCCEEDED,
        /** A callback attempt failed; written as a timer message that arrives when the next attempt is due. */
        RETRY,
        /**
         * A callback attempt failed and its RETRY is on its way: written at once, so that an instance taking the queue
         * over before the RETRY arrives waits for it rather than running the attempt again.
         */
        FAILED,
        /** A callback failed its last attempt and was copied to the dead-letter topic. */
        DEAD_LETTERED,
        /** Dead-lettered callbacks of the saga get new attempts. */
        REDRIVE
    }

    /** Which callback of a step. */
    enum Action {
        COMPLETION,
        COMPENSATION
    }

    SagaEvent {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    static SagaEvent created(String sagaId, String participant) {
        return of(Type.CREATED, sagaId, participant, null, null, null);
    }

    static SagaEvent joined(String sagaId, String participant, String stepId, String compensation, String completion,
                            Map<String, String> options, String origin) {
        return new SagaEvent(Type.JOINED, sagaId, participant, stepId, compensation, completion, options, origin, null,
                0, null, System.currentTimeMillis());
    }

    /** COMPLETE, COMPENSATE or REDRIVE. */
    static SagaEvent request(Type type, String sagaId, String participant, String reason) {
        return of(type, sagaId, participant, null, null, reason);
    }

    static SagaEvent timeout(String sagaId, String participant, String stepId, long timeoutMillis) {
        return of(Type.TIMEOUT, sagaId, participant, stepId, null, "timeout of " + timeoutMillis + " ms elapsed");
    }

    static SagaEvent succeeded(String sagaId, String participant, String stepId, Action action) {
        return of(Type.SUCCEEDED, sagaId, participant, stepId, action, null);
    }

    /** RETRY, FAILED or DEAD_LETTERED. */
    static SagaEvent failed(Type type, String sagaId, String participant, String stepId, Action action, int attempt,
                            String error) {
        return new SagaEvent(type, sagaId, participant, stepId, null, null, null, null, action, attempt, error,
                System.currentTimeMillis());
    }

    private static SagaEvent of(Type type, String sagaId, String participant, String stepId, Action action, String reason) {
        return new SagaEvent(type, sagaId, participant, stepId, null, null, null, null, action, 0, reason,
                System.currentTimeMillis());
    }

    byte[] toBytes() {
        JsonObject json = new JsonObject();
        json.put("v", FORMAT);
        json.put("type", type.name());
        json.put("saga", sagaId);
        json.put("participant", participant);
        putIfPresent(json, "step", stepId);
        putIfPresent(json, "compensation", compensation);
        putIfPresent(json, "completion", completion);
        if (!options.isEmpty()) {
            json.put("options", new JsonObject(options));
        }
        putIfPresent(json, "origin", origin);
        putIfPresent(json, "action", action == null ? null : action.name());
        if (attempt > 0) {
            json.put("attempt", attempt);
        }
        putIfPresent(json, "reason", reason);
        json.put("at", at);
        return json.toJson().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @throws IllegalArgumentException when the bytes are no saga event of a format this version reads
     */
    static SagaEvent fromBytes(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        Object parsed;
        try {
            parsed = Jsoner.deserialize(text);
        } catch (DeserializationException e) {
            throw new IllegalArgumentException("Not a saga event: " + e.getMessage(), e);
        }
        // the refusals quote the text, never the parsed value: printing JSON nested deeper than the stack recurses
        // into a StackOverflowError, which would stop the saga topic's queue at this message for good
        if (!(parsed instanceof JsonObject json)) {
            throw new IllegalArgumentException("Not a saga event: not a JSON object: " + excerpt(text));
        }
        try {
            return fromJson(json, text);
        } catch (ClassCastException e) {
            // a field of the wrong JSON type: no saga event of this format, like any other unreadable body
            throw new IllegalArgumentException("Not a saga event: " + e.getMessage() + ": " + excerpt(text), e);
        }
    }

    private static SagaEvent fromJson(JsonObject json, String text) {
        Integer format = json.getInteger("v");
        if (format == null || format != FORMAT) {
            throw new IllegalArgumentException("Saga event format " + format + " is not " + FORMAT);
        }
        String sagaId = json.getString("saga");
        String participant = json.getString("participant");
        if (sagaId == null || participant == null || json.getString("type") == null) {
            throw new IllegalArgumentException("A saga event needs a type, a saga and a participant: " + excerpt(text));
        }
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, Object> given = json.getMapOrDefault("options", new JsonObject());
        given.forEach((name, value) -> {
            if (value instanceof Map || value instanceof Collection) {
                throw new IllegalArgumentException("Not a saga event: option " + name + " is no text: "
                                                   + excerpt(text));
            }
            options.put(name, String.valueOf(value));
        });
        String action = json.getString("action");
        return new SagaEvent(Type.valueOf(json.getString("type")), sagaId, participant, json.getString("step"),
                json.getString("compensation"), json.getString("completion"), options, json.getString("origin"),
                action == null ? null : Action.valueOf(action), json.getIntegerOrDefault("attempt", 0),
                json.getString("reason"), json.getLongOrDefault("at", 0));
    }

    private static String excerpt(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + text.length() + " characters)";
    }

    private static void putIfPresent(JsonObject json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
