package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * The OAuth behaviour a test may change while the org runs: auto-approval of the consent page, refresh-token rotation
 * and the lifetime of newly issued access tokens. Thread-safe; {@link #reset()} restores the defaults.
 */
final class OAuthSwitches {

    private final Duration defaultLifetime;
    private volatile boolean autoApprove;
    private volatile boolean rotateRefreshTokens;
    private volatile Duration accessTokenLifetime;

    OAuthSwitches(Duration defaultLifetime) {
        this.defaultLifetime = defaultLifetime;
        reset();
    }

    boolean autoApprove() {
        return autoApprove;
    }

    boolean rotateRefreshTokens() {
        return rotateRefreshTokens;
    }

    Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    synchronized void reset() {
        autoApprove = false;
        rotateRefreshTokens = false;
        accessTokenLifetime = defaultLifetime;
    }

    /**
     * Applies the fields of {@code {"autoApprove":bool,"rotateRefreshTokens":bool,"accessTokenLifetimeSeconds":N}}
     * that are present, all or none; answers the refusal's message, or null when applied.
     */
    synchronized String apply(JsonNode changes) {
        if (changes == null || !changes.isObject()) {
            return "oauth settings are a JSON object";
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = changes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            boolean valid = switch (name) {
                case "autoApprove", "rotateRefreshTokens" -> value.isBoolean();
                case "accessTokenLifetimeSeconds" -> value.canConvertToLong() && value.isIntegralNumber()
                        && value.asLong() >= 1;
                default -> false;
            };
            if (!valid) {
                return "unknown oauth setting or bad value: " + name + "=" + value;
            }
        }
        if (changes.has("autoApprove")) {
            autoApprove = changes.get("autoApprove").asBoolean();
        }
        if (changes.has("rotateRefreshTokens")) {
            rotateRefreshTokens = changes.get("rotateRefreshTokens").asBoolean();
        }
        if (changes.has("accessTokenLifetimeSeconds")) {
            accessTokenLifetime = Duration.ofSeconds(changes.get("accessTokenLifetimeSeconds").asLong());
        }
        return null;
    }

    synchronized ObjectNode toJson() {
        return HttpAnswer.JSON.createObjectNode()
                .put("autoApprove", autoApprove)
                .put("rotateRefreshTokens", rotateRefreshTokens)
                .put("accessTokenLifetimeSeconds", accessTokenLifetime.toSeconds());
    }
}
