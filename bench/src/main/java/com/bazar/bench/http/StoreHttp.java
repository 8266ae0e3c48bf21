package com.bazar.bench.http;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The benchmarks' HTTP client: Apache HttpClient 5 (classic, blocking) with a keep-alive connection pool, one
 * connection per benchmark thread, nothing between the caller and the socket (no retries, redirects, cookies or
 * compression). Every answer is read to its end, as a browser or the report's client would.
 */
public final class StoreHttp implements Closeable {
    private static final String REPLICA = "X-Bazar-Replica";
    private static final String CACHE = "X-Bazar-Cache";

    private final CloseableHttpClient http;

    public StoreHttp(int connections) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(5))
                        .setSocketTimeout(Timeout.ofSeconds(60))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofSeconds(30)).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .build();
    }

    /** What came back: status, which process answered (X-Bazar-Replica), hit or miss (X-Bazar-Cache), body. */
    public record Answer(int status, String replica, String cache, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            String text = text();
            return "HTTP " + status + " from " + replica + (cache == null ? "" : " (cache " + cache + ")") + ": "
                    + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
    }

    public Answer get(URI uri) throws IOException {
        return send(ClassicRequestBuilder.get(uri), null, Map.of());
    }

    public Answer post(URI uri, byte[] json, Map<String, String> headers) throws IOException {
        return send(ClassicRequestBuilder.post(uri), json, headers);
    }

    public Answer patch(URI uri, byte[] json, Map<String, String> headers) throws IOException {
        return send(ClassicRequestBuilder.patch(uri), json, headers);
    }

    private Answer send(ClassicRequestBuilder request, byte[] json, Map<String, String> headers) throws IOException {
        headers.forEach(request::addHeader);
        if (json != null) {
            request.setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON));
        }
        return http.execute(request.build(), StoreHttp::answer);
    }

    private static Answer answer(ClassicHttpResponse response) throws IOException {
        byte[] body = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
        return new Answer(response.getCode(), header(response, REPLICA), header(response, CACHE), body);
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
