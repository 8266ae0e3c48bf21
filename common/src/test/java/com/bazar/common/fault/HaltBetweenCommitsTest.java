package com.bazar.common.fault;

import com.bazar.common.db.ReplicaDatabase;
import com.bazar.common.db.ReplicatedDatabases;
import com.bazar.common.db.ReplicatedDatabasesFactory;
import com.bazar.common.db.SqliteTestDatabases;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fault switch on two real SQLite databases, with a halt that throws instead of ending the JVM. */
class HaltBetweenCommitsTest {
    private static final List<String> NAMES = List.of("db-1", "db-2");

    @TempDir
    Path dir;

    private ReplicatedDatabasesFactory.Opened opened;
    private final List<String> halts = new ArrayList<>();

    @BeforeEach
    void open() {
        opened = SqliteTestDatabases.open(dir, "db-2", NAMES);
        opened.databases().withAllLocked(handles -> {
            handles.forEach(h -> h.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"));
            return null;
        });
    }

    @AfterEach
    void close() throws Exception {
        opened.close();
    }

    @Test
    void theNthWriteAfterArmingStopsBetweenItsFirstCommitAndTheOthers() {
        HaltBetweenCommits halt = new HaltBetweenCommits(2, this::halt);
        ReplicatedDatabases databases = withListener(halt);
        note(databases, "before arming: not counted");
        halt.arm();
        note(databases, "write 1");

        assertThatThrownBy(() -> note(databases, "write 2")).isInstanceOf(Halted.class);

        assertThat(halts).singleElement().asString()
                .contains("replicated write 2 since start-up has committed on db-1 only");
        assertThat(notes(databases.all().get(0))).containsExactly("before arming: not counted", "write 1", "write 2");
        assertThat(notes(databases.all().get(1))).containsExactly("before arming: not counted", "write 1");
    }

    @Test
    void zeroNeverHalts() {
        HaltBetweenCommits halt = new HaltBetweenCommits(0, this::halt);
        halt.arm();
        ReplicatedDatabases databases = withListener(halt);
        for (int i = 0; i < 3; i++) {
            note(databases, "write " + i);
        }
        assertThat(halt.enabled()).isFalse();
        assertThat(halts).isEmpty();
        assertThat(notes(databases.all().get(1))).hasSize(3);
    }

    @Test
    void theSwitchIsOffByDefaultAndListedWhenOn() {
        FaultInjectionFactory factory = new FaultInjectionFactory();
        assertThat(factory.switchesOn()).isEmpty();
        assertThat(factory.haltBetweenCommits(this::halt).enabled()).isFalse();
        factory.setHaltBetweenCommitsOfWrite(3);
        assertThat(factory.switchesOn()).containsExactly("haltBetweenCommitsOfWrite=3");
    }

    private void halt(String why) {
        halts.add(why);
        throw new Halted(why);
    }

    private ReplicatedDatabases withListener(HaltBetweenCommits halt) {
        return new ReplicatedDatabases(opened.databases().all(), "db-2", halt);
    }

    private static void note(ReplicatedDatabases databases, String text) {
        databases.withAllLocked(handles -> {
            for (Handle handle : handles) {
                handle.createUpdate("INSERT INTO notes (text) VALUES (:text)").bind("text", text).execute();
            }
            return null;
        });
    }

    private static List<String> notes(ReplicaDatabase db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT text FROM notes ORDER BY id").mapTo(String.class).list());
    }

    private static final class Halted extends RuntimeException {
        Halted(String why) {
            super(why);
        }
    }
}
