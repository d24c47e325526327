package io.dealstream.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Just enough JSON Schema 2020-12 for the services' own contract schemas (and the header schemas of their AsyncAPI
 * documents). A keyword it does not know is reported as a violation, so a schema never claims more than a contract
 * test checks. {@code $ref} is resolved as a JSON pointer into the root given to the constructor.
 */
public final class JsonSchemaCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$defs", "$comment", "title",
            "description", "examples", "default", "then", "else");
    private final JsonNode root;

    public JsonSchemaCheck(JsonNode root) {
        this.root = root;
    }

    /** What is wrong with {@code value} against the root schema; empty when it matches. */
    public List<String> violations(JsonNode value) {
        return violations(value, root);
    }

    /** What is wrong with {@code value} against {@code schema}, a part of the root (its {@code $ref}s point into the root). */
    public List<String> violations(JsonNode value, JsonNode schema) {
        List<String> out = new ArrayList<>();
        check(schema, value, "$", out);
        return out;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> out) {
        for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
            JsonNode s = keyword.getValue();
            switch (keyword.getKey()) {
                case "$ref" -> {
                    if (!s.asText().startsWith("#")) {
                        out.add(at + ": $ref " + s.asText() + " is not a local pointer");
                    } else {
                        JsonNode target = root.at(s.asText().substring(1));
                        if (target.isMissingNode()) out.add(at + ": $ref " + s.asText() + " points nowhere");
                        else check(target, value, at, out);
                    }
                }
                case "type" -> {
                    List<?> allowed = s.isArray() ? JSON.convertValue(s, List.class) : List.of(s.asText());
                    if (allowed.stream().noneMatch(t -> isType(value, String.valueOf(t)))) {
                        out.add(at + ": not " + allowed);
                    }
                }
                case "required" -> s.forEach(name -> {
                    if (value.isObject() && !value.has(name.asText())) out.add(at + ": missing " + name.asText());
                });
                case "properties" -> s.properties().forEach(p -> {
                    if (value.has(p.getKey())) check(p.getValue(), value.get(p.getKey()), at + "." + p.getKey(), out);
                });
                case "additionalProperties" -> value.properties().forEach(p -> {
                    if (!schema.path("properties").has(p.getKey())) {
                        if (s.isBoolean() && !s.asBoolean()) out.add(at + ": unexpected " + p.getKey());
                        if (s.isObject()) check(s, p.getValue(), at + "." + p.getKey(), out);
                    }
                });
                case "propertyNames" -> value.properties().forEach(p -> check(s, TextNode.valueOf(p.getKey()),
                        at + " key " + p.getKey(), out));
                case "items" -> {
                    for (int i = 0; value.isArray() && i < value.size(); i++) {
                        check(s, value.get(i), at + "[" + i + "]", out);
                    }
                }
                case "uniqueItems" -> {
                    if (s.asBoolean() && value.isArray()) {
                        Set<JsonNode> seen = new java.util.HashSet<>();
                        value.forEach(item -> {
                            if (!seen.add(item)) out.add(at + ": duplicate " + item);
                        });
                    }
                }
                case "minItems", "minProperties" -> {
                    if (value.isContainerNode() && value.size() < s.asInt()) out.add(at + ": fewer than " + s);
                }
                case "maxItems", "maxProperties" -> {
                    if (value.isContainerNode() && value.size() > s.asInt()) out.add(at + ": more than " + s);
                }
                case "minLength", "maxLength" -> {
                    int length = value.isTextual() ? value.asText().codePointCount(0, value.asText().length()) : -1;
                    boolean min = keyword.getKey().equals("minLength");
                    if (length >= 0 && (min ? length < s.asInt() : length > s.asInt())) {
                        out.add(at + ": length " + length);
                    }
                }
                case "minimum", "maximum" -> {
                    int cmp = value.isNumber() ? value.decimalValue().compareTo(s.decimalValue()) : 0;
                    if (keyword.getKey().equals("minimum") ? cmp < 0 : cmp > 0) out.add(at + ": out of range " + value);
                }
                case "enum" -> {
                    if (!JSON.convertValue(s, List.class).contains(JSON.convertValue(value, Object.class))) {
                        out.add(at + ": not one of " + s);
                    }
                }
                case "const" -> {
                    if (!s.equals(value)) out.add(at + ": not " + s);
                }
                case "pattern" -> {
                    if (value.isTextual() && !Pattern.compile(s.asText()).matcher(value.asText()).find()) {
                        out.add(at + ": does not match " + s.asText());
                    }
                }
                case "format" -> {
                    if (value.isTextual() && !hasFormat(value.asText(), s.asText())) {
                        out.add(at + ": not a " + s.asText());
                    }
                }
                case "allOf" -> s.forEach(sub -> check(sub, value, at, out));
                case "if" -> {
                    JsonNode branch = violations(value, s).isEmpty() ? schema.get("then") : schema.get("else");
                    if (branch != null) check(branch, value, at, out);
                }
                default -> {
                    if (!ANNOTATIONS.contains(keyword.getKey())) {
                        out.add(at + ": keyword " + keyword.getKey() + " is not checked by JsonSchemaCheck");
                    }
                }
            }
        }
    }

    private static boolean isType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    private static boolean hasFormat(String text, String format) {
        try {
            switch (format) {
                case "uuid" -> {
                    return UUID_TEXT.matcher(text).matches();
                }
                case "date" -> LocalDate.parse(text);
                case "date-time" -> OffsetDateTime.parse(text);
                default -> {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
