package com.bazar.common.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AsyncAppenderBase;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.async.AsyncLoggingEventAppenderFactory;
import io.dropwizard.logging.common.filter.ThresholdLevelFilterFactory;
import io.dropwizard.logging.common.layout.DropwizardLayoutFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DirectConsoleAppenderFactoryTest {
    @Test
    void yamlTypeDirectConsoleWritesEachLineBeforeAppendReturns() throws Exception {
        // As a config file names it: found by type name among Dropwizard's own appender types.
        @SuppressWarnings("unchecked")
        AppenderFactory<ILoggingEvent> factory = Jackson.newObjectMapper().readValue(
                "{\"type\": \"direct-console\", \"logFormat\": \"%level %message%n\"}", AppenderFactory.class);
        assertThat(factory).isInstanceOf(DirectConsoleAppenderFactory.class);

        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Appender<ILoggingEvent> appender = factory.build(context, "test", new DropwizardLayoutFactory(),
                    new ThresholdLevelFilterFactory(), new AsyncLoggingEventAppenderFactory());
            assertThat(appender).isNotInstanceOf(AsyncAppenderBase.class);

            LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger("requests"), Level.INFO,
                    "GET /books/1 200", null, null);
            appender.doAppend(event);
            // No logging thread in between: the line is out by the time doAppend returns.
            assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo("INFO GET /books/1 200" + System.lineSeparator());
            appender.stop();
        } finally {
            System.setOut(stdout);
            context.stop();
        }
    }
}
