package io.rocketcamel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rocketcamel.examples.cdc.CdcDemo;
import io.rocketcamel.examples.cdc.ProductRepository;
import io.rocketcamel.examples.demo.DemoConsole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CdcSyncIT extends ExamplesITSupport {

    @Autowired
    CdcDemo demo;
    @Autowired
    ProductRepository products;

    @Test
    void cacheAndSearchIndexEndEqualToTheTable() {
        assertPassed(demo.run(new DemoConsole("cdc-sync"), 10_000, 50, 1000));
        assertThat(WireMockServices.documents().keySet())
                .containsAll(products.ids().stream().filter(id -> id >= 10_000).map(String::valueOf).toList());
    }
}
