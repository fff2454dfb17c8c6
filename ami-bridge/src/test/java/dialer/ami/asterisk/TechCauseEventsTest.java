package dialer.ami.asterisk;

import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asterisk-Java builds our Hangup and HangupRequest classes, with their TechCause, once registered
 * (the connection registers them the same way: by the class's simple name).
 */
class TechCauseEventsTest {

    private static ManagerEvent build(Class<? extends ManagerEvent> registered, Map<String, Object> fields) throws Exception {
        Class<?> builderClass = Class.forName("org.asteriskjava.manager.internal.EventBuilderImpl");
        Constructor<?> constructor = builderClass.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object builder = constructor.newInstance();
        Method register = builderClass.getMethod("registerEventClass", Class.class);
        register.setAccessible(true);
        register.invoke(builder, registered);
        Method buildEvent = builderClass.getMethod("buildEvent", Object.class, Map.class);
        buildEvent.setAccessible(true);
        return (ManagerEvent) buildEvent.invoke(builder, new Object(), fields);
    }

    @Test
    void aHangupKeepsItsSipStatus() throws Exception {
        Map<String, Object> fields = new HashMap<>(Map.of("event", "Hangup", "uniqueid", "dlr-7-1", "cause", "17",
                "cause-txt", "User busy", "techcause", "486"));
        ManagerEvent e = build(HangupEvent.class, fields);
        assertThat(e).isInstanceOf(HangupEvent.class);
        assertThat(((HangupEvent) e).getTechCause()).isEqualTo("486");
        assertThat(((HangupEvent) e).getCause()).isEqualTo(17);
    }

    @Test
    void aHangupRequestKeepsItsSipStatus() throws Exception {
        ManagerEvent e = build(HangupRequestEvent.class, new HashMap<>(Map.of("event", "HangupRequest", "uniqueid", "dlr-7-1",
                "cause", "21", "techcause", "603")));
        assertThat(e).isInstanceOf(HangupRequestEvent.class);
        assertThat(((HangupRequestEvent) e).getTechCause()).isEqualTo("603");
    }
}
