package com.bazar.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay on 127.0.0.1 placed on one link between two of the store's processes, so that a test can fail
 * that link and nothing else. It can
 * <ul>
 *   <li>{@linkplain #cut() cut} the link: open connections are closed and new ones are closed as soon as they
 *       are accepted, as if the target had become unreachable, while the target itself keeps running;</li>
 *   <li>{@linkplain #hold() hold} the target's answers: requests still reach the target, but what it sends back
 *       waits in the relay until {@link #release()}, which makes a slow answer happen exactly when a test wants.</li>
 * </ul>
 * Plain bytes both ways otherwise; one pair of threads per connection, all daemons, all stopped by {@link #close()}.
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Object gate = new Object();
    private volatile boolean cut;
    /** Guarded by {@link #gate}: answers are held while true. */
    private boolean holding;
    /** Guarded by {@link #gate}: connections whose answer waits in the relay now. */
    private int held;

    TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** From now on the target is unreachable through this relay: every connection is closed. */
    void cut() {
        cut = true;
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    /** Connections are relayed again. */
    void restore() {
        cut = false;
    }

    void hold() {
        synchronized (gate) {
            holding = true;
        }
    }

    /** Waits until at least {@code answers} connections have an answer held in the relay. */
    boolean awaitHeld(int answers, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (gate) {
            while (held < answers) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                gate.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** How many connections have an answer held in the relay now. */
    int held() {
        synchronized (gate) {
            return held;
        }
    }

    /** Lets every held answer go on to its client. */
    void release() {
        synchronized (gate) {
            holding = false;
            gate.notifyAll();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            Socket target = new Socket();
            try {
                target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
            } catch (IOException unreachable) {
                closeQuietly(client);
                closeQuietly(target);
                continue;
            }
            sockets.add(client);
            sockets.add(target);
            threads.execute(() -> pump(client, target, false));
            threads.execute(() -> pump(target, client, true));
        }
    }

    private void pump(Socket from, Socket to, boolean answers) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (answers) {
                    waitWhileHeld();
                }
                if (cut) {
                    break;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // One side closed the connection (or cut() did): close the other side too.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void waitWhileHeld() throws InterruptedException {
        synchronized (gate) {
            if (!holding) {
                return;
            }
            held++;
            gate.notifyAll();
            try {
                while (holding) {
                    gate.wait();
                }
            } finally {
                held--;
            }
        }
    }

    @Override
    public void close() {
        release();
        closeQuietly(server);
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        threads.shutdownNow();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception alreadyClosed) {
            // Closing is all that is wanted here; a socket that is already closed is fine.
        }
    }
}
