package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.horizon.salesforce.emulator.soql.ObjectMeta;
import io.horizon.salesforce.emulator.soql.OrgView;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The org's object types and records, in memory. Thread-safe: every change happens under one lock and stores a new
 * record node, so readers (the SOQL engine among them) work on snapshots.
 */
final class OrgStore implements OrgView {

    static final String MASTER_RECORD_TYPE_ID = "012000000000000AAA";
    static final List<String> SYSTEM_FIELDS = List.of("Id", "IsDeleted", "CreatedDate", "CreatedById",
            "LastModifiedDate", "LastModifiedById", "SystemModstamp");
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Clock clock;
    private final Object lock = new Object();
    private final Map<String, SObjectType> typesByLowerName = new LinkedHashMap<>();
    private final Map<String, SObjectType> typesById = new HashMap<>();
    private final Map<String, Long> lastNumbers = new HashMap<>();
    private volatile List<ReportDefinition> reports = List.of();

    OrgStore(Clock clock) {
        this.clock = clock;
    }

    /** Outcome of an upsert by external id: the record written, or the ids of all records the value matched. */
    record Upsert(String id, boolean created, List<String> matches) {
    }

    /** Replaces everything with what the seed defines. */
    void load(JsonNode seed) {
        synchronized (lock) {
            typesByLowerName.clear();
            typesById.clear();
            lastNumbers.clear();
            new SeedLoader(this).load(seed);
            reports = ReportDefinition.parseAll(seed.path("reports"), this);
        }
    }

    /** The seed's reports, in seed order. */
    List<ReportDefinition> reports() {
        return reports;
    }

    Object lock() {
        return lock;
    }

    String now() {
        return DATE_TIME.format(clock.instant());
    }

    // ---- metadata ----

    void define(SObjectType type) {
        typesByLowerName.put(type.name().toLowerCase(Locale.ROOT), type);
    }

    List<SObjectType> types() {
        synchronized (lock) {
            return List.copyOf(typesByLowerName.values());
        }
    }

    SObjectType type(String anyCase) {
        synchronized (lock) {
            return typesByLowerName.get(anyCase.toLowerCase(Locale.ROOT));
        }
    }

    /** The object type named in a REST path; an unknown one is answered 404 NOT_FOUND, as Salesforce does. */
    SObjectType requireType(String anyCase) {
        SObjectType type = type(anyCase);
        if (type == null) {
            throw ApiError.notFound();
        }
        return type;
    }

    @Override
    public ObjectMeta object(String name) {
        return type(name);
    }

    @Override
    public String typeOf(String id18) {
        synchronized (lock) {
            SObjectType type = typesById.get(id18);
            return type == null ? null : type.name();
        }
    }

    @Override
    public ObjectNode record(String id18) {
        synchronized (lock) {
            SObjectType type = typesById.get(id18);
            return type == null ? null : type.stored(id18);
        }
    }

    /** The org id: the first Organization record's, or a made-up one when the seed has none. */
    String orgId() {
        SObjectType organization = type("Organization");
        List<ObjectNode> orgs = organization == null ? List.of() : organization.records(false);
        return orgs.isEmpty() ? SalesforceIds.make("00D", 1) : orgs.get(0).get("Id").asText();
    }

    /** The id of the live user with this username (any case), or null. */
    String userId(String username) {
        SObjectType users = type("User");
        if (users == null || username == null) {
            return null;
        }
        for (ObjectNode user : users.records(false)) {
            if (username.equalsIgnoreCase(user.path("Username").asText())) {
                return user.get("Id").asText();
            }
        }
        return null;
    }

    /** Live and inactive record types of an object, in seed order. */
    List<ObjectNode> recordTypes(String objectName) {
        SObjectType recordTypes = type("RecordType");
        List<ObjectNode> result = new ArrayList<>();
        if (recordTypes != null) {
            for (ObjectNode recordType : recordTypes.records(false)) {
                if (objectName.equalsIgnoreCase(recordType.path("SobjectType").asText())) {
                    result.add(recordType);
                }
            }
        }
        return result;
    }

    // ---- ids ----

    /** A fresh id with the type's key prefix; the caller holds the lock. */
    String nextId(SObjectType type) {
        long number = lastNumbers.merge(type.keyPrefix(), 1L, Long::sum);
        return SalesforceIds.make(type.keyPrefix(), number);
    }

    // ---- records ----

    /** A copy of the live record, or 404 NOT_FOUND (also for a deleted one, or one of another type). */
    ObjectNode read(SObjectType type, String id) {
        synchronized (lock) {
            ObjectNode record = stored(type, id);
            if (record.get("IsDeleted").asBoolean()) {
                throw ApiError.notFound();
            }
            return record.deepCopy();
        }
    }

    String create(SObjectType type, ObjectNode body, String userId) {
        synchronized (lock) {
            Map<String, JsonNode> values = validate(type, body, true);
            ActivityRules.checkCreate(type, values);
            String id = nextId(type);
            insert(type, id, values, userId);
            return id;
        }
    }

    void update(SObjectType type, String id, ObjectNode body, String userId) {
        synchronized (lock) {
            ObjectNode record = live(type, id);
            Map<String, JsonNode> values = validate(type, body, false);
            replace(type, record, values, userId);
        }
    }

    void delete(SObjectType type, String id, String userId) {
        synchronized (lock) {
            ObjectNode record = live(type, id);
            replace(type, record, Map.of("IsDeleted", NODES.booleanNode(true)), userId);
        }
    }

    /** The ids of live records whose external-id field holds this value (text compared without case). */
    List<String> matching(SObjectType type, String field, String value) {
        synchronized (lock) {
            return matchingLocked(type, field, value);
        }
    }

    private List<String> matchingLocked(SObjectType type, String field, String value) {
        String canonical = externalIdField(type, field);
        List<String> ids = new ArrayList<>();
        if ("Id".equals(canonical)) {
            String id18 = SalesforceIds.normalise(value);
            ObjectNode record = id18 == null ? null : record(id18);
            if (record != null && type.stored(id18) != null && !record.get("IsDeleted").asBoolean()) {
                ids.add(id18);
            }
            return ids;
        }
        for (ObjectNode record : type.records(false)) {
            JsonNode stored = record.get(canonical);
            if (stored != null && stored.isValueNode() && !stored.isNull() && stored.asText().equalsIgnoreCase(value)) {
                ids.add(record.get("Id").asText());
            }
        }
        return ids;
    }

    Upsert upsert(SObjectType type, String field, String value, ObjectNode body, String userId) {
        synchronized (lock) {
            List<String> matches = matching(type, field, value);
            if (matches.size() > 1) {
                return new Upsert(null, false, matches);
            }
            if (matches.size() == 1) {
                String id = matches.get(0);
                Map<String, JsonNode> values = validate(type, body, false);
                replace(type, type.stored(id), values, userId);
                return new Upsert(id, false, matches);
            }
            if ("Id".equals(type.field(field))) {
                throw ApiError.notFound();
            }
            ObjectNode withKey = body.deepCopy();
            withKey.remove(List.of(field));
            withKey.put(type.field(field), value);
            Map<String, JsonNode> values = validate(type, withKey, true);
            ActivityRules.checkCreate(type, values);
            String id = nextId(type);
            insert(type, id, values, userId);
            return new Upsert(id, true, List.of(id));
        }
    }

    String externalIdField(SObjectType type, String field) {
        String canonical = type.field(field);
        FieldDef def = canonical == null ? null : type.fieldDef(canonical);
        if (def == null || !(def.externalId() || def.idLookup())) {
            throw new ApiError(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: "
                    + field);
        }
        return canonical;
    }

    /** Stores a new record: defaults, owner and record type first, then the given values; the caller holds the lock. */
    void insert(SObjectType type, String id, Map<String, JsonNode> values, String userId) {
        ObjectNode record = NODES.objectNode();
        record.put("Id", id);
        for (FieldDef field : type.fieldDefs()) {
            if (!"Id".equals(field.name())) {
                record.set(field.name(), field.defaultValue() == null ? NullNode.instance : field.defaultValue());
            }
        }
        if (type.fieldDef("OwnerId") != null) {
            record.put("OwnerId", userId);
        }
        if (type.fieldDef("RecordTypeId") != null && type.defaultRecordType() != null) {
            for (ObjectNode recordType : recordTypes(type.name())) {
                if (type.defaultRecordType().equals(recordType.path("DeveloperName").asText())) {
                    record.set("RecordTypeId", recordType.get("Id"));
                }
            }
        }
        String now = now();
        record.put("IsDeleted", false);
        record.put("CreatedDate", now).put("CreatedById", userId);
        record.put("LastModifiedDate", now).put("LastModifiedById", userId).put("SystemModstamp", now);
        values.forEach(record::set);
        fillCompounds(type, record);
        ActivityRules.derive(type, record);
        type.store(record);
        typesById.put(id, type);
    }

    private void replace(SObjectType type, ObjectNode record, Map<String, JsonNode> values, String userId) {
        ObjectNode changed = record.deepCopy();
        values.forEach(changed::set);
        String now = now();
        changed.put("LastModifiedDate", now).put("LastModifiedById", userId).put("SystemModstamp", now);
        fillCompounds(type, changed);
        ActivityRules.derive(type, changed);
        type.store(changed);
    }

    private static void fillCompounds(SObjectType type, ObjectNode record) {
        for (FieldDef field : type.fieldDefs()) {
            if (!field.compound().isEmpty()) {
                List<String> parts = new ArrayList<>();
                for (String part : field.compound()) {
                    JsonNode value = record.get(part);
                    if (value != null && !value.isNull() && !value.asText().isBlank()) {
                        parts.add(value.asText());
                    }
                }
                record.put(field.name(), parts.isEmpty() ? null : String.join(" ", parts));
            }
        }
    }

    private ObjectNode stored(SObjectType type, String id) {
        String id18 = SalesforceIds.normalise(id);
        ObjectNode record = id18 == null ? null : type.stored(id18);
        if (record == null) {
            throw ApiError.notFound();
        }
        return record;
    }

    private ObjectNode live(SObjectType type, String id) {
        ObjectNode record = stored(type, id);
        if (record.get("IsDeleted").asBoolean()) {
            throw new ApiError(404, "ENTITY_IS_DELETED", "entity is deleted", List.of());
        }
        return record;
    }

    /**
     * The body's values under canonical field names, checked as Salesforce checks a create or an update: unknown
     * fields and values the field's type cannot read, then fields the user may not write, then required fields left
     * empty, then text lengths, then references.
     */
    private Map<String, JsonNode> validate(SObjectType type, ObjectNode body, boolean creating) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if ("attributes".equals(entry.getKey())) {
                continue;
            }
            String canonical = type.field(entry.getKey());
            if (canonical == null) {
                throw ApiError.invalidField(entry.getKey(), type.name());
            }
            FieldValues.checkType(type.fieldDef(canonical), entry.getValue());
            values.put(canonical, entry.getValue());
        }

        List<String> notWritable = new ArrayList<>();
        for (String field : values.keySet()) {
            FieldDef def = type.fieldDef(field);
            if (creating ? !def.createable() : !def.updateable()) {
                notWritable.add(field);
            }
        }
        if (!notWritable.isEmpty()) {
            throw new ApiError(400, "INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to " + (creating ? "create" : "update")
                    + " fields: " + String.join(", ", notWritable) + ". Please check the security settings of this"
                    + " field and verify that it is read/write for your profile or permission set.", notWritable);
        }

        List<String> missing = new ArrayList<>();
        for (FieldDef def : type.fieldDefs()) {
            JsonNode value = values.get(def.name());
            boolean empty = value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty());
            if (creating ? def.requiredOnCreate() && empty : !def.nillable() && value != null && empty) {
                missing.add(def.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new ApiError(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing);
        }

        values.forEach((field, value) -> FieldValues.checkLength(type.fieldDef(field), value));

        for (Map.Entry<String, JsonNode> entry : values.entrySet()) {
            FieldDef def = type.fieldDef(entry.getKey());
            JsonNode value = entry.getValue();
            // a number or boolean is no id either: it gets MALFORMED_ID rather than being stored
            if ("reference".equals(def.type()) && value.isValueNode() && !value.isNull() && !value.asText().isEmpty()) {
                values.put(entry.getKey(), NODES.textNode(checkReference(def, value.asText())));
            }
        }
        return values;
    }

    /** The 18-character form of a reference value, after checking that it names a record of a type it may point to. */
    private String checkReference(FieldDef def, String value) {
        String id18 = SalesforceIds.normalise(value);
        if (id18 == null) {
            throw new ApiError(400, "MALFORMED_ID", def.label() + ": id value of incorrect type: " + value,
                    List.of(def.name()));
        }
        SObjectType target = typesById.get(id18);
        if (target == null) {
            throw new ApiError(400, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of(def.name()));
        }
        if (def.referenceTo().stream().noneMatch(target.name()::equalsIgnoreCase)) {
            throw new ApiError(400, "FIELD_INTEGRITY_EXCEPTION", def.label() + ": id value of incorrect type: " + value,
                    List.of(def.name()));
        }
        return id18;
    }
}
