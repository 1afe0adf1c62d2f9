package dev.greeter.conformance.checks;

import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.lab.Stage;
import dev.greeter.conformance.run.AreaChecks;
import dev.greeter.conformance.run.Results;
import java.util.List;
import java.util.Optional;

/**
 * Server areas, whatever the transport: a server that broke off during a rule (exited, stopped listening,
 * restarted) fails that rule with the account, and the next rule gets a fresh one.
 */
abstract class StagedChecks<S extends Stage> extends AreaChecks {

    protected S stage;

    StagedChecks(Lab lab, Results results) {
        super(lab, results);
    }

    @Override
    public Optional<Interruption> interruption() {
        if (stage == null) {
            return Optional.empty();
        }
        Optional<Interruption> broke = stage.brokeOff().map(what -> new Interruption(what, List.of("after the rule: " + what)));
        if (broke.isPresent()) {
            closeStage();
        }
        return broke;
    }

    protected void closeStage() {
        if (stage != null) {
            stage.close();
            stage = null;
        }
    }

    @Override
    public void close() {
        closeStage();
    }
}
