package dev.greeter.conformance.checks;

import dev.greeter.conformance.lab.Lab;
import dev.greeter.conformance.probe.ProbeReply.ExchangeResult;
import dev.greeter.conformance.probe.ProbeRequest.ClientAction;
import dev.greeter.conformance.run.Finding;
import dev.greeter.conformance.run.Results;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A misbehaving client, then a well-behaved one that must be served; a crashed server is replaced for the next rule. */
public final class RobustnessChecks extends ServerChecks {

    /** Misbehaving clients in a row, so a fault that needs a few of them shows too. */
    static final int ROUNDS = 3;
    static final byte[] CHATTER = "HELLO SERVER\r\nI talk first.\r\n".getBytes(StandardCharsets.US_ASCII);

    public RobustnessChecks(Lab lab, Results results) {
        super(lab, results);
    }

    private Finding survives(ClientAction action, String misbehaviour) {
        if (!stage.running()) {
            stage.close();
            stage = listeningServer();
        }
        List<String> trace = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            ExchangeResult bad = stage.exchange(action, action == ClientAction.SEND_THEN_READ ? CHATTER : new byte[0], true);
            trace.add("misbehaving client " + (i + 1) + ":");
            trace.addAll(bad.trace());
        }
        ExchangeResult next = stage.serve();
        trace.add("next client:");
        trace.addAll(next.trace());
        return Finding.require(next.served(), "after " + ROUNDS + " clients that " + misbehaviour + ", the next client is served",
                "next client: " + Wire.describe(next) + (next.served() ? "" : "; " + stage.describe()), trace);
    }

    public Finding required_spec601_survivesAClientThatResets() {
        return survives(ClientAction.RESET_AT_ONCE, "reset (RST) at once");
    }

    public Finding required_spec602_survivesAClientThatClosesAtOnce() {
        return survives(ClientAction.CLOSE_AT_ONCE, "close (FIN) at once without reading");
    }

    public Finding required_spec603_survivesAClientThatSendsDataFirst() {
        return survives(ClientAction.SEND_THEN_READ, "send " + CHATTER.length + " bytes before reading");
    }
}
