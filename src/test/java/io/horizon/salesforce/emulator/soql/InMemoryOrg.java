package io.horizon.salesforce.emulator.soql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A small org for engine tests: objects defined field by field, records inserted and deleted by id. */
final class InMemoryOrg implements OrgView {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, TestObject> objects = new HashMap<>();
    private final Map<String, ObjectNode> records = new HashMap<>();
    private final Map<String, String> types = new HashMap<>();

    TestObject define(String name) {
        TestObject object = new TestObject(name);
        objects.put(name.toLowerCase(Locale.ROOT), object);
        return object;
    }

    /** Inserts a record from name/value pairs; a null value leaves the field empty. */
    void insert(String type, String id, Object... namesAndValues) {
        ObjectNode record = JSON.createObjectNode();
        record.put("Id", id);
        record.put("IsDeleted", false);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            record.set((String) namesAndValues[i], JSON.valueToTree(namesAndValues[i + 1]));
        }
        TestObject object = objects.get(type.toLowerCase(Locale.ROOT));
        object.records.add(record);
        records.put(id, record);
        types.put(id, object.name());
    }

    void delete(String id) {
        records.get(id).put("IsDeleted", true);
    }

    @Override
    public ObjectMeta object(String name) {
        return name == null ? null : objects.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String typeOf(String id18) {
        return types.get(id18);
    }

    @Override
    public ObjectNode record(String id18) {
        return records.get(id18);
    }

    static final class TestObject implements ObjectMeta {

        private final String name;
        private final Map<String, String> fieldTypes = new LinkedHashMap<>();
        private final Map<String, String> relationships = new LinkedHashMap<>();
        private final List<ObjectNode> records = new ArrayList<>();

        private TestObject(String name) {
            this.name = name;
            fieldTypes.put("Id", "id");
        }

        TestObject field(String field, String type) {
            fieldTypes.put(field, type);
            return this;
        }

        TestObject reference(String field, String relationship) {
            fieldTypes.put(field, "reference");
            relationships.put(relationship, field);
            return this;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String field(String field) {
            return fieldTypes.keySet().stream().filter(field::equalsIgnoreCase).findFirst().orElse(null);
        }

        @Override
        public String fieldType(String canonicalField) {
            return fieldTypes.get(canonicalField);
        }

        @Override
        public String relationshipField(String relationshipName) {
            return relationships.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(relationshipName))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
        }

        @Override
        public String relationshipName(String referenceField) {
            return relationships.entrySet().stream()
                    .filter(entry -> entry.getValue().equals(referenceField))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(null);
        }

        @Override
        public List<ObjectNode> records(boolean includeDeleted) {
            return records.stream().filter(record -> includeDeleted || !record.path("IsDeleted").asBoolean()).toList();
        }
    }
}
