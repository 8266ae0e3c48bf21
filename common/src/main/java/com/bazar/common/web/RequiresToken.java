package com.bazar.common.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a resource method that needs {@code Authorization: Bearer <token>} of the given kind. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresToken {
    Kind value();

    enum Kind {
        /** An operator's changes to the catalog (price, stock). */
        ADMIN,
        /** Calls between Bazar's own services (purchase decrement, invalidations). */
        INTERNAL
    }
}
