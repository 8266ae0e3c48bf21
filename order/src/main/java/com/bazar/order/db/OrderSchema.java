package com.bazar.order.db;

import com.bazar.common.db.ReplicatedDatabases;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Creates the orders table on every order database that lacks it (schema.sql is idempotent). */
public final class OrderSchema {
    private static final String RESOURCE = "schema.sql";

    private OrderSchema() {
    }

    public static void createOn(ReplicatedDatabases databases) {
        String script = read();
        databases.withAllLocked(handles -> {
            handles.forEach(handle -> handle.createScript(script).execute());
            return null;
        });
    }

    private static String read() {
        try (InputStream in = OrderSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath next to " + OrderSchema.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
