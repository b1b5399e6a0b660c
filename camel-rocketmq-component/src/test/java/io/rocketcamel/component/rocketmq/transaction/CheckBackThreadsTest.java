package io.rocketcamel.component.rocketmq.transaction;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Check-backs as the client hands them over: the request through the hook, then its work on the same thread. */
class CheckBackThreadsTest {

    private static final RPCHook NO_HOOK = new RPCHook() {
        @Override
        public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
        }

        @Override
        public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
        }
    };

    private final List<String> answered = new CopyOnWriteArrayList<>();
    /** Transactions that ended here a moment ago. */
    private final Set<String> endedHere = ConcurrentHashMap.newKeySet();
    private final CountDownLatch release = new CountDownLatch(1);
    private CamelContext context;
    private CheckBackThreads threads;
    private RPCHook hook;

    @BeforeEach
    void startContext() {
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        context.stop();
    }

    /** The broker asked again about a waiting transaction: the newest copy is answered, once, in the first's place. */
    @Test
    void aWaitingTransactionIsAnsweredOnceAboutTheBrokersNewestCopy() throws Exception {
        start(Long.MAX_VALUE);
        arrive("tx-1", 100, "tx-1 first copy");
        arrive("tx-2", 100, "tx-2 first copy");
        arrive("tx-1", 100, "tx-1 second copy");
        assertThat(threads.waiting()).isEqualTo(2);
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(answered).hasSize(3));
        assertThat(answered).containsExactly("busy", "tx-1 second copy", "tx-2 first copy");
        assertThat(threads.waiting()).isZero();
        // asked again once its answer is under way: a check-back of its own
        arrive("tx-1", 100, "tx-1 third copy");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(answered).hasSize(4));
        assertThat(answered).endsWith("tx-1 third copy");
    }

    /**
     * Beyond the bytes that may wait a check-back is dropped, as the client's full queue drops one; a newer copy of a
     * waiting transaction takes its size, and what the threads take frees room.
     */
    @Test
    void aCheckBackBeyondTheWaitingBytesIsDropped() throws Exception {
        // room for two waiting, their half messages 1,000 bytes together
        start(2L * CheckBackThreads.DECODED_BYTES + 1_000);
        arrive("tx-a", 600, "tx-a 600 B");
        arrive("tx-b", 600, "tx-b dropped");
        arrive("tx-a", 300, "tx-a 300 B");
        arrive("tx-c", 700, "tx-c 700 B");
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(answered).hasSize(3));
        assertThat(answered).containsExactly("busy", "tx-a 300 B", "tx-c 700 B");
        assertThat(threads.dropped()).isEqualTo(1);
        arrive("tx-b", 600, "tx-b asked again");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(answered).hasSize(4));
        assertThat(answered).endsWith("tx-b asked again");
    }

    /**
     * Check-backs whose arrival the hook did not see wait each on its own, charged as a small half message: here
     * room for two.
     */
    @Test
    void checkBacksWhoseArrivalWasNotSeenWaitEachOnItsOwnWithinTheBytes() throws Exception {
        start(2L * CheckBackThreads.DECODED_BYTES);
        for (int i = 0; i < 3; i++) {
            String answer = "unseen-" + i;
            threads.submit(() -> answered.add(answer));
        }
        assertThat(threads.waiting()).isEqualTo(2);
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(answered).hasSize(3));
        assertThat(answered).containsExactly("busy", "unseen-0", "unseen-1");
        assertThat(threads.dropped()).isEqualTo(1);
    }

    /**
     * A transaction that ended here a moment before its check-back arrived is answered as such however long the
     * check-back waited: its outcome crossed the broker's check; also when a newer copy's check-back replaced it.
     */
    @Test
    void aCheckBackIsAnsweredAsItsTransactionStoodWhenItArrived() throws Exception {
        start(Long.MAX_VALUE);
        endedHere.add("tx-ended");
        arrive("tx-ended", 100, "tx-ended");
        arrive("tx-open", 100, "tx-open");
        // the moment passes while they wait; the broker asks again about a new copy of the first
        endedHere.clear();
        arrive("tx-ended", 100, "tx-ended newer copy");
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(answered).hasSize(3));
        assertThat(answered).containsExactly("busy", "tx-ended newer copy, ended when asked", "tx-open");
    }

    /** One check thread, held by a first check-back until the test releases it. */
    private void start(long waitingBytesMax) throws Exception {
        threads = CheckBackThreads.of(context, this, 1, "g", waitingBytesMax, endedHere::contains,
                shutDown -> { });
        hook = threads.readingTransactions(NO_HOOK);
        CountDownLatch busy = new CountDownLatch(1);
        threads.submit(() -> {
            busy.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answered.add("busy");
        });
        assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private void arrive(String transaction, int bytes, String answer) {
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.CHECK_TRANSACTION_STATE, null);
        request.addExtField("transactionId", transaction);
        request.setBody(new byte[bytes]);
        hook.doBeforeRequest("127.0.0.1:10911", request);
        threads.submit(() -> answered.add(answer + (CheckBackThreads.endedWhenAsked() ? ", ended when asked" : "")));
        hook.doAfterResponse("127.0.0.1:10911", request, null);
    }
}
