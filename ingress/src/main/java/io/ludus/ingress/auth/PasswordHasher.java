package io.ludus.ingress.auth;

import io.ludus.ingress.http.ApiErrorCode;
import io.ludus.ingress.http.ApiException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Argon2id (Bouncy Castle) in the PHC string format, e.g. {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}:
 * the parameters travel with each hash, so changing them keeps old hashes verifiable. Each hash
 * takes {@code m} KiB, so at most {@code maxConcurrentHashes} run at once (bounded memory).
 */
@Singleton
public class PasswordHasher {

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final Semaphore slots;
    private final SecureRandom random = new SecureRandom();

    @Inject
    PasswordHasher(AuthProperties properties) {
        this(properties.argon2MemoryKib(), properties.argon2Iterations(), properties.argon2Parallelism(), properties.maxConcurrentHashes());
    }

    public PasswordHasher(int memoryKib, int iterations, int parallelism, int maxConcurrent) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.slots = new Semaphore(maxConcurrent, true);
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = compute(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** False for a wrong password and for a string that is not an Argon2id PHC hash. */
    public boolean verify(String password, String encoded) {
        try {
            return verifyPhc(password, encoded);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean verifyPhc(String password, String encoded) {
        String[] parts = encoded.split("\\$");
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return false;
        }
        int m = 0;
        int t = 0;
        int p = 0;
        for (String param : parts[3].split(",")) {
            String[] kv = param.split("=", 2);
            if (kv.length != 2) {
                return false;
            }
            int value = Integer.parseInt(kv[1]);
            switch (kv[0]) {
                case "m" -> m = value;
                case "t" -> t = value;
                case "p" -> p = value;
                default -> { return false; }
            }
        }
        if (m < 8 || m > 4 * 1024 * 1024 || t < 1 || t > 100 || p < 1 || p > 16) {
            return false;
        }
        byte[] salt = B64D.decode(parts[4]);
        byte[] expected = B64D.decode(parts[5]);
        return MessageDigest.isEqual(expected, compute(password, salt, m, t, p, expected.length));
    }

    /** Spends the time of one hash, so an unknown name answers as slowly as a wrong password. */
    public void burn(String password) {
        compute(password, new byte[SALT_BYTES], memoryKib, iterations, parallelism, HASH_BYTES);
    }

    private byte[] compute(String password, byte[] salt, int m, int t, int p, int length) {
        try {
            if (!slots.tryAcquire(5, TimeUnit.SECONDS)) {
                throw new ApiException(ApiErrorCode.UNAVAILABLE, "the server is busy checking passwords; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiErrorCode.UNAVAILABLE, "interrupted");
        }
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(m)
                    .withIterations(t)
                    .withParallelism(p)
                    .withSalt(salt)
                    .build());
            byte[] out = new byte[length];
            generator.generateBytes(password.toCharArray(), out);
            return out;
        } finally {
            slots.release();
        }
    }
}
