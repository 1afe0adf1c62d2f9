package dev.greeter.conformance.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which site a lab stands on, without an engine: a site's network is created only when a container joins it. */
class LabSitesTest {

    private static final Site.Key TCP = new Site.Key("greeter-base:25", 40674, Optional.empty(), true);
    private static final Site.Key UNIX = new Site.Key("greeter-base:25", 40674, Optional.of("/srv"), true);

    @Test
    void aSiteGivenBackGoesToTheNextLabOfItsKindOnly() {
        try (LabSites sites = LabSites.kept()) {
            Site first = sites.take(TCP);
            Site beside = sites.take(TCP);
            assertThat(beside).as("labs side by side never share a site").isNotSameAs(first);
            sites.giveBack(first);
            assertThat(sites.take(UNIX)).as("a Unix-domain run's holders share a socket directory: another kind").isNotSameAs(first);
            assertThat(sites.take(TCP)).as("the next TCP lab stands on the site the first left").isSameAs(first);
            assertThat(sites.idleSites()).isZero();
        }
    }

    @Test
    void aClosedKeeperOrOneThatKeepsNothingKeepsNoSite() {
        LabSites none = LabSites.none();
        assertThat(none.keeps()).isFalse();
        none.giveBack(none.take(TCP));
        assertThat(none.idleSites()).as("removed with its lab").isZero();

        LabSites kept = LabSites.kept();
        Site site = kept.take(TCP);
        kept.close();
        assertThat(kept.keeps()).as("closed").isFalse();
        kept.giveBack(site);
        assertThat(kept.idleSites()).as("a site left after the keeper closed is removed, not kept").isZero();
    }

    @Test
    void aSiteKeepsAtMostAFewHoldersAndHandsThemOutOnce() {
        Site site = new Site(TCP);
        assertThat(site.leave(new java.util.ArrayList<>(java.util.Collections.nCopies(Site.KEPT_HOLDERS + 2, (ProbeContainer) null)),
                Optional.empty())).as("the surplus, for the lab to remove").hasSize(2);
        assertThat(site.takeIdle()).hasSize(Site.KEPT_HOLDERS);
        assertThat(site.takeIdle()).as("taken once").isEmpty();
    }
}
