package com.bazar.common.fault;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Halt#JVM}: one log line, then Runtime.halt. Dropwizard's appenders are asynchronous, so logging is
 * stopped first (which drains their queues): the line that says why the process vanished is in its log.
 */
final class JvmHalt implements Halt {
    private static final Logger LOG = LoggerFactory.getLogger(JvmHalt.class);

    @Override
    public void now(String why) {
        LOG.error("FAULT INJECTION: halting the JVM now, as kill -9 would (exit status {}): {}", EXIT_STATUS, why);
        ILoggerFactory logging = LoggerFactory.getILoggerFactory();
        if (logging instanceof LoggerContext context) {
            context.stop();
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(EXIT_STATUS);
    }
}
