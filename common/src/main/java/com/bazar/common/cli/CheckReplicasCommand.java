package com.bazar.common.cli;

import com.bazar.common.db.ReplicaComparison;
import com.bazar.common.db.ReplicatedDatabasesFactory;
import com.bazar.common.web.BazarConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;

import java.util.Map;
import java.util.function.Function;

/**
 * {@code check-replicas <config.yml>}: prints, per table, whether every replica database holds the same rows
 * as the first, and exits 0 only when all do.
 */
public final class CheckReplicasCommand<T extends BazarConfiguration> extends ConfiguredCommand<T> {
    private final Class<T> configurationClass;
    private final Function<T, ReplicatedDatabasesFactory> databases;
    private final Map<String, String> orderedQueries;

    public CheckReplicasCommand(Class<T> configurationClass, Function<T, ReplicatedDatabasesFactory> databases,
                                Map<String, String> orderedQueries) {
        super("check-replicas", "Reports whether all replica databases are identical (exit 0 only when they are)");
        this.configurationClass = configurationClass;
        this.databases = databases;
        this.orderedQueries = orderedQueries;
    }

    @Override
    protected Class<T> getConfigurationClass() {
        return configurationClass;
    }

    @Override
    protected void run(Bootstrap<T> bootstrap, Namespace namespace, T configuration) throws Exception {
        try (ReplicatedDatabasesFactory.Opened opened = databases.apply(configuration).open(bootstrap.getMetricRegistry())) {
            ReplicaComparison.Report report = new ReplicaComparison(opened.databases(), orderedQueries).compare();
            report.lines().forEach(System.out::println);
            if (!report.identical()) {
                throw new ReplicasDifferException();
            }
            System.out.println("all replica databases are identical");
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof ReplicasDifferException) {
            cli.getStdErr().println("replica databases differ");
        } else {
            super.onError(cli, namespace, e);
        }
    }

    private static final class ReplicasDifferException extends Exception {
        ReplicasDifferException() {
            super("replica databases differ");
        }
    }
}
