//! Column defaults: reading a default's SQL (from a migration, a catalog or `dbgenerated`)
//! into a normalized `DefaultValue`, so that the differ compares defaults by equality.
//!
//! Rules: every producer of a `DbSchema` builds its defaults here (`from_sql`, `from_expr`), so
//! the same default spelled two ways (`'READER'::"Role"` by a catalog, `'READER'` by a
//! migration; `now()` and `CURRENT_TIMESTAMP`; `0.50` and `0.5`) has one value. The SQL as
//! written is kept beside the value, for rendering. What a literal means depends on the
//! column's type family: `1` is `true` in a boolean column, `'5'` stays a string in a text one.

use super::Dialect;
use crate::relational::model::{ColumnDefault, DefaultValue, Literal, TypeFamily};
use sqlparser::ast::{Expr, Value};

/// A default as SQL text, for a column of `family` (`None`: an enum column).
pub fn from_sql(d: &dyn Dialect, sql: &str, family: Option<TypeFamily>) -> ColumnDefault {
    ColumnDefault {
        value: value_of(d, sql, family),
        sql: sql.to_owned(),
    }
}

/// A default that sqlparser read from a migration, written back as the dialect writes it.
pub fn from_expr(d: &dyn Dialect, expr: &Expr, family: Option<TypeFamily>) -> ColumnDefault {
    from_sql(d, &expr_sql(d, expr), family)
}

fn value_of(d: &dyn Dialect, text: &str, family: Option<TypeFamily>) -> DefaultValue {
    let parser_dialect = d.sqlparser_dialect();
    let parsed = sqlparser::parser::Parser::new(parser_dialect.as_ref())
        .try_with_sql(text)
        .and_then(|mut p| p.parse_expr());
    match parsed {
        Ok(expr) => value_of_expr(d, &strip(expr), family),
        Err(_) => DefaultValue::Expression(text.trim().to_owned()),
    }
}

/// Catalogs add casts (`'READER'::"Role"`, `'{}'::jsonb`, `upper('ab'::text)`) and
/// parentheses that say nothing the column type does not already say, and print `interval '1
/// day'` as `'1 day'::interval`: all of them go, wherever they are in the expression.
fn strip(expr: Expr) -> Expr {
    use sqlparser::ast::{FunctionArg, FunctionArgExpr, FunctionArguments};
    let boxed = |e: Box<Expr>| Box::new(strip(*e));
    match expr {
        Expr::Cast { expr: inner, .. } | Expr::Nested(inner) => strip(*inner),
        Expr::Interval(interval)
            if interval.leading_field.is_none() && interval.last_field.is_none() =>
        {
            strip(*interval.value)
        }
        Expr::Array(mut array) => {
            array.elem = array.elem.into_iter().map(strip).collect();
            Expr::Array(array)
        }
        Expr::BinaryOp { left, op, right } => Expr::BinaryOp {
            left: boxed(left),
            op,
            right: boxed(right),
        },
        Expr::UnaryOp { op, expr } => Expr::UnaryOp {
            op,
            expr: boxed(expr),
        },
        Expr::Function(mut function) => {
            if let FunctionArguments::List(list) = &mut function.args {
                for arg in &mut list.args {
                    if let FunctionArg::Unnamed(FunctionArgExpr::Expr(e)) = arg {
                        *e = strip(std::mem::replace(e, Expr::value(Value::Null)));
                    }
                }
            }
            Expr::Function(function)
        }
        other => other,
    }
}

fn value_of_expr(d: &dyn Dialect, expr: &Expr, family: Option<TypeFamily>) -> DefaultValue {
    if let Expr::Array(array) = expr {
        return DefaultValue::List(
            array
                .elem
                .iter()
                .map(|e| value_of_expr(d, e, family))
                .collect(),
        );
    }
    if let Expr::Value(v) = expr
        && let Value::SingleQuotedString(s) = &v.value
        && holds_text(family)
    {
        return DefaultValue::Literal(match family {
            Some(TypeFamily::Json) => json_literal(s),
            Some(TypeFamily::Bytes) => bytes_literal(s),
            _ => Literal::String(s.clone()),
        });
    }
    let canonical = canonical_literal(&expr_sql(d, expr));
    if let Some(now) = now_of(&canonical) {
        return now;
    }
    let upper = canonical.to_ascii_uppercase();
    if upper.starts_with("CURRENT_TIMESTAMP") || upper == "CURRENT_DATE" {
        return DefaultValue::Expression(upper);
    }
    if is_number(&canonical) {
        return DefaultValue::Literal(match (family, canonical.as_str()) {
            (Some(TypeFamily::Boolean), "1") => Literal::Boolean(true),
            (Some(TypeFamily::Boolean), "0") => Literal::Boolean(false),
            _ => Literal::Number(canonical),
        });
    }
    if let Expr::Value(v) = expr
        && let Value::SingleQuotedString(s) = &v.value
    {
        return DefaultValue::Literal(match canonical_timestamp(s) {
            Some(ts) => Literal::Timestamp(ts),
            None => Literal::String(s.clone()),
        });
    }
    DefaultValue::Expression(canonical)
}

/// A JSON document compares as the value it is: PostgreSQL's jsonb keeps its own key order and
/// spacing (`{"b": 1, "a": 2}` is `{"a": 2, "b": 1}`). Text that is not JSON stays a string.
fn json_literal(text: &str) -> Literal {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => Literal::Json(sorted_json(&value)),
        Err(_) => Literal::String(text.to_owned()),
    }
}

/// Compact JSON with every object's keys in order (serde_json may keep insertion order).
fn sorted_json(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<(&String, &serde_json::Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            let fields: Vec<String> = entries
                .into_iter()
                .map(|(k, v)| format!("{}:{}", serde_json::Value::from(k.as_str()), sorted_json(v)))
                .collect();
            format!("{{{}}}", fields.join(","))
        }
        serde_json::Value::Array(items) => {
            let items: Vec<String> = items.iter().map(sorted_json).collect();
            format!("[{}]", items.join(","))
        }
        other => other.to_string(),
    }
}

/// Bytes compare as their hex digits: PostgreSQL prints `''` as `'\x'` (its hex format).
fn bytes_literal(text: &str) -> Literal {
    let hex = match text.strip_prefix("\\x") {
        Some(digits) => digits.to_ascii_lowercase(),
        None => text.bytes().map(|b| format!("{b:02x}")).collect(),
    };
    Literal::Bytes(hex)
}

/// Columns whose string defaults are strings whatever they look like (`'5'`, `'2024-01-01'`).
fn holds_text(family: Option<TypeFamily>) -> bool {
    !matches!(
        family,
        Some(
            TypeFamily::Int
                | TypeFamily::BigInt
                | TypeFamily::Float
                | TypeFamily::Decimal
                | TypeFamily::Boolean
                | TypeFamily::DateTime
        )
    )
}

/// `now()`, `CURRENT_TIMESTAMP`, `current_timestamp(3)`.
fn now_of(text: &str) -> Option<DefaultValue> {
    let lower = text.to_ascii_lowercase();
    if lower == "now()" || lower == "current_timestamp" || lower == "current_timestamp()" {
        return Some(DefaultValue::Now { precision: None });
    }
    let precision = lower
        .strip_prefix("current_timestamp(")?
        .strip_suffix(')')?
        .trim()
        .parse()
        .ok()?;
    Some(DefaultValue::Now {
        precision: Some(precision),
    })
}

fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1
}

/// `2024-01-01T10:00:00.5+02:00` -> (`2024-01-01`, `10:00:00.5`, `+02:00`); `Z` is `+00:00`.
pub fn split_rfc3339(s: &str) -> (&str, &str, &str) {
    let Some((date, rest)) = s.split_once('T') else {
        return (s, "", "");
    };
    let split = rest.find(['Z', '+', '-']).unwrap_or(rest.len());
    let (time, offset) = rest.split_at(split);
    (
        date,
        time,
        if offset.is_empty() || offset == "Z" {
            "+00:00"
        } else {
            offset
        },
    )
}

/// Literals that catalogs spell differently: numbers (`0.0000` = `0`, `'5'` = `5`), booleans
/// (`true` = `1`), and timestamps (`'2024-01-01T00:00:00Z'` = `'2024-01-01 00:00:00 +00:00'`).
fn canonical_literal(text: &str) -> String {
    let unquoted = text
        .strip_prefix('\'')
        .and_then(|t| t.strip_suffix('\''))
        .unwrap_or(text);
    match unquoted.to_ascii_lowercase().as_str() {
        "true" => return "1".to_owned(),
        "false" => return "0".to_owned(),
        _ => {}
    }
    let digits = unquoted.strip_prefix('-').unwrap_or(unquoted);
    if !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1
    {
        let mut n = unquoted.to_owned();
        if n.contains('.') {
            n = n.trim_end_matches('0').trim_end_matches('.').to_owned();
        }
        return if n == "-0" || n.is_empty() {
            "0".to_owned()
        } else {
            n
        };
    }
    if let Some(ts) = canonical_timestamp(unquoted) {
        return format!("'{ts}'");
    }
    text.to_owned()
}

/// `YYYY-MM-DD[ T]HH:MM:SS[.fff][Z|±HH:MM]` -> `YYYY-MM-DD[ HH:MM:SS[.fff]][ ±HH:MM]`, UTC
/// offsets and midnight dropped.
fn canonical_timestamp(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let is_date =
        b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && s[..4].chars().all(|c| c.is_ascii_digit());
    if !is_date {
        return None;
    }
    let date = &s[..10];
    let rest = s[10..].trim_start_matches(['T', ' ']);
    if rest.is_empty() {
        return Some(date.to_owned());
    }
    let time_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(rest.len());
    let (time, offset) = rest.split_at(time_end);
    let offset = offset.trim();
    let time = time.trim_end_matches(".000").trim_end_matches(".0");
    let utc = matches!(offset, "" | "Z" | "+00:00" | "+0000" | "-00:00" | "+00");
    let mut out = date.to_owned();
    if time != "00:00:00" || !utc {
        out.push(' ');
        out.push_str(time);
    }
    if !utc {
        out.push(' ');
        out.push_str(offset);
    }
    Some(out)
}

/// An expression as SQL for `d`. sqlparser prints a string literal without the backslash
/// escapes MySQL reads it with (`'a\\b'` would come back as `'a\b'`), so the dialect writes it.
pub fn expr_sql(d: &dyn Dialect, expr: &sqlparser::ast::Expr) -> String {
    match expr {
        sqlparser::ast::Expr::Value(v) => match &v.value {
            sqlparser::ast::Value::SingleQuotedString(s) => d.string_literal(s),
            _ => expr.to_string(),
        },
        _ => expr.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{MySql, Postgres};
    use super::*;

    fn value(sql: &str, family: Option<TypeFamily>) -> DefaultValue {
        from_sql(&Postgres, sql, family).value
    }

    #[test]
    fn catalog_and_migration_spellings_of_a_default_are_equal() {
        let text = Some(TypeFamily::String);
        let same = |a: &str, b: &str, family: Option<TypeFamily>| {
            assert_eq!(value(a, family), value(b, family), "{a} vs {b}")
        };
        same(
            r#"ARRAY['READER', 'editor']::"user_role"[]"#,
            "ARRAY['READER'::user_role, 'editor'::user_role]",
            None,
        );
        same(
            "ARRAY['new', 'unverified']::TEXT[]",
            "ARRAY['new'::text, 'unverified'::text]",
            text,
        );
        same(r#"'READER'::"Role""#, "'READER'", None);
        same("now()", "CURRENT_TIMESTAMP", Some(TypeFamily::DateTime));
        same(
            "(abs(random()) % 1000)",
            "abs(random()) % 1000",
            Some(TypeFamily::Int),
        );
        same("0.50", "0.5", Some(TypeFamily::Decimal));
        same("'-1'::integer", "-1", Some(TypeFamily::Int));
        same("true", "1", Some(TypeFamily::Boolean));
        same(
            "'2024-01-01 00:00:00'::timestamp without time zone",
            "'2024-01-01 00:00:00 +00:00'",
            Some(TypeFamily::DateTime),
        );
        assert_ne!(value("'a'", text), value("'b'", text));
        assert_ne!(
            value("1.5", Some(TypeFamily::Float)),
            value("15", Some(TypeFamily::Float))
        );
    }

    #[test]
    fn defaults_are_typed_by_what_they_are() {
        use DefaultValue::*;
        let text = Some(TypeFamily::String);
        assert_eq!(
            value("'5'::text", Some(TypeFamily::String)),
            Literal(super::Literal::String("5".into()))
        );
        assert_eq!(
            value("'5'", Some(TypeFamily::Int)),
            Literal(super::Literal::Number("5".into()))
        );
        assert_eq!(
            value("false", Some(TypeFamily::Boolean)),
            Literal(super::Literal::Boolean(false))
        );
        assert_eq!(
            from_sql(&MySql, "current_timestamp(3)", Some(TypeFamily::DateTime)).value,
            Now { precision: Some(3) }
        );
        assert_eq!(
            value("gen_random_uuid()", Some(TypeFamily::String)),
            Expression("gen_random_uuid()".into())
        );
        let json = Some(TypeFamily::Json);
        assert_eq!(
            value(
                r#"'{"b": [1, 2], "a": {"y": true, "x": null}}'::jsonb"#,
                json
            ),
            value(r#"'{"a":{"x":null,"y":true},"b":[1,2]}'"#, json),
        );
        assert_ne!(value(r#"'{"a": 1}'"#, json), value(r#"'{"a": 2}'"#, json));
        let bytes = Some(TypeFamily::Bytes);
        assert_eq!(value("'\\x'::bytea", bytes), value("''", bytes));
        assert_eq!(value("'\\x4869'::bytea", bytes), value("'Hi'", bytes));
        let int = Some(TypeFamily::Int);
        assert_eq!(
            value("(now() + '1 day'::interval)", int),
            value("now() + interval '1 day'", int)
        );
        assert_eq!(value("upper('ab'::text)", text), value("upper('ab')", text));
        let kept = from_sql(&Postgres, "(abs(random()) % 1000)", Some(TypeFamily::Int));
        assert_eq!(
            kept.sql, "(abs(random()) % 1000)",
            "the written SQL is what renders"
        );
    }
}
