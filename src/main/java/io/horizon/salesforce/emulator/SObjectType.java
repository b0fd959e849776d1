package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.horizon.salesforce.emulator.soql.ObjectMeta;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An object type of the org with its records. The records map is guarded by the owning store's lock; a stored record
 * is never changed in place (an update stores a new node), so the nodes handed out stay valid snapshots.
 */
final class SObjectType implements ObjectMeta {

    private final String name;
    private final String label;
    private final String labelPlural;
    private final String keyPrefix;
    private final String defaultRecordType;
    private final boolean readOnly;
    private final Map<String, FieldDef> fields = new LinkedHashMap<>();
    private final Map<String, String> fieldsByLowerName = new HashMap<>();
    private final Map<String, String> referenceFieldsByLowerRelationship = new HashMap<>();
    private final Map<String, ObjectNode> records = new LinkedHashMap<>();
    private final Object lock;

    SObjectType(String name, String label, String labelPlural, String keyPrefix, String defaultRecordType,
            boolean readOnly, List<FieldDef> fieldDefs, Object lock) {
        this.name = name;
        this.label = label;
        this.labelPlural = labelPlural;
        this.keyPrefix = keyPrefix;
        this.defaultRecordType = defaultRecordType;
        this.readOnly = readOnly;
        this.lock = lock;
        for (FieldDef field : fieldDefs) {
            fields.put(field.name(), field);
            fieldsByLowerName.put(field.name().toLowerCase(Locale.ROOT), field.name());
            if (field.relationshipName() != null) {
                referenceFieldsByLowerRelationship.put(field.relationshipName().toLowerCase(Locale.ROOT), field.name());
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    String label() {
        return label;
    }

    String labelPlural() {
        return labelPlural;
    }

    String keyPrefix() {
        return keyPrefix;
    }

    boolean custom() {
        return name.endsWith("__c");
    }

    /** Whether the API may only read this object (Organization, RecordType). */
    boolean readOnly() {
        return readOnly;
    }

    /** The developer name of the record type a create gets when it names none, or null. */
    String defaultRecordType() {
        return defaultRecordType;
    }

    Collection<FieldDef> fieldDefs() {
        return fields.values();
    }

    FieldDef fieldDef(String canonicalName) {
        return fields.get(canonicalName);
    }

    @Override
    public String field(String anyCase) {
        return anyCase == null ? null : fieldsByLowerName.get(anyCase.toLowerCase(Locale.ROOT));
    }

    @Override
    public String fieldType(String canonicalField) {
        FieldDef field = fields.get(canonicalField);
        return field == null ? null : field.type();
    }

    @Override
    public String relationshipField(String relationshipName) {
        return relationshipName == null
                ? null
                : referenceFieldsByLowerRelationship.get(relationshipName.toLowerCase(Locale.ROOT));
    }

    @Override
    public String relationshipName(String referenceField) {
        FieldDef field = fields.get(referenceField);
        return field == null ? null : field.relationshipName();
    }

    @Override
    public List<ObjectNode> records(boolean includeDeleted) {
        synchronized (lock) {
            List<ObjectNode> result = new ArrayList<>(records.size());
            for (ObjectNode record : records.values()) {
                if (includeDeleted || !record.path("IsDeleted").asBoolean(false)) {
                    result.add(record);
                }
            }
            return result;
        }
    }

    /** The stored record with this 18-character id, deleted or not; the caller holds the store's lock. */
    ObjectNode stored(String id18) {
        return records.get(id18);
    }

    /** Stores or replaces a record; the caller holds the store's lock. */
    void store(ObjectNode record) {
        records.put(record.get("Id").asText(), record);
    }
}
