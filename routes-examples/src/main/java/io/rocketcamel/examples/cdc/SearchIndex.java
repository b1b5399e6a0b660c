package io.rocketcamel.examples.cdc;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.opensearch.OpensearchComponent;
import org.apache.camel.component.opensearch.OpensearchConstants;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.RestClient;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Time;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.mget.MultiGetResponseItem;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.transport.rest_client.RestClientTransport;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The search sink's reads, and its TRUNCATE: camel-opensearch has operations for single documents, not for emptying
 * part of an index, so a TRUNCATE goes through OpenSearch's Java client, on a client of its own to the hosts and
 * with the user and password the {@code opensearch} component has (with {@code enableSSL}, https and the JVM's
 * default trust store; the component's {@code certificatePath} is not applied to it).
 */
@Component
public class SearchIndex implements DisposableBean {

    private static final TypeReference<Map<String, Object>> DOCUMENT = new TypeReference<>() { };
    private static final Time SCROLL_KEEP_ALIVE = Time.of(t -> t.time("1m"));
    private static final int PAGE = 1000;
    private static final int NOT_FOUND = 404;

    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final CamelContext camel;
    private RestClient restClient;
    private OpenSearchClient client;

    public SearchIndex(ProducerTemplate producer, ObjectMapper json, CamelContext camel) {
        this.producer = producer;
        this.json = json;
        this.camel = camel;
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

    /**
     * Deletes the documents of the TRUNCATE's table in its partition. A refresh first: a search sees only what the
     * last refresh made searchable, and the writes just before the TRUNCATE may be younger than that. No document of
     * this partition is written meanwhile: its changes come through the queue this TRUNCATE is applied from.
     */
    public void truncate(ChangeEvent truncate) throws IOException {
        String index = truncate.table();
        OpenSearchClient search = client();
        try {
            search.indices().refresh(r -> r.index(index));
        } catch (OpenSearchException e) {
            if ("index_not_found_exception".equals(e.error().type())) {
                return;
            }
            throw e;
        }
        List<String> partition = new ArrayList<>();
        SearchResponse<Void> page = search.search(s -> s.index(index).scroll(SCROLL_KEEP_ALIVE).size(PAGE)
                .source(source -> source.fetch(false)).query(q -> q.matchAll(all -> all)), Void.class);
        try {
            while (!page.hits().hits().isEmpty()) {
                page.hits().hits().stream().map(Hit::id).filter(truncate.partition()::holds).forEach(partition::add);
                String scrollId = page.scrollId();
                page = search.scroll(s -> s.scrollId(scrollId).scroll(SCROLL_KEEP_ALIVE), Void.class);
            }
        } finally {
            String scrollId = page.scrollId();
            search.clearScroll(c -> c.scrollId(scrollId));
        }
        for (int from = 0; from < partition.size(); from += PAGE) {
            delete(search, index, partition.subList(from, Math.min(partition.size(), from + PAGE)));
        }
    }

    private static void delete(OpenSearchClient search, String index, List<String> ids) throws IOException {
        BulkResponse response = search.bulk(b -> b.index(index)
                .operations(ids.stream().map(id -> BulkOperation.of(o -> o.delete(d -> d.id(id)))).toList()));
        for (BulkResponseItem item : response.items()) {
            // gone already: a delete applied again after a restart
            if (item.error() != null && item.status() != NOT_FOUND) {
                throw new IllegalStateException("OpenSearch did not delete document " + item.id() + " of index " + index
                        + ": " + item.error().reason());
            }
        }
    }

    private synchronized OpenSearchClient client() {
        if (client == null) {
            restClient = restClient(camel.getComponent("opensearch", OpensearchComponent.class));
            client = new OpenSearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
        }
        return client;
    }

    private static RestClient restClient(OpensearchComponent component) {
        String scheme = component.isEnableSSL() ? "https" : "http";
        HttpHost[] hosts = Arrays.stream(component.getHostAddresses().split(","))
                .map(address -> new HttpHost(scheme, address.trim().split(":")[0], port(address.trim())))
                .toArray(HttpHost[]::new);
        return RestClient.builder(hosts).setHttpClientConfigCallback(http -> configured(http, component, hosts[0])).build();
    }

    /** Basic authentication as the component's; https (the scheme) with the JVM's default trust store. */
    private static HttpAsyncClientBuilder configured(HttpAsyncClientBuilder http, OpensearchComponent component, HttpHost host) {
        if (component.getUser() != null && component.getPassword() != null) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(new AuthScope(host), new UsernamePasswordCredentials(component.getUser(),
                    component.getPassword().toCharArray()));
            http.setDefaultCredentialsProvider(credentials);
        }
        return http;
    }

    private static int port(String address) {
        String[] parts = address.split(":");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : OpensearchConstants.DEFAULT_PORT;
    }

    @Override
    public synchronized void destroy() throws IOException {
        if (restClient != null) {
            restClient.close();
        }
    }
}
