package io.rocketcamel.examples.cdc;

import io.rocketcamel.examples.stub.LocalHttpStubs;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the Elasticsearch-style index lives: {@code rocketcamel.demo.search.url}, or the local stub the demo runs
 * when none is configured.
 */
@Component
public class SearchIndex {

    private final String baseUrl;

    public SearchIndex(@Value("${rocketcamel.demo.search.url:}") String configured, ObjectProvider<LocalHttpStubs> stubs) {
        this.baseUrl = configured.isBlank() ? stubs.getObject().baseUrl() : configured.replaceAll("/+$", "");
    }

    public String documentUrl(String pk) {
        return baseUrl + "/products/_doc/" + pk;
    }
}
