package org.tipline.intake.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tipline.shared.InvalidInput;
import tools.jackson.databind.JsonNode;

/** Reads answers from form fields ({@code answers.<key>}) or from JSON ({@code "answers": {...}}). */
final class Answers {

    private Answers() {}

    static Map<String, List<String>> fromFields(Map<String, List<String>> fields) {
        var answers = new LinkedHashMap<String, List<String>>();
        fields.forEach((name, values) -> {
            if (name.startsWith("answers.")) {
                answers.put(name.substring(8), values);
            }
        });
        return answers;
    }

    static Map<String, List<String>> fromJson(JsonNode answers) {
        var result = new LinkedHashMap<String, List<String>>();
        if (answers == null || answers.isNull() || answers.isMissingNode()) {
            return result;
        }
        if (!answers.isObject()) {
            throw new InvalidInput(Map.of("answers", "error.answers.shape"));
        }
        for (var entry : answers.properties()) {
            var value = entry.getValue();
            var values = new ArrayList<String>();
            if (value.isString()) {
                values.add(value.asString());
            } else if (value.isArray()) {
                for (var item : value) {
                    if (!item.isString()) {
                        throw new InvalidInput(Map.of("answers." + entry.getKey(), "error.answers.shape"));
                    }
                    values.add(item.asString());
                }
            } else if (!value.isNull()) {
                throw new InvalidInput(Map.of("answers." + entry.getKey(), "error.answers.shape"));
            }
            result.put(entry.getKey(), values);
        }
        return result;
    }
}
