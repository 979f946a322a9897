package io.ludus.ingress.account;

/** PostgreSQL could not be reached or refused a statement; the operation changed nothing. */
public class AccountStoreException extends RuntimeException {
    public AccountStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
