/*
 * How long one HPKE seal (a report key wrapped to one recipient) takes with Tink's pure-Java
 * X25519 and with Conscrypt's native one, single-threaded and warm. A benchmark, not a test:
 *
 *   bench/run.sh hpke
 */

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.hybrid.HybridConfig;
import java.security.Security;
import java.util.Arrays;

public class HpkeSeal {

    public static void main(String[] args) throws Exception {
        var nativeX25519 = args.length > 0 && args[0].equals("conscrypt");
        if (nativeX25519) {
            Security.addProvider(org.conscrypt.Conscrypt.newProvider());
        }
        HybridConfig.register();
        var recipient = KeysetHandle.generateNew(KeyTemplates.get("DHKEM_X25519_HKDF_SHA256_HKDF_SHA256_AES_256_GCM_RAW"));
        var seal = recipient.getPublicKeysetHandle().getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
        var reportKey = new byte[32];
        var rounds = new double[7];
        for (int round = 0; round < rounds.length; round++) {
            int n = 2000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                seal.encrypt(reportKey, new byte[0]);
            }
            rounds[round] = (System.nanoTime() - start) / 1e3 / n;
        }
        // the first rounds warm the JIT up; report the median of the rest
        var warm = Arrays.copyOfRange(rounds, 2, rounds.length);
        Arrays.sort(warm);
        System.out.printf("HPKE seal, %s X25519: %.0f µs (median of %d warm rounds of 2,000)%n",
                nativeX25519 ? "Conscrypt (native)" : "Tink pure-Java", warm[warm.length / 2], warm.length);
    }
}
