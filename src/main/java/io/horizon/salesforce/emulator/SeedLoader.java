package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a seed document into a store. The seed holds {@code objects} (each object's fields; the system fields are
 * added here), {@code records} (per object, in order; a string value {@code "@key"} refers to the record that carries
 * {@code "@key":"key"}) and {@code generate} (a template record repeated {@code count} times, {@code {n}} in its text
 * values replaced by the 1-based number, five digits).
 */
final class SeedLoader {

    private final OrgStore store;
    private final Map<String, String> idsByKey = new HashMap<>();

    SeedLoader(OrgStore store) {
        this.store = store;
    }

    /** Loads the seed; the caller holds the store's lock. */
    void load(JsonNode seed) {
        for (JsonNode object : seed.path("objects")) {
            store.define(objectType(object));
        }

        List<Pending> pending = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = seed.path("records").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> group = it.next();
            SObjectType type = requireType(group.getKey());
            for (JsonNode record : group.getValue()) {
                pending.add(allocate(type, (ObjectNode) record));
            }
        }
        for (JsonNode generator : seed.path("generate")) {
            SObjectType type = requireType(generator.path("object").asText());
            int count = generator.path("count").asInt();
            for (int n = 1; n <= count; n++) {
                pending.add(allocate(type, numbered((ObjectNode) generator.path("record"), n)));
            }
        }

        String creatorId = firstUserId(pending);
        for (Pending record : pending) {
            store.insert(record.type(), record.id(), resolve(record), creatorId);
        }
    }

    private record Pending(SObjectType type, String id, ObjectNode values) {
    }

    private Pending allocate(SObjectType type, ObjectNode values) {
        String id = store.nextId(type);
        JsonNode key = values.get("@key");
        if (key != null && idsByKey.put(key.asText(), id) != null) {
            throw new IllegalStateException("seed key used twice: " + key.asText());
        }
        return new Pending(type, id, values);
    }

    private Map<String, JsonNode> resolve(Pending record) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = record.values().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if ("@key".equals(entry.getKey())) {
                continue;
            }
            String field = record.type().field(entry.getKey());
            if (field == null) {
                throw new IllegalStateException("seed record of " + record.type().name() + " has unknown field: "
                        + entry.getKey());
            }
            JsonNode value = entry.getValue();
            if (value.isTextual() && value.asText().startsWith("@")) {
                String id = idsByKey.get(value.asText().substring(1));
                if (id == null) {
                    throw new IllegalStateException("seed refers to unknown key: " + value.asText());
                }
                value = TextNode.valueOf(id);
            }
            values.put(field, value);
        }
        return values;
    }

    private static ObjectNode numbered(ObjectNode template, int n) {
        ObjectNode record = template.deepCopy();
        String number = String.format("%05d", n);
        for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().isTextual() && entry.getValue().asText().contains("{n}")) {
                entry.setValue(TextNode.valueOf(entry.getValue().asText().replace("{n}", number)));
            }
        }
        record.remove("@key");
        return record;
    }

    private String firstUserId(List<Pending> pending) {
        for (Pending record : pending) {
            if ("User".equals(record.type().name())) {
                return record.id();
            }
        }
        return SalesforceIds.make("005", 1);
    }

    private SObjectType requireType(String name) {
        SObjectType type = store.type(name);
        if (type == null) {
            throw new IllegalStateException("seed has records of an undefined object: " + name);
        }
        return type;
    }

    private SObjectType objectType(JsonNode object) {
        String name = object.path("name").asText();
        List<FieldDef> fields = new ArrayList<>();
        fields.add(system("Id", "Record ID", "id", false));
        fields.add(system("IsDeleted", "Deleted", "boolean", false));
        for (JsonNode field : object.path("fields")) {
            fields.add(field(field));
        }
        fields.add(system("CreatedDate", "Created Date", "datetime", false));
        fields.add(system("CreatedById", "Created By ID", "reference", true));
        fields.add(system("LastModifiedDate", "Last Modified Date", "datetime", false));
        fields.add(system("LastModifiedById", "Last Modified By ID", "reference", true));
        fields.add(system("SystemModstamp", "System Modstamp", "datetime", false));
        return new SObjectType(name, object.path("label").asText(name), object.path("labelPlural").asText(name + "s"),
                object.path("keyPrefix").asText(), object.path("defaultRecordType").asText(null),
                object.path("readOnly").asBoolean(false), fields,
                store.lock());
    }

    private static FieldDef system(String name, String label, String type, boolean userReference) {
        String relationship = userReference ? name.substring(0, name.length() - 2) : null;
        return new FieldDef(name, label, type, "id".equals(type) ? 18 : 0, false, false, false, false, false,
                "id".equals(type), userReference ? List.of("User") : List.of(), relationship, List.of(), null, true,
                List.of());
    }

    private static FieldDef field(JsonNode spec) {
        String name = spec.path("name").asText();
        String type = spec.path("type").asText("string");
        boolean readOnly = spec.path("readOnly").asBoolean(false);
        List<String> compound = texts(spec.path("compound"));
        JsonNode defaultValue = spec.get("default");
        if (defaultValue == null && "boolean".equals(type)) {
            defaultValue = BooleanNode.FALSE;
        }
        boolean nillable = !spec.path("required").asBoolean(false) && !"boolean".equals(type);
        int length = spec.path("length").asInt(switch (type) {
            case "string", "textarea", "picklist", "email", "url" -> 255;
            case "phone" -> 40;
            case "reference", "id" -> 18;
            default -> 0;
        });
        return new FieldDef(
                name,
                spec.path("label").asText(defaultLabel(name)),
                type,
                length,
                nillable,
                !readOnly && compound.isEmpty(),
                !readOnly && compound.isEmpty() && !spec.path("createOnly").asBoolean(false),
                spec.path("externalId").asBoolean(false),
                spec.path("unique").asBoolean(false),
                spec.path("idLookup").asBoolean(spec.path("externalId").asBoolean(false)),
                texts(spec.path("referenceTo")),
                spec.path("relationshipName").asText(null),
                texts(spec.path("values")),
                defaultValue,
                defaultValue != null || spec.path("defaultedOnCreate").asBoolean(false) || !compound.isEmpty(),
                compound);
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isTextual()) {
            texts.add(node.asText());
        }
        node.forEach(item -> texts.add(item.asText()));
        return List.copyOf(texts);
    }

    /** {@code Project_Code__c} gives "Project Code", {@code AccountId} gives "Account ID". */
    private static String defaultLabel(String name) {
        String base = name.endsWith("__c") ? name.substring(0, name.length() - 3) : name;
        if (base.endsWith("Id") && base.length() > 2) {
            base = base.substring(0, base.length() - 2) + " ID";
        }
        return base.replace('_', ' ').replaceAll("([a-z])([A-Z])", "$1 $2");
    }
}
