//! Replay, case by case: migration SQL and what the model must then say, as short facts.

use super::{dialect, replayed};
use crate::relational::model::*;

struct Case {
    name: &'static str,
    dialect: &'static str,
    sql: &'static str,
    /// Facts about the model: `table.column: TYPE [NOT NULL] [= default-value] [autoincrement]`,
    /// `table pk(cols)`, `table index name(cols)`, `table fk name(cols) -> table(cols)`,
    /// `enum name(values)`; every fact of the replayed model, in order.
    expected: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "Prisma's PostgreSQL table",
        dialect: "postgresql",
        sql: r#"CREATE TABLE "User" ("id" SERIAL NOT NULL, "email" VARCHAR(255) NOT NULL, "joined" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");"#,
        expected: &[
            "User.id: INTEGER NOT NULL autoincrement",
            "User.email: VARCHAR(255) NOT NULL",
            "User.joined: TIMESTAMP(3) NOT NULL = now",
            "User pk User_pkey(id)",
            "User unique User_email_key(email)",
        ],
    },
    Case {
        name: "catalog spellings of types fold to one",
        dialect: "postgresql",
        sql: r#"CREATE TABLE "T" ("a" int4, "b" character varying(10), "c" numeric(65, 30), "d" timestamp without time zone, "e" bool DEFAULT false, "f" TEXT[]);"#,
        expected: &[
            "T.a: INTEGER",
            "T.b: VARCHAR(10)",
            "T.c: DECIMAL(65,30)",
            "T.d: TIMESTAMP",
            "T.e: BOOLEAN = false",
            "T.f: TEXT[]",
        ],
    },
    Case {
        name: "renames and a changed default",
        dialect: "postgresql",
        sql: r#"CREATE TABLE "A" ("x" TEXT DEFAULT 'a');
ALTER TABLE "A" RENAME TO "B";
ALTER TABLE "B" RENAME COLUMN "x" TO "y";
ALTER TABLE "B" ALTER COLUMN "y" SET DEFAULT 'b', ALTER COLUMN "y" SET NOT NULL;"#,
        expected: &["B.y: TEXT NOT NULL = 'b'"],
    },
    Case {
        name: "a native enum",
        dialect: "postgresql",
        sql: r#"CREATE TYPE "Role" AS ENUM ('A', 'B');
CREATE TABLE "T" ("r" "Role" NOT NULL DEFAULT 'A');
ALTER TYPE "Role" ADD VALUE 'C';"#,
        expected: &["enum Role(A, B, C)", "T.r: enum Role NOT NULL = 'A'"],
    },
    Case {
        name: "SQLite's inline primary key and foreign key",
        dialect: "sqlite",
        sql: r#"CREATE TABLE "A" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT);
CREATE TABLE "B" ("id" TEXT NOT NULL PRIMARY KEY, "aId" INTEGER NOT NULL, CONSTRAINT "B_aId_fkey" FOREIGN KEY ("aId") REFERENCES "A" ("id") ON DELETE RESTRICT ON UPDATE CASCADE);"#,
        expected: &[
            "A.id: INTEGER NOT NULL autoincrement",
            "A pk (id)",
            "B.id: TEXT NOT NULL",
            "B.aId: INTEGER NOT NULL",
            "B pk (id)",
            "B fk B_aId_fkey(aId) -> A(id)",
        ],
    },
    Case {
        name: "MySQL's inline enum, unsigned and boolean types",
        dialect: "mysql",
        sql: "CREATE TABLE `T` (`id` INTEGER UNSIGNED NOT NULL AUTO_INCREMENT, `s` ENUM('on', 'off') NOT NULL DEFAULT 'on', `b` TINYINT(1) NOT NULL DEFAULT 1, `at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), PRIMARY KEY (`id`)) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;",
        expected: &[
            "enum T_s(on, off)",
            "T.id: INTEGER UNSIGNED NOT NULL autoincrement",
            "T.s: enum T_s NOT NULL = 'on'",
            "T.b: BOOLEAN NOT NULL = true",
            "T.at: DATETIME(3) NOT NULL = now(3)",
            "T pk (id)",
        ],
    },
];

fn value_text(value: &DefaultValue) -> String {
    match value {
        DefaultValue::Now { precision: None } => "now".to_owned(),
        DefaultValue::Now { precision: Some(p) } => format!("now({p})"),
        DefaultValue::Literal(Literal::String(s)) => format!("'{s}'"),
        DefaultValue::Literal(Literal::Number(n)) => n.clone(),
        DefaultValue::Literal(Literal::Boolean(b)) => b.to_string(),
        DefaultValue::Literal(Literal::Timestamp(t)) => format!("timestamp '{t}'"),
        DefaultValue::Literal(Literal::Json(j)) => format!("json {j}"),
        DefaultValue::Literal(Literal::Bytes(b)) => format!("bytes {b}"),
        DefaultValue::List(items) => {
            let items: Vec<String> = items.iter().map(value_text).collect();
            format!("[{}]", items.join(", "))
        }
        DefaultValue::Expression(e) => format!("expr {e}"),
    }
}

fn facts(schema: &DbSchema) -> Vec<String> {
    let mut out = Vec::new();
    for e in &schema.enums {
        out.push(format!("enum {}({})", e.name, e.values.join(", ")));
    }
    for t in &schema.tables {
        for c in &t.columns {
            let mut fact = format!("{}.{}: ", t.name, c.name);
            match &c.ty {
                ColumnType::Native(ty) => fact.push_str(&ty.to_string()),
                ColumnType::Enum(e) => fact.push_str(&format!("enum {e}")),
            }
            if c.array {
                fact.push_str("[]");
            }
            if !c.nullable {
                fact.push_str(" NOT NULL");
            }
            if let Some(d) = &c.default {
                fact.push_str(&format!(" = {}", value_text(&d.value)));
            }
            if c.autoincrement {
                fact.push_str(" autoincrement");
            }
            out.push(fact);
        }
        if let Some(pk) = &t.primary_key {
            out.push(format!(
                "{} pk {}({})",
                t.name,
                pk.name.as_deref().unwrap_or(""),
                pk.columns.join(", ")
            ));
        }
        for i in &t.indexes {
            let kind = match i.kind {
                IndexKind::Unique => "unique",
                IndexKind::Normal => "index",
                IndexKind::Fulltext => "fulltext",
            };
            let cols: Vec<&str> = i.columns.iter().map(|c| c.name.as_str()).collect();
            out.push(format!("{} {kind} {}({})", t.name, i.name, cols.join(", ")));
        }
        for fk in &t.foreign_keys {
            out.push(format!(
                "{} fk {}({}) -> {}({})",
                t.name,
                fk.name,
                fk.columns.join(", "),
                fk.referenced_table,
                fk.referenced_columns.join(", ")
            ));
        }
    }
    out
}

#[test]
fn replay_cases() {
    let mut failures = Vec::new();
    for case in CASES {
        let got = facts(&replayed(case.sql, dialect(case.dialect)));
        if got != case.expected {
            failures.push(format!(
                "{} ({}):\n  expected {:#?}\n  got      {:#?}",
                case.name, case.dialect, case.expected, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
