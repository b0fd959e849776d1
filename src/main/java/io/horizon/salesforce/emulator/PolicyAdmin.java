package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The admin calls that shape what the connected user may do: {@code GET|PUT /_emulator/permissions} and
 * {@code GET|PUT /_emulator/limits}. The admin reset restores both (through {@link RestApi#reset()}).
 */
final class PolicyAdmin {

    private final Permissions permissions;
    private final ApiAllowance allowance;

    PolicyAdmin(Permissions permissions, ApiAllowance allowance) {
        this.permissions = permissions;
        this.allowance = allowance;
    }

    /** The answer to an admin route such as {@code "PUT permissions"}, or null when the route is not one of these. */
    HttpAnswer handle(String route, HttpCall call) {
        try {
            return switch (route) {
                case "GET permissions" -> HttpAnswer.json(200, permissions.toJson());
                case "PUT permissions" -> {
                    permissions.replace(body(call));
                    yield HttpAnswer.json(200, permissions.toJson());
                }
                case "GET limits" -> HttpAnswer.json(200, ApiAllowance.toJson(allowance.current()));
                case "PUT limits" -> HttpAnswer.json(200, ApiAllowance.toJson(allowance.replace(body(call))));
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            return HttpAnswer.errors(400, "INVALID_ADMIN_REQUEST", e.getMessage(), null);
        }
    }

    private static JsonNode body(HttpCall call) {
        try {
            return HttpAnswer.JSON.readTree(call.body());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
