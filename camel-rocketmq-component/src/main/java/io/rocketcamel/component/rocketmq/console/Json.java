package io.rocketcamel.component.rocketmq.console;

import java.lang.reflect.RecordComponent;
import java.util.List;

import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * The views as camel-util-json objects, one field per record component under its name, as Jackson writes them for
 * the starter's console: the dev console and the console's JSON cannot drift apart.
 */
final class Json {

    private Json() {
    }

    static JsonObject of(Record view) {
        JsonObject json = new JsonObject();
        for (RecordComponent component : view.getClass().getRecordComponents()) {
            try {
                json.put(component.getName(), value(component.getAccessor().invoke(view)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + component, e);
            }
        }
        return json;
    }

    private static Object value(Object value) {
        if (value instanceof Record record) {
            return of(record);
        }
        if (value instanceof List<?> list) {
            JsonArray array = new JsonArray();
            list.forEach(element -> array.add(value(element)));
            return array;
        }
        return value instanceof Enum<?> constant ? constant.name() : value;
    }
}
