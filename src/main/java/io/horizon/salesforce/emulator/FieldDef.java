package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One field of an object, as describe reports it and as validation reads it.
 *
 * @param defaultValue the value a create without this field stores, or null for none
 * @param compound the fields whose non-empty values, joined with a space, make up this read-only field (a Contact's
 *        {@code Name}), or empty
 */
record FieldDef(
        String name,
        String label,
        String type,
        int length,
        boolean nillable,
        boolean createable,
        boolean updateable,
        boolean externalId,
        boolean unique,
        boolean idLookup,
        List<String> referenceTo,
        String relationshipName,
        List<String> picklistValues,
        JsonNode defaultValue,
        boolean defaultedOnCreate,
        List<String> compound) {

    boolean custom() {
        return name.endsWith("__c");
    }

    /** Whether a create must carry a value for this field. */
    boolean requiredOnCreate() {
        return !nillable && createable && !defaultedOnCreate;
    }
}
