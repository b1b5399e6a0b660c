package io.rocketcamel.examples.cdc;

import java.util.Map;

/** What the search index holds, by document id: read back to check it against the table. */
public interface SearchIndexView {

    Map<String, Map<String, Object>> documents();
}
