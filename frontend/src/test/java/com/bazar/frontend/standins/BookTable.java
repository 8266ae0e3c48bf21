package com.bazar.frontend.standins;

import com.bazar.common.api.Book;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** The seven books of the report, in memory, shared by the catalog stand-ins as the real replicas share data. */
public final class BookTable {
    public static final String DISTRIBUTED_SYSTEMS = "distributed systems";
    public static final String UNDERGRADUATE_SCHOOL = "undergraduate school";

    private final Map<Long, Book> books = new ConcurrentHashMap<>();

    public BookTable() {
        add(1, "How to get a good grade in DOS in 40 minutes a day", DISTRIBUTED_SYSTEMS);
        add(2, "RPCs for Noobs", DISTRIBUTED_SYSTEMS);
        add(3, "Xen and the Art of Surviving Undergraduate School", UNDERGRADUATE_SCHOOL);
        add(4, "Cooking for the Impatient Undergrad", UNDERGRADUATE_SCHOOL);
        add(5, "How to finish Project 3 on time", DISTRIBUTED_SYSTEMS);
        add(6, "Why theory classes are so hard.", UNDERGRADUATE_SCHOOL);
        add(7, "Spring in the Pioneer Valley", UNDERGRADUATE_SCHOOL);
    }

    private void add(long id, String title, String topic) {
        books.put(id, new Book(id, title, topic, new BigDecimal("40.00"), 10, 1));
    }

    public Optional<Book> get(long id) {
        return Optional.ofNullable(books.get(id));
    }

    /** Matches topics regardless of case, as a catalog may: the front end must cope with that. */
    public List<Book> byTopic(String topic) {
        return books.values().stream().filter(b -> b.topic().equalsIgnoreCase(topic))
                .sorted(Comparator.comparingLong(Book::id)).toList();
    }

    public List<Book> all() {
        return books.values().stream().sorted(Comparator.comparingLong(Book::id)).toList();
    }

    /** Applies a change and returns the new row; the change decides the version, as the catalog would. */
    public Book change(long id, UnaryOperator<Book> change) {
        return books.computeIfPresent(id, (key, book) -> change.apply(book));
    }

    /** A write as the catalog does one: new stock and price, version one higher. */
    public Book write(long id, int stock, BigDecimal price) {
        return change(id, b -> new Book(b.id(), b.title(), b.topic(), price, stock, b.version() + 1));
    }
}
