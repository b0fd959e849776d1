package io.horizon.salesforce.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class SalesforceIdsTest {

    @Test
    void addsTheCaseSafeSuffixTheSalesforceWay() {
        assertThat(SalesforceIds.to18("001A0000006Vm9r")).isEqualTo("001A0000006Vm9rIAC");
        assertThat(SalesforceIds.to18("003000000000001")).isEqualTo("003000000000001AAA");
    }

    @Test
    void normalisesA15CharacterIdAndKeepsAMatching18CharacterOne() {
        assertThat(SalesforceIds.normalise("001A0000006Vm9r")).isEqualTo("001A0000006Vm9rIAC");
        assertThat(SalesforceIds.normalise("001A0000006Vm9rIAC")).isEqualTo("001A0000006Vm9rIAC");
    }

    @Test
    void refusesALowerCasedOrBadlySuffixedId() {
        assertThat(SalesforceIds.normalise("001A0000006Vm9rIAC".toLowerCase(Locale.ROOT))).isNull();
        assertThat(SalesforceIds.normalise("001A0000006Vm9rAAA")).isNull();
        assertThat(SalesforceIds.normalise("001A0000006Vm9")).isNull();
        assertThat(SalesforceIds.normalise("001A0000006Vm9-")).isNull();
    }

    @Test
    void makesDistinctIdsWithTheKeyPrefix() {
        String first = SalesforceIds.make("006", 1);
        String later = SalesforceIds.make("006", 5000);

        assertThat(first).hasSize(18).startsWith("006").isNotEqualTo(later);
        assertThat(SalesforceIds.normalise(later)).isEqualTo(later);
    }
}
