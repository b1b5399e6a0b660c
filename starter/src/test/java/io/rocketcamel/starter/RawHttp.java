package io.rocketcamel.starter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request written by hand to the loopback port, so a test can send what a browser sends and the JDK's
 * clients refuse to (a {@code Host} of another name, an {@code Origin}).
 */
final class RawHttp {

    record Response(int status, String body) {
    }

    private RawHttp() {
    }

    static Response send(int port, String method, String path, Map<String, String> headers, String body)
            throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            byte[] answer = socket.getInputStream().readAllBytes();
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            int headersEnd = text.indexOf("\r\n\r\n") + 4;
            String head = text.substring(0, headersEnd).toLowerCase(Locale.ROOT);
            int status = Integer.parseInt(head.substring(head.indexOf(' ') + 1, head.indexOf(' ') + 4));
            byte[] payload = head.contains("transfer-encoding: chunked") ? unchunked(answer, headersEnd)
                    : Arrays.copyOfRange(answer, headersEnd, answer.length);
            return new Response(status, new String(payload, StandardCharsets.UTF_8));
        }
    }

    /** A chunked body without its size lines: each chunk is a hex size line, that many bytes and CRLF, 0 ends. */
    private static byte[] unchunked(byte[] answer, int from) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        for (int at = from, lineEnd; (lineEnd = text.indexOf("\r\n", at)) > at; ) {
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
            body.write(answer, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }
}
