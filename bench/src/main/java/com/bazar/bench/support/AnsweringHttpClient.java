package com.bazar.bench.support;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;

import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;

/**
 * An HTTP client that never touches the network: every request is answered in memory with one fixed status
 * and body. It lets a benchmark measure what {@code RoundRobinClient} itself does (the replica pick, building
 * the request, reading the answer) and lets the catalog's invalidation push run without a front end.
 */
public final class AnsweringHttpClient extends CloseableHttpClient {
    private final int status;
    private final byte[] body;
    private final LongAdder requests = new LongAdder();

    public AnsweringHttpClient(int status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    /** How many requests it has answered. */
    public long requests() {
        return requests.sum();
    }

    @Override
    public <T> T execute(HttpHost target, ClassicHttpRequest request, HttpContext context,
                         HttpClientResponseHandler<? extends T> handler) throws IOException {
        requests.increment();
        try (BasicClassicHttpResponse response = new BasicClassicHttpResponse(status)) {
            if (body.length > 0) {
                response.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
            }
            return handler.handleResponse(response);
        } catch (HttpException e) {
            throw new IOException(e);
        }
    }

    @Override
    protected CloseableHttpResponse doExecute(HttpHost target, ClassicHttpRequest request, HttpContext context) {
        throw new UnsupportedOperationException("only execute(request, handler) is answered in memory");
    }

    @Override
    public void close(CloseMode closeMode) {
        // Nothing to release.
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
