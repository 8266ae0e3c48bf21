package com.bazar.catalog.resources;

import com.bazar.catalog.core.Catalog;
import com.bazar.common.api.Book;
import com.bazar.common.web.BeforeJersey;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * Answers {@code GET /books/{id}} for a book that is there before Jersey (see {@link BeforeJersey} for which
 * requests and why): the front end's every info miss is one, and Jersey took more of it than the database
 * (p50 0.150 → 0.083 ms). The JSON is written by the same object mapper Jersey uses. Everything else goes on to
 * {@link BookResource} unchanged: a book that is not there (404), a bad id (400), other forms of the request, and
 * a read that failed, which Jersey tries again and maps as always.
 */
public final class BookInfoFilter implements Filter {
    private static final String BOOKS = "/books/";

    private final Catalog catalog;
    private final ObjectMapper mapper;
    private final String replicaName;

    public BookInfoFilter(Catalog catalog, ObjectMapper mapper, String replicaName) {
        this.catalog = catalog;
        this.mapper = mapper;
        this.replicaName = replicaName;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<Book> book = Optional.empty();
        if (request instanceof HttpServletRequest http) {
            try {
                book = BeforeJersey.segmentAfter(http, BOOKS).flatMap(BeforeJersey::bookId).flatMap(catalog::find);
            } catch (RuntimeException e) {
                // Left to Jersey, which reads again and answers the failure as it answers any other.
            }
        }
        if (book.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        BeforeJersey.writeJson((HttpServletResponse) response, 200,
                mapper.writeValueAsBytes(book.get()), replicaName);
    }
}
