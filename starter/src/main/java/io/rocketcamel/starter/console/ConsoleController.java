package io.rocketcamel.starter.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;

/**
 * The console under {@code rocketcamel.console.path}: the page and its script and style from this jar, and the JSON
 * they read under {@code api/}. Every GET only reads; the one POST re-sends dead letters. The same controller serves on
 * a servlet and on a reactive web server: it uses only Spring's common web annotations, and answers what needs the
 * brokers with a future ({@link ConsoleCalls}).
 */
@RestController
@RequestMapping("${" + ConsoleProperties.PREFIX + ".path:/rocketcamel}")
class ConsoleController {

    private static final String RESOURCES = "io/rocketcamel/starter/console/";

    private final Console console;
    private final ConsoleCalls calls;
    private final RequestOrigin requestOrigin;
    /** The last segment of the path and a slash: relative to the path itself, the path with a slash. */
    private final URI withSlash;

    ConsoleController(Console console, ConsoleCalls calls, ConsoleProperties properties) {
        this.console = console;
        this.calls = calls;
        this.requestOrigin = new RequestOrigin(properties.getAllowedHosts());
        this.withSlash = URI.create(properties.getPath().substring(properties.getPath().lastIndexOf('/') + 1) + "/");
    }

    /** Runs before every request of this controller, on a servlet and on a reactive server alike. */
    @ModelAttribute
    void answerOnlyTheConsolesOwnCallers(@RequestHeader(name = HttpHeaders.HOST, required = false) String host,
            @RequestHeader(name = HttpHeaders.ORIGIN, required = false) String origin, HttpMethod method) {
        boolean write = !HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method);
        String refusal = requestOrigin.refusal(host, origin, write);
        if (refusal != null) {
            throw new RefusedRequestException(refusal);
        }
    }

    static final class RefusedRequestException extends RuntimeException {

        RefusedRequestException(String message) {
            super(message);
        }
    }

    /** The page's links are relative: served at the path without its slash, it would load them from one level up. */
    @GetMapping("")
    ResponseEntity<Void> toPage() {
        return ResponseEntity.status(HttpStatus.FOUND).location(withSlash).build();
    }

    @GetMapping("/")
    ResponseEntity<String> page() throws IOException {
        return resource("index.html", MediaType.TEXT_HTML);
    }

    @GetMapping("/console.js")
    ResponseEntity<String> script() throws IOException {
        return resource("console.js", MediaType.valueOf("text/javascript"));
    }

    @GetMapping("/console.css")
    ResponseEntity<String> style() throws IOException {
        return resource("console.css", MediaType.valueOf("text/css"));
    }

    @GetMapping("/api/overview")
    CompletableFuture<Map<String, Object>> overview() {
        return calls.call(console::overview);
    }

    @GetMapping("/api/groups")
    CompletableFuture<Map<String, Object>> groups() {
        return calls.call(console::groups);
    }

    @GetMapping("/api/groups/{group}/dead-letters")
    CompletableFuture<DeadLetters.Page> deadLetters(@PathVariable String group) {
        return calls.call(() -> console.deadLetters(group));
    }

    /**
     * Body {@code {"messageIds": [...]}} re-sends those dead letters (by the offset ids the list shows), {@code {"all":
     * true}} every one listed that no console has re-sent yet.
     */
    @PostMapping("/api/groups/{group}/dead-letters/resend")
    CompletableFuture<DeadLetters.Outcome> resend(@PathVariable String group, @RequestBody ResendRequest request) {
        boolean all = Boolean.TRUE.equals(request.all());
        List<String> ids = request.messageIds() == null ? List.of() : request.messageIds();
        if (all == !ids.isEmpty()) {
            throw new IllegalArgumentException("Name the dead letters to re-send in messageIds, or send all=true (not both)");
        }
        return calls.call(() -> console.resend(group, new LinkedHashSet<>(ids)));
    }

    record ResendRequest(List<String> messageIds, Boolean all) {
    }

    @GetMapping("/api/messages")
    CompletableFuture<Map<String, Object>> lookup(@RequestParam(required = false) String key,
            @RequestParam(required = false) String id, @RequestParam(required = false) String topic) {
        String givenKey = blankToNull(key);
        String givenId = blankToNull(id);
        if ((givenKey == null) == (givenId == null)) {
            throw new IllegalArgumentException("Look messages up by key=... or by id=... (one of them)");
        }
        return calls.call(() -> console.lookup(givenKey, givenId, blankToNull(topic)));
    }

    @GetMapping("/api/transactions")
    CompletableFuture<Map<String, Object>> transactions() {
        return calls.call(console::transactions);
    }

    @GetMapping("/api/broker")
    CompletableFuture<Map<String, Object>> broker() {
        return calls.call(console::broker);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(RefusedRequestException.class)
    ResponseEntity<Map<String, String>> refused(RefusedRequestException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler({Console.UnknownGroupException.class, Console.UnknownTopicException.class})
    ResponseEntity<Map<String, String>> unknownGroup(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }

    /**
     * The brokers or name servers failed to answer: the console says so rather than a servlet error page. A request
     * Spring could not read or map (its body, its content type, a parameter) is the caller's error, with its own status.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> brokerError(Exception e) {
        HttpStatusCode status = e instanceof ErrorResponse response ? response.getStatusCode()
                : e instanceof HttpMessageNotReadableException || e instanceof TypeMismatchException ? HttpStatus.BAD_REQUEST
                : HttpStatus.BAD_GATEWAY;
        // the server gave up waiting, not the work, which goes on: a re-send may still complete
        String error = e instanceof AsyncRequestTimeoutException
                ? "The brokers did not answer in time for this request; what it asked for may still complete (reload"
                  + " before trying a re-send again)"
                // Spring's text names the controller's Java method
                : e instanceof HttpMessageNotReadableException
                        ? "The request's body is missing or is not JSON this call reads: a re-send takes"
                          + " {\"messageIds\": [...]} or {\"all\": true}"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return ResponseEntity.status(status).body(Map.of("error", error));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static ResponseEntity<String> resource(String name, MediaType type) throws IOException {
        try (InputStream in = new ClassPathResource(RESOURCES + name).getInputStream()) {
            return ResponseEntity.ok().contentType(new MediaType(type, StandardCharsets.UTF_8))
                    .cacheControl(CacheControl.noCache()).body(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
