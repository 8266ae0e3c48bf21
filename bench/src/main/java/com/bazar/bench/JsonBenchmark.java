package com.bazar.bench;

import com.bazar.bench.support.Books;
import com.bazar.common.api.Book;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JSON encoding with Dropwizard's ObjectMapper, as the catalog does for every answer it serves: one book
 * ({@code GET /books/1}) and the report's search result (the three books of "distributed systems").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonBenchmark {
    private ObjectMapper mapper;
    private Book book;
    private List<Book> searchResult;

    @Setup
    public void setUp() {
        mapper = Jackson.newObjectMapper();
        book = Books.all(mapper).get(0);
        searchResult = Books.ofTopic(mapper, "distributed systems");
    }

    @Benchmark
    public byte[] encodeBook() throws JsonProcessingException {
        return mapper.writeValueAsBytes(book);
    }

    @Benchmark
    public byte[] encodeSearchResult() throws JsonProcessingException {
        return mapper.writeValueAsBytes(searchResult);
    }
}
