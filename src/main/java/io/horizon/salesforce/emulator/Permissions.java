package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.horizon.salesforce.emulator.soql.ObjectMeta;
import io.horizon.salesforce.emulator.soql.OrgView;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the connected user may do, as a profile grants it: whether the REST API is enabled at all, and per object
 * read, create, edit and delete. Everything is allowed until an admin call narrows it. Thread-safe.
 *
 * <pre>{@code
 * permissions.replace(json("{\"objects\":{\"Project__c\":{\"read\":false}}}"));
 * permissions.canRead("Project__c"); // false
 * }</pre>
 */
final class Permissions {

    /** One object's grants; a user who may not read an object may do nothing else with it either. */
    record ObjectAccess(boolean read, boolean create, boolean edit, boolean delete) {

        static final ObjectAccess ALL = new ObjectAccess(true, true, true, true);

        ObjectAccess {
            if (!read) {
                create = false;
                edit = false;
                delete = false;
            }
        }
    }

    /** The DML a REST call asks for; an upsert needs both create and edit, as the Salesforce API documents. */
    enum Action {
        CREATE, EDIT, DELETE, UPSERT
    }

    private volatile boolean apiEnabled = true;
    private volatile Map<String, ObjectAccess> byLowerName = Map.of();
    private volatile Map<String, ObjectAccess> byGivenName = Map.of();

    /** Back to everything allowed. */
    void reset() {
        synchronized (this) {
            apiEnabled = true;
            byLowerName = Map.of();
            byGivenName = Map.of();
        }
    }

    boolean apiEnabled() {
        return apiEnabled;
    }

    ObjectAccess access(String objectName) {
        return byLowerName.getOrDefault(objectName.toLowerCase(Locale.ROOT), ObjectAccess.ALL);
    }

    boolean canRead(String objectName) {
        return access(objectName).read();
    }

    /** The types the user may read, in the given order. */
    List<SObjectType> readable(List<SObjectType> types) {
        return types.stream().filter(type -> canRead(type.name())).toList();
    }

    /** An object the user may not read does not exist for them: 404 NOT_FOUND, as Salesforce answers. */
    void requireRead(SObjectType type) {
        if (!canRead(type.name())) {
            throw ApiError.notFound();
        }
    }

    /** 400 INSUFFICIENT_ACCESS_OR_READONLY when the profile does not grant the DML on this object. */
    void require(SObjectType type, Action action) {
        ObjectAccess access = access(type.name());
        boolean allowed = switch (action) {
            case CREATE -> access.create();
            case EDIT -> access.edit();
            case DELETE -> access.delete();
            case UPSERT -> access.create() && access.edit();
        };
        if (!allowed) {
            throw new ApiError(400, "INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id",
                    List.of());
        }
    }

    /** The org as this user's queries see it: objects they may not read are missing. */
    OrgView view(OrgView org) {
        return new OrgView() {
            @Override
            public ObjectMeta object(String name) {
                ObjectMeta object = org.object(name);
                return object == null || !canRead(object.name()) ? null : object;
            }

            @Override
            public String typeOf(String id18) {
                return org.typeOf(id18);
            }

            @Override
            public ObjectNode record(String id18) {
                return org.record(id18);
            }
        };
    }

    /**
     * Replaces all grants with {@code {"apiEnabled":bool,"objects":{"Name":{"read","create","edit","delete"}}}}; a
     * missing flag or object means allowed.
     *
     * @throws IllegalArgumentException when the document is not of that shape, naming the offending part
     */
    void replace(JsonNode spec) {
        if (spec == null || !spec.isObject()) {
            throw new IllegalArgumentException("permissions must be a JSON object");
        }
        JsonNode enabled = spec.path("apiEnabled");
        if (!enabled.isMissingNode() && !enabled.isBoolean()) {
            throw new IllegalArgumentException("apiEnabled must be true or false: " + enabled);
        }
        JsonNode objects = spec.path("objects");
        if (!objects.isMissingNode() && !objects.isObject()) {
            throw new IllegalArgumentException("objects must be a JSON object: " + objects);
        }
        Map<String, ObjectAccess> lower = new TreeMap<>();
        Map<String, ObjectAccess> given = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = objects.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            ObjectAccess access = new ObjectAccess(flag(entry, "read"), flag(entry, "create"), flag(entry, "edit"),
                    flag(entry, "delete"));
            lower.put(entry.getKey().toLowerCase(Locale.ROOT), access);
            given.put(entry.getKey(), access);
        }
        synchronized (this) {
            apiEnabled = enabled.asBoolean(true);
            byLowerName = Map.copyOf(lower);
            byGivenName = Map.copyOf(given);
        }
    }

    ObjectNode toJson() {
        ObjectNode json = HttpAnswer.JSON.createObjectNode();
        synchronized (this) {
            json.put("apiEnabled", apiEnabled);
            ObjectNode objects = json.putObject("objects");
            new TreeMap<>(byGivenName).forEach((name, access) -> objects.putObject(name)
                    .put("read", access.read())
                    .put("create", access.create())
                    .put("edit", access.edit())
                    .put("delete", access.delete()));
        }
        return json;
    }

    private static boolean flag(Map.Entry<String, JsonNode> entry, String name) {
        if (!entry.getValue().isObject()) {
            throw new IllegalArgumentException("permissions of " + entry.getKey() + " must be a JSON object");
        }
        JsonNode value = entry.getValue().path(name);
        if (!value.isMissingNode() && !value.isBoolean()) {
            throw new IllegalArgumentException(name + " of " + entry.getKey() + " must be true or false: " + value);
        }
        return value.asBoolean(true);
    }
}
