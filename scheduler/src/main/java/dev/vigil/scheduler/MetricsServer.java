package dev.vigil.scheduler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The daemon's HTTP endpoints on the JDK's own server: {@code GET /health} (JSON: {@code status} UP and each
 * scheduler's status) and {@code GET /metrics} (Prometheus' text format, {@link Metrics#prometheus}). Close it to
 * stop listening.
 */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Listens on {@code host:port} (port 0: any free port, see {@link #port()}).
     *
     * @throws VigilException {@link ErrorCode#IO_FAILURE} when the port cannot be bound
     */
    public static MetricsServer start(String host, int port, Metrics metrics, Supplier<Map<String, Object>> health) {
        HttpServer s;
        try {
            s = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + " (give another --port)", e);
        }
        s.createContext("/health", x -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", "UP");
            m.put("schedulers", health.get());
            reply(x, 200, "application/json", Json.write(m));
        });
        s.createContext("/metrics", x -> reply(x, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.prometheus()));
        s.createContext("/", x -> reply(x, 404, "text/plain; charset=utf-8", "Not found: try /health or /metrics\n"));
        s.start();
        return new MetricsServer(s);
    }

    private static void reply(HttpExchange x, int code, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(code, b.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(b);
        }
    }

    /** The port listened on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
