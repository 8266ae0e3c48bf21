package com.bazar.frontend.standins;

import io.dropwizard.testing.junit5.DropwizardClientExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * Starts the stand-in servers before the front end and stops them after it (registered with a lower
 * {@code @Order} than the front end's extension, whose YAML needs their addresses). Also holds an address
 * where a stopped replica would be: a loopback port that is bound, so no server started later can take it,
 * but not listening, so every connection to it is refused.
 */
public final class StandInServers implements BeforeAllCallback, AfterAllCallback {
    private final List<DropwizardClientExtension> servers;
    private final Socket stoppedReplica = new Socket();

    public StandInServers(DropwizardClientExtension... servers) {
        this.servers = List.of(servers);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        stoppedReplica.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        for (DropwizardClientExtension server : servers) {
            try {
                server.before();
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("a stand-in server did not start", t);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        servers.forEach(DropwizardClientExtension::after);
        stoppedReplica.close();
    }

    /** The base URL of a replica that is down: connections are refused at once. */
    public String stoppedReplicaUrl() {
        return "http://127.0.0.1:" + stoppedReplica.getLocalPort();
    }
}
