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
    /// `lambda: body`: ruff splits inside the body's brackets (`lambda: {` / entries / `}`).
    Lambda(Box<Expr>),
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

/// Where flat text goes: the output, or a measure that gives up past a width.
trait Sink {
    /// Appends `text`; false once the sink wants no more (a measure past its limit).
    fn put(&mut self, text: &str) -> bool;
}

impl Sink for String {
    fn put(&mut self, text: &str) -> bool {
        self.push_str(text);
        true
    }
}

/// The display width of what is put, up to `limit`: layout asks "does it fit?" at every level
/// of an expression, so an answer costs at most a line's width, not the expression's size.
struct Measure {
    used: usize,
    limit: usize,
}

impl Sink for Measure {
    fn put(&mut self, text: &str) -> bool {
        self.used += display_width(text);
        self.used <= self.limit
    }
}

/// Whether `write` puts at most `budget` columns (`None`: no room at all).
fn fits(budget: Option<usize>, write: impl FnOnce(&mut Measure) -> bool) -> bool {
    budget.is_some_and(|limit| write(&mut Measure { used: 0, limit }))
}

/// The columns left on a line of `WIDTH` after `used`.
fn room(used: usize) -> Option<usize> {
    WIDTH.checked_sub(used)
}

impl Expr {
    /// The expression on one line.
    pub fn flat(&self) -> String {
        let mut out = String::new();
        self.put_flat(&mut out);
        out
    }

    /// Puts the expression on one line into `sink`; false when the sink gave up.
    fn put_flat(&self, sink: &mut impl Sink) -> bool {
        match self {
            Expr::Atom(s) => sink.put(s),
            Expr::Call(callee, args) => {
                callee.put_flat(sink) && sink.put("(") && put_args(args, sink) && sink.put(")")
            }
            Expr::Attr(value, name) => value.put_flat(sink) && sink.put(".") && sink.put(name),
            Expr::Tuple(items) if items.len() == 1 => {
                sink.put("(") && items[0].put_flat(sink) && sink.put(",)")
            }
            Expr::Tuple(items) => sink.put("(") && put_list(items, sink) && sink.put(")"),
            Expr::List(items) => sink.put("[") && put_list(items, sink) && sink.put("]"),
            Expr::Dict(entries) => {
                sink.put("{")
                    && entries.iter().enumerate().all(|(i, (k, v))| {
                        (i == 0 || sink.put(", "))
                            && k.put_flat(sink)
                            && sink.put(": ")
                            && v.put_flat(sink)
                    })
                    && sink.put("}")
            }
            Expr::Lambda(body) => sink.put("lambda: ") && body.put_flat(sink),
        }
    }

    /// A method chain that ruff lays out one call per line (at least two attribute accesses
    /// whose value is a call): its first value and the calls after it.
    fn chain(&self) -> Option<(&Expr, Vec<ChainCall<'_>>)> {
        let mut calls = Vec::new();
        let mut current = self;
        while let Expr::Call(callee, args) = current {
            let Expr::Attr(value, name) = callee.as_ref() else {
                break;
            };
            if !matches!(value.as_ref(), Expr::Call(..)) {
                break;
            }
            calls.push((name.as_str(), args.as_slice()));
            current = value;
        }
        if calls.len() < 2 {
            return None;
        }
        calls.reverse();
        Some((current, calls))
    }
}

/// `.name(args)` in a method chain.
type ChainCall<'a> = (&'a str, &'a [Arg]);

fn put_list(items: &[Expr], sink: &mut impl Sink) -> bool {
    items
        .iter()
        .enumerate()
        .all(|(i, e)| (i == 0 || sink.put(", ")) && e.put_flat(sink))
}

fn put_arg(arg: &Arg, sink: &mut impl Sink) -> bool {
    match arg {
        Arg::Pos(e) => e.put_flat(sink),
        Arg::Kw(name, e) => sink.put(name) && sink.put("=") && e.put_flat(sink),
    }
}

fn put_args(args: &[Arg], sink: &mut impl Sink) -> bool {
    args.iter()
        .enumerate()
        .all(|(i, a)| (i == 0 || sink.put(", ")) && put_arg(a, sink))
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
    let head_fits = fits(room(indent + display_width(&prefix)), |m| match value {
        Expr::Call(callee, _) => callee.put_flat(m) && m.put("("),
        other => other.put_flat(m),
    });
    if head_fits {
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
    if fits(room(indent + before + after), |m| expr.put_flat(m)) {
        expr.put_flat(out);
        return;
    }
    if let Some((first, calls)) = expr.chain() {
        layout(first, indent, before, 0, out);
        for (i, (name, args)) in calls.iter().enumerate() {
            newline(out, indent);
            let tail = if i + 1 == calls.len() { after } else { 0 };
            if fits(room(indent + tail), |m| {
                m.put(".") && m.put(name) && m.put("(") && put_args(args, m) && m.put(")")
            }) {
                out.push('.');
                out.push_str(name);
                out.push('(');
                put_args(args, out);
                out.push(')');
                continue;
            }
            out.push('.');
            out.push_str(name);
            out.push('(');
            let items: Vec<Item> = args.iter().map(Item::Arg).collect();
            bracket_body(&items, false, indent, ")", out);
        }
        return;
    }
    match expr {
        Expr::Atom(text) => out.push_str(text),
        Expr::Call(..) => {
            // The last bracket pair whose opening line fits, as ruff omits trailing calls
            // (`ENUM(...).create(bind)` splits inside `ENUM(` when `...).create(` is too long).
            // The spine: the expression, then each call's callee and each attribute's value.
            let mut spine = vec![expr];
            loop {
                match spine[spine.len() - 1] {
                    Expr::Call(callee, _) => spine.push(callee),
                    Expr::Attr(value, _) => spine.push(value),
                    _ => break,
                }
            }
            let chosen = spine
                .iter()
                .position(|e| match e {
                    Expr::Call(callee, _) => {
                        fits(room(indent + before), |m| callee.put_flat(m) && m.put("("))
                    }
                    _ => false,
                })
                .unwrap_or(0);
            let Expr::Call(callee, args) = spine[chosen] else {
                unreachable!("the spine's first call is the expression")
            };
            callee.put_flat(out);
            out.push('(');
            let items: Vec<Item> = args.iter().map(Item::Arg).collect();
            bracket_body(&items, false, indent, ")", out);
            // What follows the chosen call's closing bracket, nearest first.
            for outer in spine[..chosen].iter().rev() {
                match outer {
                    Expr::Call(_, args) => {
                        out.push('(');
                        put_args(args, out);
                        out.push(')');
                    }
                    Expr::Attr(_, name) => {
                        out.push('.');
                        out.push_str(name);
                    }
                    _ => {}
                }
            }
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
        Expr::Lambda(body) => {
            out.push_str("lambda: ");
            layout(body, indent, before + "lambda: ".len(), after, out);
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
    fn put_flat(&self, sink: &mut impl Sink) -> bool {
        match self {
            Item::Arg(a) => put_arg(a, sink),
            Item::Expr(e) => e.put_flat(sink),
            Item::Entry(k, v) => k.put_flat(sink) && sink.put(": ") && v.put_flat(sink),
        }
    }

    /// Puts the text before the item's expression into `out`; returns its width and the
    /// expression.
    fn put_prefix(&self, out: &mut String) -> (usize, &Expr) {
        let start = out.len();
        let expr = match self {
            Item::Arg(Arg::Pos(e)) => e,
            Item::Expr(e) => *e,
            Item::Arg(Arg::Kw(name, e)) => {
                out.push_str(name);
                out.push('=');
                e
            }
            Item::Entry(k, v) => {
                k.put_flat(out);
                out.push_str(": ");
                v
            }
        };
        (display_width(&out[start..]), expr)
    }
}

fn put_items(items: &[Item], sink: &mut impl Sink) -> bool {
    items
        .iter()
        .enumerate()
        .all(|(i, item)| (i == 0 || sink.put(", ")) && item.put_flat(sink))
}

/// The contents of a bracket pair whose opening bracket ends the current line, then the closing
/// bracket. The contents fit on one line (`explode` false: call arguments) or go one per line.
fn bracket_body(items: &[Item], explode: bool, indent: usize, close: &str, out: &mut String) {
    if items.is_empty() {
        out.push_str(close);
        return;
    }
    let inner = indent + INDENT;
    if !explode && fits(room(inner), |m| put_items(items, m)) {
        newline(out, inner);
        put_items(items, out);
    } else {
        for item in items {
            newline(out, inner);
            let (before, expr) = item.put_prefix(out);
            layout(expr, inner, before, 1, out);
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

/// `True` or `False`.
pub fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
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
