package com.bazar.common.db;

import org.jdbi.v3.core.Jdbi;

/** One replica database: its name from YAML and a JDBI instance on it. */
public record ReplicaDatabase(String name, Jdbi jdbi) {
}
