package io.rocketcamel.examples.cdc;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.opensearch.OpensearchConstants;
import org.opensearch.client.opensearch.core.mget.MultiGetResponseItem;
import org.springframework.stereotype.Component;

/** Reads the search index back through camel-opensearch, to check it against the table. */
@Component
public class SearchIndex {

    private static final TypeReference<Map<String, Object>> DOCUMENT = new TypeReference<>() { };

    private final ProducerTemplate producer;
    private final ObjectMapper json;

    public SearchIndex(ProducerTemplate producer, ObjectMapper json) {
        this.producer = producer;
        this.json = json;
    }

    /**
     * Those of the documents with these ids that the index of {@code table} holds, by id. A multi-get is real-time:
     * it sees every acknowledged write, also those the next refresh has not yet made searchable.
     */
    public Map<String, Map<String, Object>> documents(String table, Collection<String> ids) {
        List<?> items = producer.requestBodyAndHeader("opensearch:cdc?operation=MultiGet", new ArrayList<>(ids),
                OpensearchConstants.PARAM_INDEX_NAME, table, List.class);
        Map<String, Map<String, Object>> documents = new TreeMap<>();
        for (Object item : items) {
            MultiGetResponseItem<?> document = (MultiGetResponseItem<?>) item;
            if (document.isFailure()) {
                if ("index_not_found_exception".equals(document.failure().error().type())) {
                    continue;
                }
                throw new IllegalStateException("Cannot read document " + document.failure().id() + " of index " + table
                        + ": " + document.failure().error().reason());
            }
            if (document.result().found()) {
                documents.put(document.result().id(), json.convertValue(document.result().source(), DOCUMENT));
            }
        }
        return documents;
    }
}
