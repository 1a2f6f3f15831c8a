package org.tipline.shared;

import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * YAML that admins write (policies): read into plain maps, lists and scalars only (no types, no
 * duplicate keys, few aliases, shallow nesting, bounded size), and written back in block style.
 */
public final class SafeYaml {

    private SafeYaml() {}

    /**
     * Reads {@code text} into a tree of maps, lists and scalars.
     *
     * @throws InvalidInput on field {@code yaml}: too long, empty, or not YAML
     */
    public static Object load(String text, int limit) {
        if (text.length() > limit) {
            throw new InvalidInput(Map.of("yaml", "error.too-long"));
        }
        var options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(limit * 2);
        options.setNestingDepthLimit(10);
        try {
            var tree = new Yaml(new SafeConstructor(options)).load(text);
            if (tree == null) {
                throw new InvalidInput(Map.of("yaml", "error.required"));
            }
            return tree;
        } catch (YAMLException e) {
            throw new InvalidInput(Map.of("yaml", "error.policy.yaml"));
        }
    }

    /** Writes a tree of maps, lists and scalars as block-style YAML. */
    public static String dump(Object tree) {
        var options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(100);
        return new Yaml(new Representer(options), options).dump(tree);
    }

    /**
     * Decodes a request body holding YAML as UTF-8, refusing invalid bytes rather than replacing them.
     *
     * @throws InvalidInput on field {@code yaml}
     */
    public static String text(byte[] body) {
        try {
            return java.nio.charset.StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidInput(Map.of("yaml", "error.upload.invalid-utf8"));
        }
    }
}
