package com.bazar.bench.support;

import com.bazar.catalog.CatalogApplication;
import com.bazar.catalog.core.SeedBook;
import com.bazar.common.api.Book;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The catalog's own seed (the report's seven books) and schema, read from the catalog jar as the service does. */
public final class Books {
    private Books() {
    }

    public static List<SeedBook> seed(ObjectMapper mapper) {
        try {
            return mapper.readValue(resource("/seed/books.json"), new TypeReference<List<SeedBook>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Book> all(ObjectMapper mapper) {
        return seed(mapper).stream().map(SeedBook::toBook).toList();
    }

    public static List<Book> ofTopic(ObjectMapper mapper, String topic) {
        return all(mapper).stream().filter(b -> b.topic().equals(topic)).toList();
    }

    public static String schema() {
        return new String(resource("/db/catalog-schema.sql"), StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) {
        try (InputStream in = CatalogApplication.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not in the catalog jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
