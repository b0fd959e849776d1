package io.horizon.salesforce;

import java.util.Map;
import org.apache.camel.main.Main;

/**
 * Runs the bundle standalone on Camel Main: settings from {@code application.properties}, routes from {@code routes/}.
 *
 * <pre>
 * java -jar target/horizon-salesforce.jar
 * </pre>
 */
public final class Application {

    /** The settings file, {@code application.properties} in the working directory unless HORIZON_CONFIG names one. */
    static String settingsLocation() {
        String file = System.getenv("HORIZON_CONFIG");
        return "file:" + (file == null || file.isBlank() ? "application.properties" : file);
    }

    private Application() {
    }

    public static void main(String... args) throws Exception {
        create(Map.of()).run(args);
    }

    /** A configured, not yet started Main; {@code overrides} win over the settings file (tests use them for ports). */
    public static Main create(Map<String, String> overrides) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations(settingsLocation());
        main.configure().addConfiguration(HorizonConfiguration.class);
        overrides.forEach(main::addOverrideProperty);
        return main;
    }
}
