package com.bazar.frontend.core;

/** Header names of the front end's API that the common module does not define. */
public final class Headers {
    /** {@code hit} or {@code miss} on search and info. */
    public static final String CACHE = "X-Bazar-Cache";

    private Headers() {
    }
}
