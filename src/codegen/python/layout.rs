//! Python expressions as a small tree, printed the way `ruff format` prints them, so that the
//! generated modules are already formatted (`ruff format --check` passes).
//!
//! Rules: generators build `Expr` values and never join code text with line breaks themselves;
//! `statement` decides every line break. The layout is ruff's (and black's) for the expressions
//! tether writes: a statement that fits in 88 columns stays on one line; otherwise the last
//! bracket pair is split, its contents go on one indented line if they fit (call arguments) or
//! one item per line with a trailing comma (collection literals, or arguments that do not fit);
//! a method chain with two or more calls after dots goes one call per line ("fluent" style).
//! Widths are display widths (`naming::display_width`), as ruff measures them. String literals
//! come from `string`, which picks quotes as ruff does.

use crate::codegen::naming::display_width;

/// ruff's default line length.
pub const WIDTH: usize = 88;
const INDENT: usize = 4;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// Text printed as is and never split: names, literals, short expressions.
    Atom(String),
    /// `callee(args)`.
    Call(Box<Expr>, Vec<Arg>),
    /// `value.name`
    Attr(Box<Expr>, String),
    Tuple(Vec<Expr>),
    List(Vec<Expr>),
    Dict(Vec<(Expr, Expr)>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Pos(Expr),
    Kw(String, Expr),
}

/// A name or any text that is never split.
pub fn atom(text: impl Into<String>) -> Expr {
    Expr::Atom(text.into())
}

/// `callee(args)` where the callee is a dotted name such as `sa.Column`.
pub fn call(callee: &str, args: Vec<Arg>) -> Expr {
    Expr::Call(Box::new(dotted(callee)), args)
}

/// A dotted name (`sa.Column`) as attribute accesses, so that chains are seen as ruff sees them.
pub fn dotted(name: &str) -> Expr {
    let mut parts = name.split('.');
    let first = atom(parts.next().unwrap_or_default());
    parts.fold(first, |value, part| {
        Expr::Attr(Box::new(value), part.to_owned())
    })
}

/// `value.method(args)`
pub fn method(value: Expr, name: &str, args: Vec<Arg>) -> Expr {
    Expr::Call(Box::new(Expr::Attr(Box::new(value), name.to_owned())), args)
}

pub fn pos(e: Expr) -> Arg {
    Arg::Pos(e)
}

pub fn kw(name: &str, e: Expr) -> Arg {
    Arg::Kw(name.to_owned(), e)
}

/// A Python string literal with ruff's quotes: double quotes unless the text holds more double
/// than single quotes.
pub fn string(text: &str) -> Expr {
    atom(string_literal(text))
}

pub fn string_literal(text: &str) -> String {
    let doubles = text.matches('"').count();
    let singles = text.matches('\'').count();
    let quote = if doubles > singles { '\'' } else { '"' };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

impl Expr {
    /// The expression on one line.
    pub fn flat(&self) -> String {
        match self {
            Expr::Atom(s) => s.clone(),
            Expr::Call(callee, args) => format!("{}({})", callee.flat(), flat_args(args)),
            Expr::Attr(value, name) => format!("{}.{name}", value.flat()),
            Expr::Tuple(items) if items.len() == 1 => format!("({},)", items[0].flat()),
            Expr::Tuple(items) => format!("({})", flat_list(items)),
            Expr::List(items) => format!("[{}]", flat_list(items)),
            Expr::Dict(entries) => format!(
                "{{{}}}",
                entries
                    .iter()
                    .map(|(k, v)| format!("{}: {}", k.flat(), v.flat()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// A method chain that ruff lays out one call per line (at least two attribute accesses
    /// whose value is a call): its first value and the calls after it.
    fn chain(&self) -> Option<(Expr, Vec<ChainCall>)> {
        let mut calls = Vec::new();
        let mut current = self;
        let mut counted = 0;
        while let Expr::Call(callee, args) = current {
            let Expr::Attr(value, name) = callee.as_ref() else {
                break;
            };
            if !matches!(value.as_ref(), Expr::Call(..)) {
                break;
            }
            counted += 1;
            calls.push((name.clone(), args.clone()));
            current = value;
        }
        if counted < 2 {
            return None;
        }
        calls.reverse();
        Some((current.clone(), calls))
    }
}

/// The calls along an expression's spine (callee and attribute values), the outermost first:
/// for each, the text up to its opening bracket, its arguments, and the text after its closing
/// bracket.
fn spine_calls(expr: &Expr) -> Vec<(String, &[Arg], String)> {
    let mut out = Vec::new();
    let mut suffix = String::new();
    let mut current = expr;
    loop {
        match current {
            Expr::Call(callee, args) => {
                out.push((
                    format!("{}(", callee.flat()),
                    args.as_slice(),
                    suffix.clone(),
                ));
                suffix = format!("({}){suffix}", flat_args(args));
                current = callee;
            }
            Expr::Attr(value, name) => {
                suffix = format!(".{name}{suffix}");
                current = value;
            }
            _ => return out,
        }
    }
}

/// `.name(args)` in a method chain.
type ChainCall = (String, Vec<Arg>);

fn flat_list(items: &[Expr]) -> String {
    items.iter().map(Expr::flat).collect::<Vec<_>>().join(", ")
}

fn flat_arg(arg: &Arg) -> String {
    match arg {
        Arg::Pos(e) => e.flat(),
        Arg::Kw(name, e) => format!("{name}={}", e.flat()),
    }
}

fn flat_args(args: &[Arg]) -> String {
    args.iter().map(flat_arg).collect::<Vec<_>>().join(", ")
}

/// A statement `prefix expr`, indented by `indent` spaces, laid out over as many lines as ruff
/// would use. `prefix` is the text before the expression (`name: Mapped[int] = `, `return `, or
/// nothing); every line of the result carries its indentation; no trailing newline.
pub fn statement(indent: usize, prefix: &str, expr: &Expr) -> String {
    let mut out = " ".repeat(indent);
    out.push_str(prefix);
    layout(expr, indent, display_width(prefix), 0, &mut out);
    out
}

/// The annotation of an annotated assignment.
pub enum Annotation<'a> {
    /// `Mapped[inner]`: split inside its brackets when the line is too long.
    Subscript(&'a str, &'a str),
    /// `str | None`: parenthesized when the line is too long.
    Plain(&'a str),
}

impl<'a> Annotation<'a> {
    /// ruff splits an annotation inside its own brackets when it has them (`list[float]`, a
    /// single top-level subscript), and parenthesizes it otherwise.
    fn with_own_brackets(self) -> Annotation<'a> {
        let Annotation::Plain(text) = self else {
            return self;
        };
        let Some(open) = text.find('[') else {
            return self;
        };
        if !text.ends_with(']')
            || !text[..open]
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
        {
            return self;
        }
        // The bracket opened first must be the one that closes last.
        let mut depth = 0;
        for (i, c) in text.char_indices() {
            match c {
                '[' | '(' => depth += 1,
                ']' | ')' => {
                    depth -= 1;
                    if depth == 0 && i + 1 != text.len() {
                        return self;
                    }
                }
                _ => {}
            }
        }
        Annotation::Subscript(&text[..open], &text[open + 1..text.len() - 1])
    }
}

/// `target: annotation` or `target: annotation = value`, as ruff lays it out: when the line up
/// to the value's first bracket does not fit, the annotation splits first (`Mapped[` / inner /
/// `] = value`, or `(` / annotation / `) = value`).
pub fn annotated(
    indent: usize,
    target: &str,
    annotation: Annotation,
    value: Option<&Expr>,
) -> String {
    let annotation = annotation.with_own_brackets();
    let text = match annotation {
        Annotation::Subscript(name, inner) => format!("{name}[{inner}]"),
        Annotation::Plain(text) => text.to_owned(),
    };
    let Some(value) = value else {
        let line = format!("{target}: {text}");
        if indent + display_width(&line) <= WIDTH {
            return format!("{}{line}", " ".repeat(indent));
        }
        return split_annotation(indent, target, &annotation, "");
    };
    let prefix = format!("{target}: {text} = ");
    let head = match value {
        Expr::Call(callee, _) => format!("{prefix}{}(", callee.flat()),
        other => format!("{prefix}{}", other.flat()),
    };
    if indent + display_width(&head) <= WIDTH {
        return statement(indent, &prefix, value);
    }
    let mut out = split_annotation(indent, target, &annotation, " = ");
    let before = match annotation {
        Annotation::Subscript(..) => "] = ".len(),
        Annotation::Plain(_) => ") = ".len(),
    };
    layout(value, indent, before, 0, &mut out);
    out
}

/// The annotation over three lines, the last one ending with `]` or `)` and `rest`.
fn split_annotation(indent: usize, target: &str, annotation: &Annotation, rest: &str) -> String {
    let pad = " ".repeat(indent);
    let inner_pad = " ".repeat(indent + INDENT);
    match annotation {
        Annotation::Subscript(name, inner) => {
            format!("{pad}{target}: {name}[\n{inner_pad}{inner}\n{pad}]{rest}")
        }
        Annotation::Plain(text) => format!("{pad}{target}: (\n{inner_pad}{text}\n{pad}){rest}"),
    }
}

/// Appends `expr` to `out`, whose current line already holds `indent` spaces and `before`
/// columns of text; `after` columns follow the expression on its last line.
fn layout(expr: &Expr, indent: usize, before: usize, after: usize, out: &mut String) {
    let flat = expr.flat();
    if indent + before + display_width(&flat) + after <= WIDTH {
        out.push_str(&flat);
        return;
    }
    if let Some((first, calls)) = expr.chain() {
        layout(&first, indent, before, 0, out);
        for (i, (name, args)) in calls.iter().enumerate() {
            newline(out, indent);
            let segment = format!(".{name}({})", flat_args(args));
            let tail = if i + 1 == calls.len() { after } else { 0 };
            if indent + display_width(&segment) + tail <= WIDTH {
                out.push_str(&segment);
                continue;
            }
            out.push_str(&format!(".{name}("));
            let items: Vec<Item> = args.iter().map(Item::Arg).collect();
            bracket_body(&items, false, indent, ")", out);
        }
        return;
    }
    match expr {
        Expr::Atom(_) => out.push_str(&flat),
        Expr::Call(..) => {
            // The last bracket pair whose opening line fits, as ruff omits trailing calls
            // (`ENUM(...).create(bind)` splits inside `ENUM(` when `...).create(` is too long).
            let calls = spine_calls(expr);
            let (head, args, tail) = calls
                .iter()
                .find(|(head, _, _)| indent + before + display_width(head) <= WIDTH)
                .unwrap_or(&calls[0]);
            out.push_str(head);
            let items: Vec<Item> = args.iter().map(Item::Arg).collect();
            bracket_body(&items, false, indent, ")", out);
            out.push_str(tail);
        }
        Expr::Attr(value, name) => {
            layout(value, indent, before, after + name.len() + 1, out);
            out.push('.');
            out.push_str(name);
        }
        Expr::Tuple(items) => {
            out.push('(');
            let items: Vec<Item> = items.iter().map(Item::Expr).collect();
            bracket_body(&items, true, indent, ")", out);
        }
        Expr::List(items) => {
            out.push('[');
            let items: Vec<Item> = items.iter().map(Item::Expr).collect();
            bracket_body(&items, true, indent, "]", out);
        }
        Expr::Dict(entries) => {
            out.push('{');
            let items: Vec<Item> = entries.iter().map(|(k, v)| Item::Entry(k, v)).collect();
            bracket_body(&items, true, indent, "}", out);
        }
    }
}

/// One item between brackets.
enum Item<'a> {
    Arg(&'a Arg),
    Expr(&'a Expr),
    Entry(&'a Expr, &'a Expr),
}

impl Item<'_> {
    fn flat(&self) -> String {
        match self {
            Item::Arg(a) => flat_arg(a),
            Item::Expr(e) => e.flat(),
            Item::Entry(k, v) => format!("{}: {}", k.flat(), v.flat()),
        }
    }

    /// The text before the item's expression and the expression.
    fn parts(&self) -> (String, &Expr) {
        match self {
            Item::Arg(Arg::Pos(e)) => (String::new(), e),
            Item::Expr(e) => (String::new(), *e),
            Item::Arg(Arg::Kw(name, e)) => (format!("{name}="), e),
            Item::Entry(k, v) => (format!("{}: ", k.flat()), v),
        }
    }
}

/// The contents of a bracket pair whose opening bracket ends the current line, then the closing
/// bracket. The contents fit on one line (`explode` false: call arguments) or go one per line.
fn bracket_body(items: &[Item], explode: bool, indent: usize, close: &str, out: &mut String) {
    if items.is_empty() {
        out.push_str(close);
        return;
    }
    let inner = indent + INDENT;
    let joined = items.iter().map(Item::flat).collect::<Vec<_>>().join(", ");
    if !explode && inner + display_width(&joined) <= WIDTH {
        newline(out, inner);
        out.push_str(&joined);
    } else {
        for item in items {
            newline(out, inner);
            let (prefix, expr) = item.parts();
            out.push_str(&prefix);
            layout(expr, inner, display_width(&prefix), 1, out);
            out.push(',');
        }
    }
    newline(out, indent);
    out.push_str(close);
}

fn newline(out: &mut String, indent: usize) {
    out.push('\n');
    out.push_str(&" ".repeat(indent));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column() -> Expr {
        call(
            "mapped_column",
            vec![
                pos(method(
                    method(
                        call("sa.DateTime", vec![]),
                        "with_variant",
                        vec![
                            pos(call(
                                "postgresql.TIMESTAMP",
                                vec![kw("precision", atom("3"))],
                            )),
                            pos(string("postgresql")),
                        ],
                    ),
                    "with_variant",
                    vec![
                        pos(call("mysql.DATETIME", vec![kw("fsp", atom("3"))])),
                        pos(string("mysql")),
                    ],
                )),
                kw(
                    "server_default",
                    call("sa.text", vec![pos(string("CURRENT_TIMESTAMP"))]),
                ),
            ],
        )
    }

    #[test]
    fn short_statements_stay_on_one_line() {
        let e = call("mapped_column", vec![pos(call("sa.Text", vec![]))]);
        assert_eq!(
            statement(4, "name: Mapped[str] = ", &e),
            "    name: Mapped[str] = mapped_column(sa.Text())"
        );
    }

    #[test]
    fn long_calls_split_like_ruff() {
        assert_eq!(
            statement(4, "joined_at: Mapped[datetime.datetime] = ", &column()),
            r#"    joined_at: Mapped[datetime.datetime] = mapped_column(
        sa.DateTime()
        .with_variant(postgresql.TIMESTAMP(precision=3), "postgresql")
        .with_variant(mysql.DATETIME(fsp=3), "mysql"),
        server_default=sa.text("CURRENT_TIMESTAMP"),
    )"#
        );
        let e = call(
            "mapped_column",
            vec![
                pos(method(
                    call("sa.Text", vec![]),
                    "with_variant",
                    vec![
                        pos(call("sa.String", vec![pos(atom("191"))])),
                        pos(string("mysql")),
                    ],
                )),
                kw("primary_key", atom("True")),
            ],
        );
        assert_eq!(
            statement(4, "email: Mapped[str] = ", &e),
            "    email: Mapped[str] = mapped_column(\n        sa.Text().with_variant(sa.String(191), \"mysql\"), primary_key=True\n    )"
        );
    }

    #[test]
    fn a_head_too_long_splits_an_earlier_call() {
        let values: Vec<Arg> = [
            "THE_FIRST_OF_MANY",
            "THE_SECOND_OF_MANY",
            "THE_THIRD_OF_MANY",
        ]
        .iter()
        .map(|v| pos(string(v)))
        .chain([kw("name", string("Long"))])
        .collect();
        let e = method(
            call("postgresql.ENUM", values),
            "create",
            vec![pos(call("op.get_bind", vec![]))],
        );
        assert_eq!(
            statement(4, "", &e),
            "    postgresql.ENUM(\n        \"THE_FIRST_OF_MANY\", \"THE_SECOND_OF_MANY\", \"THE_THIRD_OF_MANY\", name=\"Long\"\n    ).create(op.get_bind())"
        );
    }

    #[test]
    fn collections_explode_one_item_per_line() {
        let e = Expr::Tuple(vec![
            call(
                "sa.Index",
                vec![pos(string("users_email_key")), pos(string("email"))],
            ),
            call(
                "sa.Index",
                vec![pos(string("users_name_idx")), pos(string("name"))],
            ),
        ]);
        assert_eq!(
            statement(4, "__table_args__ = ", &e),
            "    __table_args__ = (\n        sa.Index(\"users_email_key\", \"email\"),\n        sa.Index(\"users_name_idx\", \"name\"),\n    )"
        );
    }

    #[test]
    fn strings_take_ruffs_quotes() {
        assert_eq!(string_literal("plain"), "\"plain\"");
        assert_eq!(string_literal("it's"), "\"it's\"");
        assert_eq!(string_literal("say \"hi\""), "'say \"hi\"'");
        assert_eq!(string_literal("a\\b\n"), "\"a\\\\b\\n\"");
    }
}
