package io.horizon.salesforce.emulator.soql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SoqlEngineTest {

    // 18-character ids; the last three characters are the case checksum of the first fifteen
    private static final String ADMIN = "005Ak00000UsrAdIAJ";
    private static final String APOLLO = "a01Ak00000Proj1IAB";
    private static final String ACME = "001Ak00000AcmE1IAJ";
    private static final String GLOBEX = "001Ak00000GlobxIAB";
    private static final String INITECH = "001Ak00000InityIAB";
    private static final String ODELL = "003Ak00000OdeLLIAZ";
    private static final String SMITH = "003Ak00000SmithIAB";
    private static final String LOPEZ = "003Ak00000LopezIAB";
    private static final String GONE = "003Ak00000GonezIAB";
    private static final String DEAL1 = "006Ak00000Deal1IAB";
    private static final String DEAL2 = "006Ak00000Deal2IAB";
    private static final String DEAL3 = "006Ak00000Deal3IAB";

    // a Wednesday: this week runs from Sunday 8 to Saturday 14 February
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-11T15:30:00Z"), ZoneOffset.UTC);

    private final SoqlEngine engine = new SoqlEngine(CLOCK);
    private final InMemoryOrg org = new InMemoryOrg();

    @BeforeEach
    void buildOrg() {
        org.define("User").field("Name", "string");
        org.define("Project__c").field("Name", "string");
        org.define("Account")
                .field("Name", "string")
                .field("Industry", "picklist")
                .field("AnnualRevenue", "currency")
                .field("NumberOfEmployees", "int")
                .field("Active__c", "boolean")
                .field("CreatedDate", "datetime")
                .reference("OwnerId", "Owner");
        org.define("Contact")
                .field("FirstName", "string")
                .field("LastName", "string")
                .field("Description", "textarea")
                .field("Birthdate", "date")
                .field("CreatedDate", "datetime")
                .reference("AccountId", "Account");
        org.define("Opportunity")
                .field("Name", "string")
                .field("StageName", "picklist")
                .field("Amount", "currency")
                .field("CloseDate", "date")
                .reference("AccountId", "Account")
                .reference("ContactId", "Contact")
                .reference("Project__c", "Project__r");
        org.define("Task")
                .field("Subject", "string")
                .reference("WhoId", "Who")
                .reference("WhatId", "What");

        org.insert("User", ADMIN, "Name", "Ada Admin");
        org.insert("Project__c", APOLLO, "Name", "Apollo");
        org.insert("Account", ACME, "Name", "Acme", "Industry", "Energy", "AnnualRevenue", 5000000,
                "NumberOfEmployees", 120, "Active__c", true, "CreatedDate", "2026-02-11T09:00:00.000+0000",
                "OwnerId", ADMIN);
        org.insert("Account", GLOBEX, "Name", "Globex", "Industry", "Retail", "AnnualRevenue", 750000.5,
                "NumberOfEmployees", 40, "Active__c", false, "CreatedDate", "2026-02-10T23:59:59.000+0000",
                "OwnerId", ADMIN);
        org.insert("Account", INITECH, "Name", "Initech", "Industry", null, "AnnualRevenue", null,
                "NumberOfEmployees", 8, "Active__c", true, "CreatedDate", "2026-01-20T12:00:00.000+0000",
                "OwnerId", null);
        org.insert("Contact", ODELL, "FirstName", "Pat", "LastName", "O'Dell", "AccountId", ACME,
                "Birthdate", "1990-05-01", "CreatedDate", "2026-02-09T08:00:00.000+0000");
        org.insert("Contact", SMITH, "FirstName", "Jo", "LastName", "Smith", "AccountId", GLOBEX,
                "Description", "Line one\nLine \"two\"\t\\end", "CreatedDate", "2026-02-03T10:00:00.000+0000");
        org.insert("Contact", LOPEZ, "LastName", "Lopez", "AccountId", null,
                "CreatedDate", "2026-02-16T10:00:00.000+0000");
        org.insert("Contact", GONE, "LastName", "Gone", "AccountId", ACME);
        org.delete(GONE);
        org.insert("Opportunity", DEAL1, "Name", "50%_off sale", "StageName", "Prospecting", "Amount", 1000,
                "CloseDate", "2026-02-11", "AccountId", ACME, "ContactId", ODELL, "Project__c", APOLLO);
        org.insert("Opportunity", DEAL2, "Name", "50x off", "StageName", "Closed Won", "Amount", 250.75,
                "CloseDate", "2026-01-15", "AccountId", GLOBEX, "ContactId", SMITH, "Project__c", null);
        org.insert("Opportunity", DEAL3, "Name", "Renewal", "StageName", "Negotiation", "Amount", null,
                "CloseDate", "2026-03-02", "AccountId", null, "ContactId", LOPEZ);
        org.insert("Task", "00TAk00000Task1MAB", "Subject", "Call", "WhoId", ODELL, "WhatId", ACME);
        org.insert("Task", "00TAk00000Task2MAB", "Subject", "Send quote", "WhoId", null, "WhatId", DEAL1);
    }

    private SoqlResult run(String soql) {
        return engine.run(soql, org, false, "62.0");
    }

    /** The text of one field of each row, in row order; parent paths like {@code Account.Name} are followed. */
    private List<String> column(String soql, String path) {
        return run(soql).rows().stream().map(row -> text(row, path)).toList();
    }

    private static String text(JsonNode row, String path) {
        JsonNode node = row;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    private static List<String> split(String names) {
        return names == null ? List.of() : Arrays.asList(names.split("\\|"));
    }

    private SoqlException failure(String soql) {
        return assertThrows(SoqlException.class, () -> run(soql));
    }

    @Nested
    class Fields {

        @Test
        void returnsSelectedFieldsUnderCanonicalNamesInSelectedOrder() {
            String soql = "select industry, NAME, id from ACCOUNT where name = 'Acme'";

            SoqlResult result = run(soql);

            assertThat(result.totalSize()).isEqualTo(1);
            ObjectNode row = result.rows().get(0);
            assertThat(row.fieldNames()).toIterable().containsExactly("attributes", "Industry", "Name", "Id");
            assertThat(row.get("attributes").toString())
                    .isEqualTo("{\"type\":\"Account\",\"url\":\"/services/data/v62.0/sobjects/Account/" + ACME + "\"}");
            assertThat(row.get("Name").asText()).isEqualTo("Acme");
            assertThat(row.get("Id").asText()).isEqualTo(ACME);
        }

        @Test
        void keepsStoredJsonTypesAndEmptyFieldsAsNull() {
            String soql = "SELECT AnnualRevenue, NumberOfEmployees, Active__c, CreatedDate, Industry FROM Account "
                    + "WHERE Name = 'Initech' OR Name = 'Acme' ORDER BY Name";

            List<ObjectNode> rows = run(soql).rows();

            assertThat(rows.get(0).get("AnnualRevenue").isNumber()).isTrue();
            assertThat(rows.get(0).get("Active__c").isBoolean()).isTrue();
            assertThat(rows.get(0).get("CreatedDate").asText()).isEqualTo("2026-02-11T09:00:00.000+0000");
            assertThat(rows.get(1).get("Industry").isNull()).isTrue();
            assertThat(rows.get(1).get("AnnualRevenue").isNull()).isTrue();
        }

        @Test
        void nestsParentFieldsUnderTheRelationshipWithTheirOwnAttributes() {
            String soql = "SELECT LastName, account.name FROM Contact WHERE LastName = 'Smith'";

            ObjectNode row = run(soql).rows().get(0);

            assertThat(row.fieldNames()).toIterable().containsExactly("attributes", "LastName", "Account");
            assertThat(row.get("Account").toString()).isEqualTo("{\"attributes\":{\"type\":\"Account\",\"url\":"
                    + "\"/services/data/v62.0/sobjects/Account/" + GLOBEX + "\"},\"Name\":\"Globex\"}");
        }

        @Test
        void givesNullParentWhenTheReferenceIsEmpty() {
            String soql = "SELECT Account.Name FROM Contact WHERE LastName = 'Lopez'";

            ObjectNode row = run(soql).rows().get(0);

            assertThat(row.has("Account")).isTrue();
            assertThat(row.get("Account").isNull()).isTrue();
        }

        @Test
        void followsTwoLevelParentPaths() {
            String soql = "SELECT Name, Contact.Account.Name FROM Opportunity ORDER BY Name";

            List<ObjectNode> rows = run(soql).rows();

            assertThat(text(rows.get(0), "Contact.Account.Name")).isEqualTo("Acme");
            assertThat(text(rows.get(0), "Contact.Account.attributes.type")).isEqualTo("Account");
            assertThat(text(rows.get(1), "Contact.Account.Name")).isEqualTo("Globex");
            assertThat(text(rows.get(2), "Contact.attributes.type")).isEqualTo("Contact");
            assertThat(rows.get(2).get("Contact").get("Account").isNull()).isTrue();
        }

        @Test
        void resolvesCustomRelationships() {
            List<String> projects = column("SELECT Project__r.Name FROM Opportunity ORDER BY Name", "Project__r.Name");

            assertThat(projects).containsExactly("Apollo", null, null);
        }

        @Test
        void resolvesPolymorphicReferencesThroughTheRecordType() {
            String soql = "SELECT Subject, What.Name, Who.LastName FROM Task ORDER BY Subject";

            List<ObjectNode> rows = run(soql).rows();

            assertThat(text(rows.get(0), "What.attributes.type")).isEqualTo("Account");
            assertThat(text(rows.get(0), "What.Name")).isEqualTo("Acme");
            assertThat(text(rows.get(0), "Who.LastName")).isEqualTo("O'Dell");
            assertThat(text(rows.get(1), "What.attributes.type")).isEqualTo("Opportunity");
            assertThat(text(rows.get(1), "What.Name")).isEqualTo("50%_off sale");
            assertThat(rows.get(1).get("Who").isNull()).isTrue();
        }

        @Test
        void resolvesOwnerThroughTheUser() {
            List<String> owners = column("SELECT Owner.Name FROM Account ORDER BY Name", "Owner.Name");

            assertThat(owners).containsExactly("Ada Admin", "Ada Admin", null);
        }

        @Test
        void mergesFieldsOfTheSameParentIntoOneObject() {
            String soql = "SELECT Account.Name, Id, Account.Industry, AccountId FROM Contact WHERE LastName = 'Smith'";

            ObjectNode row = run(soql).rows().get(0);

            assertThat(row.fieldNames()).toIterable().containsExactly("attributes", "Account", "Id", "AccountId");
            assertThat(row.get("Account").fieldNames()).toIterable()
                    .containsExactly("attributes", "Name", "Industry");
        }
    }

    @Nested
    class Filters {

        @ParameterizedTest
        @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "Name = 'Acme' OR Name = 'Globex'; Acme|Globex",
            "Active__c = true AND NumberOfEmployees > 10; Acme",
            "NOT Name = 'Acme'; Globex|Initech",
            "NOT (Name = 'Acme' OR Name = 'Globex'); Initech",
            "(Name = 'Acme' OR Name = 'Initech') AND Active__c = true; Acme|Initech",
            "Active__c = false OR (NumberOfEmployees < 10 AND Industry = null); Globex|Initech",
            "Active__c = false; Globex",
        })
        void combinesConditionsWithAndOrNotAndParentheses(String where, String expected) {
            List<String> names = column("SELECT Name FROM Account WHERE " + where + " ORDER BY Name", "Name");

            assertThat(names).containsExactlyElementsOf(split(expected));
        }

        @ParameterizedTest
        @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "AnnualRevenue = 750000.5; Globex",
            "AnnualRevenue != 750000.5; Acme|Initech",
            "AnnualRevenue <> 750000.5; Acme|Initech",
            "NumberOfEmployees < 40; Initech",
            "NumberOfEmployees <= 40; Globex|Initech",
            "NumberOfEmployees > 40; Acme",
            "NumberOfEmployees >= 40; Acme|Globex",
            "NumberOfEmployees > -1; Acme|Globex|Initech",
            "Name < 'globex'; Acme",
            "Name >= 'GLOBEX'; Globex|Initech",
        })
        void comparesWithEveryOperator(String where, String expected) {
            List<String> names = column("SELECT Name FROM Account WHERE " + where + " ORDER BY Name", "Name");

            assertThat(names).containsExactlyElementsOf(split(expected));
        }

        @ParameterizedTest
        @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "Industry = null; Initech",
            "Industry != null; Acme|Globex",
            "Industry IN ('energy', 'RETAIL'); Acme|Globex",
            "Industry NOT IN ('Energy'); Globex|Initech",
            "NumberOfEmployees IN (8, 120); Acme|Initech",
            "Name LIKE 'ac%'; Acme",
            "Name LIKE '%E%'; Acme|Globex|Initech",
            "Name LIKE 'gl_bex'; Globex",
            "Name LIKE 'gl_ex'; ",
        })
        void matchesNullsListsAndPatterns(String where, String expected) {
            List<String> names = column("SELECT Name FROM Account WHERE " + where + " ORDER BY Name", "Name");

            assertThat(names).containsExactlyElementsOf(split(expected));
        }

        @Test
        void comparesStringsIgnoringCase() {
            List<String> names = column("SELECT Name FROM Account WHERE Name = 'ACME'", "Name");

            assertThat(names).containsExactly("Acme");
        }

        @Test
        void comparesIdsExactly() {
            String soql = "SELECT Name FROM Account WHERE Id = '" + ACME.toLowerCase() + "'";

            SoqlResult result = run(soql);

            assertThat(result.totalSize()).isZero();
        }

        @Test
        void matchesFifteenCharacterIdLiteralsToStoredEighteenCharacterIds() {
            String soql = "SELECT LastName FROM Contact WHERE AccountId = '" + ACME.substring(0, 15) + "' "
                    + "OR Id IN ('" + SMITH.substring(0, 15) + "')";

            List<String> names = column(soql, "LastName");

            assertThat(names).containsExactly("O'Dell", "Smith");
        }

        @Test
        void filtersOnParentFields() {
            List<String> names = column("SELECT LastName FROM Contact WHERE Account.Name = 'acme'", "LastName");

            assertThat(names).containsExactly("O'Dell");
        }

        @Test
        void treatsAMissingParentAsNullInFilters() {
            String soql = "SELECT LastName FROM Contact WHERE Account.Name = null OR Account.Name != 'Acme'";

            List<String> names = column(soql, "LastName");

            assertThat(names).containsExactly("Smith", "Lopez");
        }

        @Test
        void filtersOnTwoLevelAndPolymorphicPaths() {
            List<String> opportunities = column(
                    "SELECT Name FROM Opportunity WHERE Contact.Account.Name = 'Globex'", "Name");
            List<String> tasks = column("SELECT Subject FROM Task WHERE What.Name LIKE '50%'", "Subject");

            assertThat(opportunities).containsExactly("50x off");
            assertThat(tasks).containsExactly("Send quote");
        }
    }

    /** Values an org should never hold, as a store without type checks once kept them: queries must still answer. */
    @Nested
    class StoredValuesOfTheWrongType {

        @BeforeEach
        void addOddRecords() {
            org.insert("Opportunity", "006Ak00000Deal4IAB", "Name", "Bad date", "CloseDate", "31/01/2027",
                    "Amount", "lots");
            org.insert("Opportunity", "006Ak00000Deal5IAB", "Name", "Object amount", "CloseDate", 20270131,
                    "Amount", Map.of("a", 1));
            org.insert("Opportunity", "006Ak00000Deal6IAB", "Name", "Text amount", "CloseDate", "2026-02-20",
                    "Amount", "12.5");
            org.insert("Contact", "003Ak00000OddLnIAB", "LastName", Map.of("a", 1), "Birthdate", true,
                    "CreatedDate", "yesterday");
        }

        @ParameterizedTest
        @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "CloseDate > 2026-01-31; 50%_off sale|Renewal|Text amount",
            "CloseDate = THIS_MONTH; 50%_off sale|Text amount",
            "Amount > 100; 50%_off sale|50x off",
            "Amount < 100; Text amount",
            "Amount != 1000; 50x off|Renewal|Text amount",
            "Amount NOT IN (1000); 50x off|Renewal|Text amount",
            "Amount IN (12.5, 1000); 50%_off sale|Text amount",
        })
        void leavesUnreadableValuesOutOfComparisons(String where, String expected) {
            List<String> names = column("SELECT Name FROM Opportunity WHERE " + where + " ORDER BY Name", "Name");

            assertThat(names).containsExactlyElementsOf(split(expected));
        }

        @ParameterizedTest
        @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "Amount; Renewal|Text amount|50x off|50%_off sale|Bad date|Object amount",
            "Amount DESC; 50%_off sale|50x off|Text amount|Renewal|Bad date|Object amount",
            "CloseDate; 50x off|50%_off sale|Text amount|Renewal|Bad date|Object amount",
            "CloseDate DESC NULLS LAST; Renewal|Text amount|50%_off sale|50x off|Bad date|Object amount",
        })
        void sortsUnreadableValuesLast(String orderBy, String expected) {
            List<String> names = column("SELECT Name FROM Opportunity ORDER BY " + orderBy, "Name");

            assertThat(names).containsExactlyElementsOf(split(expected));
        }

        @Test
        void neverMatchesAnObjectInATextField() {
            List<String> like = column("SELECT Id FROM Contact WHERE LastName LIKE '%'", "Id");
            List<String> empty = column("SELECT Id FROM Contact WHERE LastName = ''", "Id");
            List<String> sorted = column("SELECT Id FROM Contact ORDER BY LastName", "Id");
            List<String> born = column("SELECT Id FROM Contact WHERE Birthdate < 2030-01-01", "Id");
            List<String> created = column("SELECT Id FROM Contact WHERE CreatedDate < 2030-01-01T00:00:00Z", "Id");

            assertThat(like).containsExactly(ODELL, SMITH, LOPEZ);
            assertThat(empty).isEmpty();
            assertThat(sorted).containsExactly(LOPEZ, ODELL, SMITH, "003Ak00000OddLnIAB");
            assertThat(born).containsExactly(ODELL);
            assertThat(created).containsExactly(ODELL, SMITH, LOPEZ);
        }
    }

    @Nested
    class Literals {

        @Test
        void escapedQuoteMatchesTheNameWithAnApostrophe() {
            List<String> names = column("SELECT LastName FROM Contact WHERE LastName = 'O\\'Dell'", "LastName");

            assertThat(names).containsExactly("O'Dell");
        }

        @Test
        void escapedInjectionAttemptStaysOneLiteralThatMatchesNothing() {
            String soql = "SELECT LastName FROM Contact WHERE LastName = 'x\\\\\\' OR Name != null --'";

            SoqlResult result = run(soql);

            assertThat(result.totalSize()).isZero();
            assertThat(result.rows()).isEmpty();
        }

        @Test
        void escapedWildcardsInLikeMatchLiterally() {
            String soql = "SELECT Name FROM Opportunity WHERE Name LIKE '50\\%\\_off%'";

            List<String> names = column(soql, "Name");

            assertThat(names).containsExactly("50%_off sale");
        }

        @Test
        void unescapedWildcardsInLikeMatchAnything() {
            List<String> names = column("SELECT Name FROM Opportunity WHERE Name LIKE '50%_off%'", "Name");

            assertThat(names).containsExactly("50%_off sale", "50x off");
        }

        @Test
        void readsLiteralsAfterCharactersOutsideTheBasicPlane() {
            String soql = "SELECT Name FROM Account WHERE Name = '😀 party' OR Name = 'Globex'";

            List<String> names = column(soql, "Name");

            assertThat(names).containsExactly("Globex");
        }

        @Test
        void decodesEscapeSequencesInStrings() {
            String soql = "SELECT LastName FROM Contact WHERE Description = 'line one\\nline \\\"two\\\"\\t\\\\END'";

            List<String> names = column(soql, "LastName");

            assertThat(names).containsExactly("Smith");
        }

        @ParameterizedTest
        @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "CloseDate = 2026-02-11; 50%_off sale",
            "CloseDate < 2026-02-11; 50x off",
            "CloseDate >= 2026-02-11; 50%_off sale|Renewal",
        })
        void comparesDateLiteralsWithDateFields(String where, String expected) {
            List<String> names = column("SELECT Name FROM Opportunity WHERE " + where + " ORDER BY Name", "Name");

            assertThat(names).containsExactlyElementsOf(split(expected));
        }

        @ParameterizedTest
        @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "CreatedDate = 2026-02-11T09:00:00Z; Acme",
            "CreatedDate = 2026-02-11T10:00:00+01:00; Acme",
            "CreatedDate = 2026-02-11T09:00:00.000Z; Acme",
            "CreatedDate = 2026-02-11T04:00:00.000-05:00; Acme",
            "CreatedDate > 2026-02-10T23:59:59Z; Acme",
            "CreatedDate >= 2026-02-10T23:59:59Z; Acme|Globex",
            "CreatedDate < 2026-02-10T23:59:59Z; Initech",
        })
        void comparesDatetimeLiteralsWithZonesAndMillis(String where, String expected) {
            List<String> names = column("SELECT Name FROM Account WHERE " + where + " ORDER BY Name", "Name");

            assertThat(names).containsExactlyElementsOf(split(expected));
        }

        @ParameterizedTest
        @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "Account; Name; CreatedDate = TODAY; Acme",
            "Account; Name; CreatedDate = YESTERDAY; Globex",
            "Account; Name; CreatedDate > YESTERDAY; Acme",
            "Account; Name; CreatedDate < TODAY; Globex|Initech",
            "Account; Name; CreatedDate <= TODAY; Acme|Globex|Initech",
            "Account; Name; CreatedDate > TODAY; ",
            "Account; Name; CreatedDate = THIS_MONTH; Acme|Globex",
            "Account; Name; CreatedDate = LAST_MONTH; Initech",
            "Account; Name; CreatedDate = THIS_YEAR; Acme|Globex|Initech",
            "Account; Name; CreatedDate = LAST_N_DAYS:1; Acme|Globex",
            "Account; Name; CreatedDate = LAST_N_DAYS:22; Acme|Globex|Initech",
            "Account; Name; CreatedDate = LAST_N_DAYS:21; Acme|Globex",
            "Contact; LastName; CreatedDate = LAST_WEEK; Smith",
            "Contact; LastName; CreatedDate = THIS_WEEK; O'Dell",
            "Contact; LastName; CreatedDate = NEXT_WEEK; Lopez",
            "Opportunity; Name; CloseDate = TODAY; 50%_off sale",
            "Opportunity; Name; CloseDate = TOMORROW; ",
            "Opportunity; Name; CloseDate = NEXT_MONTH; Renewal",
            "Opportunity; Name; CloseDate = NEXT_N_DAYS:19; Renewal",
            "Opportunity; Name; CloseDate = NEXT_N_DAYS:18; ",
            "Opportunity; Name; CloseDate <= THIS_MONTH; 50%_off sale|50x off",
            "Opportunity; Name; CloseDate > THIS_MONTH; Renewal",
        })
        void treatsRelativeDateLiteralsAsUtcRanges(String object, String field, String where, String expected) {
            String soql = "SELECT " + field + " FROM " + object + " WHERE " + where + " ORDER BY " + field;

            List<String> names = column(soql, field);

            assertThat(names).containsExactlyElementsOf(split(expected));
        }
    }

    @Nested
    class Paging {

        @ParameterizedTest
        @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "Industry; Initech|Acme|Globex",
            "Industry ASC; Initech|Acme|Globex",
            "Industry DESC; Globex|Acme|Initech",
            "Industry ASC NULLS LAST; Acme|Globex|Initech",
            "Industry DESC NULLS FIRST; Initech|Globex|Acme",
            "NumberOfEmployees; Initech|Globex|Acme",
            "Active__c DESC, Name DESC; Initech|Acme|Globex",
            "Owner.Name NULLS LAST, Name DESC; Globex|Acme|Initech",
        })
        void ordersByFieldsDirectionsAndNulls(String orderBy, String expected) {
            List<String> names = column("SELECT Name FROM Account ORDER BY " + orderBy, "Name");

            assertThat(names).containsExactlyElementsOf(split(expected));
        }

        @Test
        void ordersByParentPaths() {
            String soql = "SELECT LastName FROM Contact ORDER BY Account.Name DESC NULLS LAST, LastName";

            List<String> names = column(soql, "LastName");

            assertThat(names).containsExactly("Smith", "O'Dell", "Lopez");
        }

        @Test
        void appliesOffsetThenLimit() {
            SoqlResult result = run("SELECT Name FROM Account ORDER BY Name LIMIT 1 OFFSET 1");

            assertThat(result.totalSize()).isEqualTo(1);
            assertThat(result.rows().get(0).get("Name").asText()).isEqualTo("Globex");
        }

        @Test
        void returnsNoRowsWhenOffsetIsPastTheEnd() {
            SoqlResult result = run("SELECT Name FROM Account OFFSET 5");

            assertThat(result.totalSize()).isZero();
        }

        @Test
        void countsMatchingRecordsWithoutReturningRows() {
            SoqlResult result = run("SELECT COUNT() FROM Account WHERE Active__c = true");

            assertThat(result.totalSize()).isEqualTo(2);
            assertThat(result.rows()).isEmpty();
        }

        @Test
        void returnsDeletedRecordsOnlyWhenAsked() {
            String soql = "SELECT LastName, IsDeleted FROM Contact WHERE AccountId = '" + ACME + "'";

            SoqlResult live = engine.run(soql, org, false, "62.0");
            SoqlResult all = engine.run(soql, org, true, "62.0");

            assertThat(live.rows()).extracting(row -> row.get("LastName").asText()).containsExactly("O'Dell");
            assertThat(all.rows()).extracting(row -> row.get("LastName").asText()).containsExactly("O'Dell", "Gone");
            assertThat(all.rows().get(1).get("IsDeleted").asBoolean()).isTrue();
        }
    }

    @Nested
    class Errors {

        @Test
        void refusesUnknownObjectWithInvalidType() {
            SoqlException error = failure("SELECT Id FROM Foo");

            assertThat(error.errorCode()).isEqualTo("INVALID_TYPE");
            assertThat(error.getMessage()).startsWith("SELECT Id FROM Foo\n               ^\nERROR at Row:1:Column:16\n"
                    + "sObject type 'Foo' is not supported.");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "SELECT Foo FROM Account",
            "SELECT Name FROM Account WHERE Foo = 'x'",
            "SELECT Name FROM Account ORDER BY Foo",
            "SELECT Name FROM Account WHERE Name = 'none' ORDER BY Foo",
        })
        void refusesUnknownFieldWithInvalidField(String soql) {
            SoqlException error = failure(soql);

            assertThat(error.errorCode()).isEqualTo("INVALID_FIELD");
            assertThat(error.getMessage()).contains("ERROR at Row:1:Column:")
                    .contains("No such column 'Foo' on entity 'Account'.");
        }

        @Test
        void refusesUnknownFieldOnAParent() {
            SoqlException error = failure("SELECT Account.Foo FROM Contact");

            assertThat(error.errorCode()).isEqualTo("INVALID_FIELD");
            assertThat(error.getMessage()).contains("No such column 'Foo' on entity 'Account'.");
        }

        @Test
        void refusesUnknownFieldOnAPolymorphicParentOnceARecordReachesIt() {
            SoqlException error = failure("SELECT What.Foo FROM Task");

            assertThat(error.errorCode()).isEqualTo("INVALID_FIELD");
            assertThat(error.getMessage()).contains("No such column 'Foo' on entity 'Account'.");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "SELECT Foo.Name FROM Contact",
            "SELECT Id FROM Contact WHERE Foo.Name = 'x'",
            "SELECT Name.Foo FROM Account",
            "SELECT Account.Foo.Name FROM Contact",
        })
        void refusesUnknownRelationshipWithInvalidField(String soql) {
            SoqlException error = failure(soql);

            assertThat(error.errorCode()).isEqualTo("INVALID_FIELD");
            assertThat(error.getMessage()).contains("Didn't understand relationship '");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "SELECT Name FROM Account WHERE",
            "SELECT Name Account",
            "SELECT Name FROM Account WHERE Name = 'x' garbage",
            "SELECT Name FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'",
            "SELECT Name FROM Account WHERE Name = 'unterminated",
            "SELECT Name FROM Account WHERE Name # 'x'",
            "",
        })
        void refusesSyntaxErrorsWithMalformedQuery(String soql) {
            SoqlException error = failure(soql);

            assertThat(error.errorCode()).isEqualTo("MALFORMED_QUERY");
            assertThat(error.getMessage()).contains("ERROR at Row:1:Column:").contains("unexpected token");
        }

        @Test
        void pointsAtTheOffendingTokenOnItsRow() {
            SoqlException error = failure("SELECT Name\nFROM Account\nWHERE Name = 'x' garbage");

            assertThat(error.getMessage()).isEqualTo("WHERE Name = 'x' garbage\n                 ^\n"
                    + "ERROR at Row:3:Column:18\nunexpected token: 'garbage'");
        }

        @ParameterizedTest
        @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "SELECT Id, (SELECT Id FROM Contacts) FROM Account; subqueries",
            "SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact); subqueries",
            "SELECT Industry FROM Account GROUP BY Industry; GROUP BY",
            "SELECT COUNT(Id) FROM Account; COUNT()",
            "SELECT MAX(AnnualRevenue) FROM Account; MAX(AnnualRevenue)",
            "SELECT TYPEOF What WHEN Account THEN Name END FROM Task; TYPEOF",
            "SELECT FIELDS(ALL) FROM Account; FIELDS()",
            "SELECT Name FROM Account WHERE Name = :name; bind variables",
            "SELECT Name FROM Account WHERE CALENDAR_YEAR(CreatedDate) = 2026; CALENDAR_YEAR()",
            "SELECT Name FROM Account WHERE CreatedDate = THIS_FISCAL_QUARTER; THIS_FISCAL_QUARTER",
            "SELECT Name FROM Account ORDER BY Name FOR VIEW; FOR VIEW",
            "SELECT Name FROM Account, Contact; one object",
            "SELECT Name n FROM Account; aliases",
            "SELECT COUNT(), Name FROM Account; COUNT()",
        })
        void refusesWhatTheEngineDoesNotSupportWithMalformedQuery(String soql, String feature) {
            SoqlException error = failure(soql);

            assertThat(error.errorCode()).isEqualTo("MALFORMED_QUERY");
            assertThat(error.getMessage()).contains(feature).containsAnyOf("not supported", "only");
        }

        @ParameterizedTest
        @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "Name = 5; must be of type string and should be enclosed in quotes",
            "AnnualRevenue = '5'; must be of type double and should not be enclosed in quotes",
            "Active__c = 'true'; must be of type boolean",
            "CreatedDate = 2026-02-11; must be of type dateTime",
            "Owner.Name = 5; must be of type string",
        })
        void refusesValuesOfTheWrongTypeWithInvalidField(String where, String message) {
            SoqlException error = failure("SELECT Name FROM Account WHERE " + where);

            assertThat(error.errorCode()).isEqualTo("INVALID_FIELD");
            assertThat(error.getMessage()).contains(message);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "SELECT Id FROM Account;",
            "SELECT Id FROM Account;DROP TABLE x",
            "SELECT Id FROM Account WHERE Name = 'Acme' ; ",
        })
        void refusesATrailingSemicolon(String soql) {
            SoqlException error = failure(soql);

            assertThat(error.errorCode()).isEqualTo("MALFORMED_QUERY");
            assertThat(error.getMessage()).endsWith("unexpected token: ';'");
        }

        @Test
        void echoesTheQueryFromItsFirstCharacter() {
            SoqlException error = failure("SELECT Id FROM Account WHERE Name='x' OR 1=1");

            assertThat(error.getMessage()).isEqualTo("SELECT Id FROM Account WHERE Name='x' OR 1=1\n"
                    + " ".repeat(41) + "^\nERROR at Row:1:Column:42\nunexpected token: '1'");
        }

        @Test
        void echoesAWindowAroundTheProblemInALongLine() {
            String where = "Name = 'x' OR ".repeat(12) + "Name = 'y' garbage";
            String soql = "SELECT Id FROM Account WHERE " + where;

            SoqlException error = failure(soql);

            String[] lines = error.getMessage().split("\n");
            int column = soql.indexOf("garbage");
            assertThat(lines[0]).hasSizeLessThanOrEqualTo(120).contains("'y' garbage");
            assertThat(lines[1]).endsWith("^");
            int caret = lines[1].length() - 1;
            assertThat(lines[0].substring(caret)).startsWith("garbage");
            assertThat(lines[2]).isEqualTo("ERROR at Row:1:Column:" + (column + 1));
        }

        @Test
        void namesTheRefusedAggregateAsWritten() {
            SoqlException error = failure("SELECT COUNT(Id) FROM Account");

            assertThat(error.getMessage()).endsWith("aggregate function COUNT(Id) is not supported; only COUNT() is");
        }

        @Test
        void refusesDatetimeLiteralsOnDateFields() {
            SoqlException error = failure("SELECT Name FROM Opportunity WHERE CloseDate = 2026-02-11T00:00:00Z");

            assertThat(error.errorCode()).isEqualTo("INVALID_FIELD");
            assertThat(error.getMessage()).contains("must be of type date and should not be enclosed in quotes");
        }
    }
}
