//! Identifiers, per target language: every name a generator writes passes through here.
//!
//! Rules: generators never write a schema name into code directly. They convert its case here
//! (`snake_case`, `pascal_case`), make it a valid identifier of the language
//! (`Rules::identifier`: invalid characters become `_`, a reserved word is escaped the language's
//! way), and give it out through a `Scope` so that two schema names never land on one identifier.
//! Each language is one `Rules` value: its reserved words and how it escapes them. Nothing here
//! formats code; `display_width` only measures it, for the formatters' line-width decisions.

use std::collections::HashSet;

/// One target language's identifier rules.
pub struct Rules {
    /// Words that cannot be used as written: keywords, and names the generated code itself
    /// refers to (a model called `Date` would hide the `Date` that TypeScript fields use).
    pub reserved: &'static [&'static str],
    /// Makes a reserved word usable.
    pub escape: fn(&str) -> String,
}

impl Rules {
    /// `name` as a valid, unreserved identifier of the language: characters that cannot appear
    /// in an identifier become `_`, a leading digit gets a `_` before it, and a reserved word is
    /// escaped.
    pub fn identifier(&self, name: &str) -> String {
        let mut out: String = name
            .chars()
            .map(|c| if is_ident_continue(c) { c } else { '_' })
            .collect();
        if !out.chars().next().is_some_and(is_ident_start) {
            out.insert(0, '_');
        }
        if self.is_reserved(&out) {
            out = (self.escape)(&out);
        }
        out
    }

    pub fn is_reserved(&self, word: &str) -> bool {
        self.reserved.contains(&word)
    }
}

fn append_underscore(word: &str) -> String {
    format!("{word}_")
}

/// TypeScript type and value names (property names are free: see `typescript_property_key`).
pub const TYPESCRIPT: Rules = Rules {
    reserved: &[
        // ECMAScript reserved words, and those of strict mode (modules are strict).
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "debugger",
        "default",
        "delete",
        "do",
        "else",
        "enum",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "function",
        "if",
        "import",
        "in",
        "instanceof",
        "new",
        "null",
        "return",
        "super",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "typeof",
        "var",
        "void",
        "while",
        "with",
        "implements",
        "interface",
        "let",
        "package",
        "private",
        "protected",
        "public",
        "static",
        "yield",
        "await",
        "arguments",
        "eval",
        // Names a type alias or interface cannot have.
        "any",
        "unknown",
        "never",
        "number",
        "bigint",
        "boolean",
        "string",
        "symbol",
        "object",
        "undefined",
        // Global types that generated fields refer to, and tether's own JSON types.
        "Date",
        "Uint8Array",
        "JsonValue",
        "JsonObject",
        "JsonArray",
    ],
    escape: append_underscore,
};

/// Rust identifiers of every kind.
pub const RUST: Rules = Rules {
    reserved: &[
        // Strict and reserved keywords of editions 2015 to 2024.
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move",
        "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
        "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do",
        "final", "gen", "macro", "override", "priv", "try", "typeof", "unsized", "virtual",
        "yield", // Prelude types that generated fields refer to.
        "Option", "Vec", "String",
    ],
    escape: rust_escape,
};

/// Python identifiers of every kind: classes, enums, module variables, attributes and enum
/// members, escaped with a trailing underscore (PEP 8: `class_`). Reserved: the hard keywords
/// (`keyword.kwlist`; soft keywords such as `match` and `type` are valid identifiers), the names
/// that generated modules import or define (`sa`, `Mapped`, `Base`, ...), builtins their
/// annotations use (a field `str` or `datetime` would hide them from the fields after it), names
/// that SQLAlchemy's declarative classes, `AsyncAttrs`, Pydantic's `BaseModel` and `enum.Enum`
/// define, and the ambiguous `l`, `O`, `I` (pycodestyle E741).
pub const PYTHON: Rules = Rules {
    reserved: &[
        // keyword.kwlist
        "False",
        "None",
        "True",
        "and",
        "as",
        "assert",
        "async",
        "await",
        "break",
        "class",
        "continue",
        "def",
        "del",
        "elif",
        "else",
        "except",
        "finally",
        "for",
        "from",
        "global",
        "if",
        "import",
        "in",
        "is",
        "lambda",
        "nonlocal",
        "not",
        "or",
        "pass",
        "raise",
        "return",
        "try",
        "while",
        "with",
        "yield",
        // What generated modules import or define.
        "Any",
        "AsyncAttrs",
        "Base",
        "BaseModel",
        "Callable",
        "ConfigDict",
        "DeclarativeBase",
        "Mapped",
        "Sequence",
        "TypeVar",
        "Unmapped",
        "ViewBase",
        "datetime",
        "decimal",
        "enum",
        "mapped_column",
        "mysql",
        "op",
        "postgresql",
        "relationship",
        "sa",
        "sqlite",
        "typing",
        "unmapped_column",
        "uuid",
        // Builtins that annotations use.
        "bool",
        "bytes",
        "dict",
        "float",
        "int",
        "list",
        "object",
        "str",
        "type",
        // SQLAlchemy declarative classes and AsyncAttrs.
        "metadata",
        "registry",
        "awaitable_attrs",
        "type_annotation_map",
        // Pydantic's BaseModel.
        "model_config",
        "model_fields",
        "model_computed_fields",
        "model_extra",
        "model_fields_set",
        "model_construct",
        "model_copy",
        "model_dump",
        "model_dump_json",
        "model_json_schema",
        "model_parametrized_name",
        "model_post_init",
        "model_rebuild",
        "model_validate",
        "model_validate_json",
        "model_validate_strings",
        "copy",
        "json",
        "parse_obj",
        "parse_raw",
        "parse_file",
        "from_orm",
        "construct",
        "schema",
        "schema_json",
        "validate",
        "update_forward_refs",
        // enum.Enum
        "mro",
        // pycodestyle E741
        "l",
        "O",
        "I",
    ],
    escape: append_underscore,
};

/// Rust keywords become raw identifiers (`r#type`), except the four that cannot be raw; those,
/// and prelude names (which would be shadowed, not escaped), get a trailing `_`.
fn rust_escape(word: &str) -> String {
    match word {
        "self" | "Self" | "super" | "crate" | "Option" | "Vec" | "String" => {
            append_underscore(word)
        }
        _ => format!("r#{word}"),
    }
}

/// A TypeScript property key: the name itself when it is an identifier (reserved words are
/// allowed as property names), otherwise a quoted string.
pub fn typescript_property_key(name: &str) -> String {
    let mut chars = name.chars();
    let is_identifier = chars.next().is_some_and(|c| is_ident_start(c) || c == '$')
        && chars.all(|c| is_ident_continue(c) || c == '$');
    if is_identifier {
        name.to_owned()
    } else {
        double_quoted(name)
    }
}

/// A double-quoted string literal, valid in TypeScript and in Rust.
pub fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The words of a name: split at `_`, `-` and other non-alphanumeric characters, before an
/// upper-case letter that follows a lower-case letter or a digit (`createdAt`, `v2Name`), and
/// before the last capital of an acronym that starts a new word (`HTTPServer`).
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if c.is_uppercase() && !current.is_empty() {
            let prev = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase() || prev.is_numeric() || (prev.is_uppercase() && next_is_lower) {
                words.push(std::mem::take(&mut current));
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `createdAt` -> `created_at`, `HTTPServer` -> `http_server`.
pub fn snake_case(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// `user_profile` -> `UserProfile`, `ADMIN` -> `Admin`.
pub fn pascal_case(name: &str) -> String {
    words(name).iter().map(|w| capitalize(w)).collect()
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// Identifiers handed out in one namespace (the types of a module, the fields of a struct):
/// no two names get the same one.
#[derive(Debug, Default)]
pub struct Scope {
    taken: HashSet<String>,
    /// Compare case-insensitively (file names on case-insensitive file systems).
    ignore_case: bool,
}

impl Scope {
    pub fn new() -> Scope {
        Scope::default()
    }

    /// A scope whose names differ even when case is ignored.
    pub fn ignoring_case() -> Scope {
        Scope {
            ignore_case: true,
            ..Scope::default()
        }
    }

    /// Marks names as taken without handing them out (names the module itself defines).
    pub fn reserve<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        for name in names {
            let key = self.key(name);
            self.taken.insert(key);
        }
    }

    /// Gives each wanted identifier out, in order, appending `_` until it is free. Names that
    /// are wanted exactly as written (`wanted == original`) are served first, so that a renamed
    /// name never takes the place of one the user wrote.
    pub fn assign(&mut self, wanted: &[(String, bool)]) -> Vec<String> {
        let mut out: Vec<Option<String>> = vec![None; wanted.len()];
        for pass in [true, false] {
            for (i, (name, as_written)) in wanted.iter().enumerate() {
                if *as_written != pass {
                    continue;
                }
                let mut candidate = name.clone();
                while self.taken.contains(&self.key(&candidate)) {
                    candidate.push('_');
                }
                self.taken.insert(self.key(&candidate));
                out[i] = Some(candidate);
            }
        }
        out.into_iter().map(Option::unwrap_or_default).collect()
    }

    /// `assign` for names that a conversion turns into identifiers (`convert` is `Rules::identifier`
    /// after a case conversion, say): a name the conversion leaves alone counts as written.
    pub fn assign_converted<'a>(
        &mut self,
        names: impl IntoIterator<Item = &'a str>,
        convert: impl Fn(&str) -> String,
    ) -> Vec<String> {
        let wanted: Vec<(String, bool)> = names
            .into_iter()
            .map(|name| {
                let id = convert(name);
                let as_written = id == name;
                (id, as_written)
            })
            .collect();
        self.assign(&wanted)
    }

    fn key(&self, name: &str) -> String {
        if self.ignore_case {
            name.to_lowercase()
        } else {
            name.to_owned()
        }
    }
}

/// Columns a line takes in a terminal or editor, as formatters count them: East Asian wide and
/// full-width characters take two, combining marks none.
pub fn display_width(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    text.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    let cp = c as u32;
    let combining = matches!(cp, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
        || cp == 0x200B
        || cp == 0x200D;
    let wide = matches!(
        cp,
        0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x1F300..=0x1F64F
            | 0x1F900..=0x1F9FF
            | 0x20000..=0x3FFFD
    );
    if combining {
        0
    } else if wide {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_at_case_digits_and_separators() {
        assert_eq!(words("createdAt"), ["created", "At"]);
        assert_eq!(words("HTTPServer"), ["HTTP", "Server"]);
        assert_eq!(words("user_id"), ["user", "id"]);
        assert_eq!(words("v2Name"), ["v2", "Name"]);
        assert_eq!(words("A_B"), ["A", "B"]);
        assert_eq!(words("ÉTÉ"), ["ÉTÉ"]);
        assert_eq!(words("日本語"), ["日本語"]);
        assert_eq!(words("my-field"), ["my", "field"]);
    }

    #[test]
    fn converts_case() {
        assert_eq!(snake_case("createdAt"), "created_at");
        assert_eq!(snake_case("userID"), "user_id");
        assert_eq!(snake_case("HTTPServer"), "http_server");
        assert_eq!(snake_case("Café"), "café");
        assert_eq!(pascal_case("user_profile"), "UserProfile");
        assert_eq!(pascal_case("ADMIN"), "Admin");
        assert_eq!(pascal_case("ÉTÉ"), "Été");
        assert_eq!(pascal_case("class"), "Class");
    }

    #[test]
    fn escapes_reserved_words_per_language() {
        assert_eq!(RUST.identifier("type"), "r#type");
        assert_eq!(RUST.identifier("gen"), "r#gen");
        assert_eq!(RUST.identifier("self"), "self_");
        assert_eq!(RUST.identifier("Self"), "Self_");
        assert_eq!(RUST.identifier("crate"), "crate_");
        assert_eq!(RUST.identifier("super"), "super_");
        assert_eq!(RUST.identifier("Option"), "Option_");
        assert_eq!(RUST.identifier("names"), "names");
        assert_eq!(RUST.identifier("my-field"), "my_field");
        assert_eq!(RUST.identifier("1st"), "_1st");
        assert_eq!(TYPESCRIPT.identifier("Date"), "Date_");
        assert_eq!(TYPESCRIPT.identifier("number"), "number_");
        assert_eq!(TYPESCRIPT.identifier("Type"), "Type");
        assert_eq!(TYPESCRIPT.identifier("Café"), "Café");
    }

    #[test]
    fn quotes_typescript_keys_only_when_needed() {
        assert_eq!(typescript_property_key("class"), "class");
        assert_eq!(typescript_property_key("café"), "café");
        assert_eq!(typescript_property_key("$x"), "$x");
        assert_eq!(typescript_property_key("my-field"), "\"my-field\"");
        assert_eq!(typescript_property_key("1st"), "\"1st\"");
        assert_eq!(double_quoted("a\"b\\c"), r#""a\"b\\c""#);
    }

    #[test]
    fn scope_keeps_names_apart_and_prefers_names_as_written() {
        let mut scope = Scope::new();
        let got = scope.assign(&[
            ("created_at".into(), false),
            ("created_at".into(), true),
            ("x".into(), true),
        ]);
        assert_eq!(got, ["created_at_", "created_at", "x"]);
        let mut files = Scope::ignoring_case();
        files.reserve(["index"]);
        assert_eq!(files.assign(&[("Index".into(), true)]), ["Index_"]);
    }

    #[test]
    fn escapes_python_keywords_and_names_generated_code_uses() {
        // keyword.kwlist of Python 3.13.
        let kwlist = "False None True and as assert async await break class continue def del \
                      elif else except finally for from global if import in is lambda nonlocal \
                      not or pass raise return try while with yield";
        for word in kwlist.split_whitespace() {
            assert_eq!(PYTHON.identifier(word), format!("{word}_"));
        }
        assert_eq!(PYTHON.identifier("match"), "match");
        assert_eq!(PYTHON.identifier("Base"), "Base_");
        assert_eq!(PYTHON.identifier("日本"), "日本");
        assert_eq!(PYTHON.identifier("metadata"), "metadata_");
        assert_eq!(PYTHON.identifier("model_dump"), "model_dump_");
        assert_eq!(PYTHON.identifier("datetime"), "datetime_");
        assert_eq!(PYTHON.identifier("1st"), "_1st");
    }

    #[test]
    fn measures_wide_characters() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("日本"), 4);
        assert_eq!(display_width("é"), 1);
    }
}
