package io.ludus.ingress.delivery;

/** PostgreSQL could not be reached or refused a statement on the notification log. */
public class NotificationLogException extends RuntimeException {
    public NotificationLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
