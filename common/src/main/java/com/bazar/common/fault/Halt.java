package com.bazar.common.fault;

/**
 * What a fault-injection switch does when it fires. The applications pass {@link #JVM}; unit tests pass a
 * recorder, since halting would end the test run.
 */
@FunctionalInterface
public interface Halt {
    /** The exit status of a halted process: the one a shell shows for a process killed with kill -9. */
    int EXIT_STATUS = 137;

    /** Ends this JVM at once with {@link #EXIT_STATUS}, like kill -9: no shutdown hooks, no clean-up, no answer sent. */
    Halt JVM = new JvmHalt();

    /** @param why what was (and was not) done at this point, for the log line written just before */
    void now(String why);
}
