package com.bazar.common.fault;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code faultInjection:} in a service's YAML: switches that crash the process at a chosen point, for crash
 * tests and demos only. Everything is off by default; a process with a switch on says so in its log at start.
 */
public class FaultInjectionFactory {
    /** N &gt; 0: halt during the Nth replicated write after start-up, between its first commit and the others. */
    @Min(0)
    private int haltBetweenCommitsOfWrite;

    @JsonProperty
    public int getHaltBetweenCommitsOfWrite() {
        return haltBetweenCommitsOfWrite;
    }

    @JsonProperty
    public void setHaltBetweenCommitsOfWrite(int haltBetweenCommitsOfWrite) {
        this.haltBetweenCommitsOfWrite = haltBetweenCommitsOfWrite;
    }

    /** The commit listener for {@link com.bazar.common.db.ReplicatedDatabasesFactory#build}; arm it once start-up is done. */
    public HaltBetweenCommits haltBetweenCommits(Halt halt) {
        return new HaltBetweenCommits(haltBetweenCommitsOfWrite, halt);
    }

    /** The switches that are on, as {@code name=value}, for the start-up warning; empty when all are off. */
    public List<String> switchesOn() {
        List<String> on = new ArrayList<>();
        if (haltBetweenCommitsOfWrite > 0) {
            on.add("haltBetweenCommitsOfWrite=" + haltBetweenCommitsOfWrite);
        }
        return on;
    }
}
