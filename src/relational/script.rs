//! SQL scripts as text: splitting a script into its statements without parsing it.
//!
//! Rules: a semicolon ends a statement only outside quotes ('...', "...", `...`), comments
//! (-- and /* */) and PostgreSQL dollar-quoted bodies. Statements that hold only whitespace and
//! comments are dropped.

/// Splits a script into statements at top-level semicolons (not inside quotes or comments).
pub fn split_statements(sql: &str) -> Vec<&str> {
    let bytes = sql.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            quote @ (b'\'' | b'"' | b'`') => {
                i += 1;
                while i < bytes.len() {
                    if bytes[i] == b'\\' && quote == b'\'' {
                        i += 1;
                    } else if bytes[i] == quote {
                        if bytes.get(i + 1) == Some(&quote) {
                            i += 1;
                        } else {
                            break;
                        }
                    }
                    i += 1;
                }
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            // PostgreSQL dollar quoting: $$ ... $$ or $tag$ ... $tag$; a `$` inside an unquoted
            // identifier (`a$b$c`, legal in PostgreSQL and MySQL) opens nothing.
            b'$' if !(i > 0 && is_identifier_byte(bytes[i - 1])) => {
                let tag_len = bytes[i + 1..].iter().position(|&c| c == b'$').filter(|&n| {
                    bytes[i + 1..i + 1 + n]
                        .iter()
                        .all(|c| c.is_ascii_alphanumeric() || *c == b'_')
                });
                if let Some(n) = tag_len {
                    let tag = &sql[i..i + n + 2];
                    match sql[i + n + 2..].find(tag) {
                        Some(close) => i += n + 2 + close + tag.len() - 1,
                        None => i = bytes.len(),
                    }
                }
            }
            b';' => {
                out.push(&sql[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(&sql[start.min(sql.len())..]);
    out.into_iter()
        .filter(|s| {
            s.lines()
                .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with("--"))
        })
        .collect()
}

/// A byte that can continue an unquoted identifier (UTF-8 continuation and lead bytes
/// included: identifiers may hold non-ASCII letters).
fn is_identifier_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dollar_inside_an_identifier_is_not_a_dollar_quote() {
        let sql = "CREATE TABLE a$b$c (x INT);\nDROP TABLE y;\nSELECT $q$ ; $q$;";
        assert_eq!(
            split_statements(sql),
            [
                "CREATE TABLE a$b$c (x INT)",
                "\nDROP TABLE y",
                "\nSELECT $q$ ; $q$"
            ]
        );
    }

    #[test]
    fn statements_split_at_top_level_semicolons() {
        let sql = "-- a; comment\nCREATE TABLE `a;b` (x TEXT DEFAULT 'it''s; fine');\n/* ; */ DROP TABLE x;\n-- trailing\n";
        let parts = split_statements(sql);
        assert_eq!(parts.len(), 2, "{parts:?}");
        assert!(parts[0].contains("'it''s; fine'"));
        assert!(parts[1].trim_start().starts_with("/* ; */ DROP TABLE x"));
        let function = "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql; SELECT $$a;b$$;";
        assert_eq!(
            split_statements(function).len(),
            2,
            "{:?}",
            split_statements(function)
        );
    }
}
