/**
 * What the tests of every module share, so no module keeps its own copy: unique topic and group names
 * ({@link io.rocketcamel.testsupport.TestNames}), the timeouts a loaded 2-core machine needs
 * ({@link io.rocketcamel.testsupport.Patience}), official-client producers and consumers closed together
 * ({@link io.rocketcamel.testsupport.TestClients}), closing slow things in the background
 * ({@link io.rocketcamel.testsupport.BackgroundClose}) and the component's catalog
 * ({@link io.rocketcamel.testsupport.ComponentCatalog}). Test scope only.
 */
package io.rocketcamel.testsupport;
