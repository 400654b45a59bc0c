//! The differ, case by case: `from` SQL, `to` SQL, the expected changes as `Kind object`.

use super::{dialect, replayed};
use crate::relational::diff::{Change, MigrationPair, diff};
use crate::relational::lower::Renames;

struct Case {
    name: &'static str,
    dialect: &'static str,
    from: &'static str,
    to: &'static str,
    /// `Kind object` per change, in order; a rebuild lists what it stands for after `:`.
    expected: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "same schema, no changes",
        dialect: "postgresql",
        from: r#"CREATE TABLE "User" ("id" SERIAL NOT NULL, "email" TEXT NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));"#,
        to: r#"CREATE TABLE "User" ("id" SERIAL NOT NULL, "email" TEXT NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));"#,
        expected: &[],
    },
    Case {
        name: "a default spelled two ways is one default",
        dialect: "postgresql",
        from: r#"CREATE TABLE "T" ("a" TEXT DEFAULT 'x'::text, "b" TIMESTAMP(3) DEFAULT now(), "c" DECIMAL(10,2) DEFAULT 0.50, "d" BOOLEAN DEFAULT true);"#,
        to: r#"CREATE TABLE "T" ("a" TEXT DEFAULT 'x', "b" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP, "c" NUMERIC(10, 2) DEFAULT 0.5, "d" BOOL DEFAULT true);"#,
        expected: &[],
    },
    Case {
        name: "a changed default",
        dialect: "postgresql",
        from: r#"CREATE TABLE "T" ("a" TEXT DEFAULT 'x');"#,
        to: r#"CREATE TABLE "T" ("a" TEXT DEFAULT 'y');"#,
        expected: &["AlterColumn T.a"],
    },
    Case {
        name: "an added column",
        dialect: "postgresql",
        from: r#"CREATE TABLE "T" ("a" TEXT);"#,
        to: r#"CREATE TABLE "T" ("a" TEXT, "b" INTEGER NOT NULL DEFAULT 0);"#,
        expected: &["AddColumn T.b"],
    },
    Case {
        name: "a type change in place",
        dialect: "mysql",
        from: "CREATE TABLE `T` (`a` INTEGER NOT NULL);",
        to: "CREATE TABLE `T` (`a` BIGINT NOT NULL);",
        expected: &["AlterColumn T.a"],
    },
    Case {
        name: "SQLite rebuilds for a type change",
        dialect: "sqlite",
        from: r#"CREATE TABLE "T" ("id" INTEGER NOT NULL PRIMARY KEY, "a" INTEGER NOT NULL);"#,
        to: r#"CREATE TABLE "T" ("id" INTEGER NOT NULL PRIMARY KEY, "a" BIGINT NOT NULL);"#,
        expected: &["RebuildTable T: AlterColumn T.a"],
    },
    Case {
        name: "SQLite adds a nullable column in place",
        dialect: "sqlite",
        from: r#"CREATE TABLE "T" ("id" INTEGER NOT NULL PRIMARY KEY);"#,
        to: r#"CREATE TABLE "T" ("id" INTEGER NOT NULL PRIMARY KEY, "note" TEXT);"#,
        expected: &["AddColumn T.note"],
    },
    Case {
        name: "SQLite rebuilds to add a foreign key",
        dialect: "sqlite",
        from: r#"CREATE TABLE "A" ("id" INTEGER NOT NULL PRIMARY KEY); CREATE TABLE "B" ("id" INTEGER NOT NULL PRIMARY KEY, "aId" INTEGER NOT NULL);"#,
        to: r#"CREATE TABLE "A" ("id" INTEGER NOT NULL PRIMARY KEY); CREATE TABLE "B" ("id" INTEGER NOT NULL PRIMARY KEY, "aId" INTEGER NOT NULL, CONSTRAINT "B_aId_fkey" FOREIGN KEY ("aId") REFERENCES "A" ("id") ON DELETE RESTRICT ON UPDATE CASCADE);"#,
        expected: &["RebuildTable B: AddForeignKey B_aId_fkey"],
    },
    Case {
        name: "a foreign key added in place, after the tables",
        dialect: "postgresql",
        from: r#"CREATE TABLE "B" ("id" INTEGER NOT NULL, "aId" INTEGER NOT NULL);"#,
        to: r#"CREATE TABLE "A" ("id" INTEGER NOT NULL, CONSTRAINT "A_pkey" PRIMARY KEY ("id")); CREATE TABLE "B" ("id" INTEGER NOT NULL, "aId" INTEGER NOT NULL); ALTER TABLE "B" ADD CONSTRAINT "B_aId_fkey" FOREIGN KEY ("aId") REFERENCES "A"("id") ON DELETE RESTRICT ON UPDATE CASCADE;"#,
        expected: &["CreateTable A", "AddForeignKey B_aId_fkey"],
    },
    Case {
        name: "an index under a new name is a rename",
        dialect: "postgresql",
        from: r#"CREATE TABLE "T" ("a" TEXT); CREATE INDEX "T_a_idx" ON "T"("a");"#,
        to: r#"CREATE TABLE "T" ("a" TEXT); CREATE INDEX "by_a" ON "T"("a");"#,
        expected: &["RenameIndex by_a"],
    },
    Case {
        name: "SQLite cannot rename an index: drop and create",
        dialect: "sqlite",
        from: r#"CREATE TABLE "T" ("a" TEXT); CREATE INDEX "T_a_idx" ON "T"("a");"#,
        to: r#"CREATE TABLE "T" ("a" TEXT); CREATE INDEX "by_a" ON "T"("a");"#,
        expected: &["DropIndex T_a_idx", "CreateIndex by_a"],
    },
    Case {
        name: "MySQL drops an index only after its replacement exists",
        dialect: "mysql",
        from: "CREATE TABLE `T` (`a` INTEGER NOT NULL, `b` INTEGER NOT NULL); CREATE INDEX `T_a_idx` ON `T`(`a`);",
        to: "CREATE TABLE `T` (`a` INTEGER NOT NULL, `b` INTEGER NOT NULL); CREATE INDEX `T_a_b_idx` ON `T`(`a`, `b`);",
        expected: &["CreateIndex T_a_b_idx", "DropIndex T_a_idx"],
    },
    Case {
        name: "a new enum value",
        dialect: "postgresql",
        from: r#"CREATE TYPE "Role" AS ENUM ('A'); CREATE TABLE "T" ("r" "Role" NOT NULL);"#,
        to: r#"CREATE TYPE "Role" AS ENUM ('A', 'B'); CREATE TABLE "T" ("r" "Role" NOT NULL);"#,
        expected: &["AlterEnum Role"],
    },
    Case {
        name: "a dropped table takes its foreign keys first, its enum last",
        dialect: "postgresql",
        from: r#"CREATE TYPE "Role" AS ENUM ('A'); CREATE TABLE "A" ("id" INTEGER NOT NULL, CONSTRAINT "A_pkey" PRIMARY KEY ("id")); CREATE TABLE "B" ("aId" INTEGER NOT NULL, "r" "Role"); ALTER TABLE "B" ADD CONSTRAINT "B_aId_fkey" FOREIGN KEY ("aId") REFERENCES "A"("id") ON DELETE RESTRICT ON UPDATE CASCADE;"#,
        to: r#"CREATE TABLE "A" ("id" INTEGER NOT NULL, CONSTRAINT "A_pkey" PRIMARY KEY ("id"));"#,
        expected: &["DropForeignKey B_aId_fkey", "DropTable B", "DropEnum Role"],
    },
    Case {
        name: "a changed primary key",
        dialect: "postgresql",
        from: r#"CREATE TABLE "T" ("a" INTEGER NOT NULL, "b" INTEGER NOT NULL, CONSTRAINT "T_pkey" PRIMARY KEY ("a"));"#,
        to: r#"CREATE TABLE "T" ("a" INTEGER NOT NULL, "b" INTEGER NOT NULL, CONSTRAINT "T_pkey" PRIMARY KEY ("a","b"));"#,
        expected: &["DropPrimaryKey T", "AddPrimaryKey T"],
    },
    Case {
        name: "a primary key under another constraint name is renamed",
        dialect: "postgresql",
        from: r#"CREATE TABLE "T" ("a" INTEGER NOT NULL, CONSTRAINT "T_pkey" PRIMARY KEY ("a"));"#,
        to: r#"CREATE TABLE "T" ("a" INTEGER NOT NULL, CONSTRAINT "t_primary" PRIMARY KEY ("a"));"#,
        expected: &["RenamePrimaryKey T"],
    },
    Case {
        name: "MySQL drops the only index of a foreign key's columns around the key",
        dialect: "mysql",
        from: "CREATE TABLE `A` (`id` INTEGER NOT NULL, PRIMARY KEY (`id`)); CREATE TABLE `B` (`id` INTEGER NOT NULL, `aId` INTEGER NOT NULL, PRIMARY KEY (`id`)); CREATE INDEX `B_aId_idx` ON `B`(`aId`); ALTER TABLE `B` ADD CONSTRAINT `B_aId_fkey` FOREIGN KEY (`aId`) REFERENCES `A`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;",
        to: "CREATE TABLE `A` (`id` INTEGER NOT NULL, PRIMARY KEY (`id`)); CREATE TABLE `B` (`id` INTEGER NOT NULL, `aId` INTEGER NOT NULL, PRIMARY KEY (`id`)); ALTER TABLE `B` ADD CONSTRAINT `B_aId_fkey` FOREIGN KEY (`aId`) REFERENCES `A`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;",
        expected: &[
            "DropForeignKey B_aId_fkey",
            "DropIndex B_aId_idx",
            "AddForeignKey B_aId_fkey",
        ],
    },
    Case {
        name: "MySQL keeps the key where another index serves it",
        dialect: "mysql",
        from: "CREATE TABLE `A` (`id` INTEGER NOT NULL, PRIMARY KEY (`id`)); CREATE TABLE `B` (`id` INTEGER NOT NULL, `aId` INTEGER NOT NULL, `at` INTEGER NOT NULL, PRIMARY KEY (`id`)); CREATE INDEX `B_aId_idx` ON `B`(`aId`); CREATE INDEX `B_aId_at_idx` ON `B`(`aId`, `at`); ALTER TABLE `B` ADD CONSTRAINT `B_aId_fkey` FOREIGN KEY (`aId`) REFERENCES `A`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;",
        to: "CREATE TABLE `A` (`id` INTEGER NOT NULL, PRIMARY KEY (`id`)); CREATE TABLE `B` (`id` INTEGER NOT NULL, `aId` INTEGER NOT NULL, `at` INTEGER NOT NULL, PRIMARY KEY (`id`)); CREATE INDEX `B_aId_at_idx` ON `B`(`aId`, `at`); ALTER TABLE `B` ADD CONSTRAINT `B_aId_fkey` FOREIGN KEY (`aId`) REFERENCES `A`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;",
        expected: &["DropIndex B_aId_idx"],
    },
    Case {
        name: "an operator class is part of the index; a default one named is not",
        dialect: "postgresql",
        from: r#"CREATE TABLE "T" ("a" TEXT, "j" JSONB); CREATE INDEX "T_a_idx" ON "T"("a"); CREATE INDEX "T_j_idx" ON "T" USING GIN ("j");"#,
        to: r#"CREATE TABLE "T" ("a" TEXT, "j" JSONB); CREATE INDEX "T_a_idx" ON "T"("a" text_pattern_ops); CREATE INDEX "T_j_idx" ON "T" USING GIN ("j" jsonb_ops);"#,
        expected: &["DropIndex T_a_idx", "CreateIndex T_a_idx"],
    },
];

fn summary(change: &Change) -> String {
    let debug = format!("{change:?}");
    let kind = debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    match change {
        Change::RebuildTable { changes, .. } => format!(
            "{kind} {}: {}",
            change.object(),
            changes.iter().map(summary).collect::<Vec<_>>().join(", ")
        ),
        _ => format!("{kind} {}", change.object()),
    }
}

#[test]
fn differ_cases() {
    let mut failures = Vec::new();
    for case in CASES {
        let d = dialect(case.dialect);
        let (from, to) = (replayed(case.from, d), replayed(case.to, d));
        let plan = diff(
            MigrationPair {
                previous: &from,
                next: &to,
            },
            &Renames::default(),
            d,
        );
        let got: Vec<String> = plan.changes.iter().map(summary).collect();
        if got != case.expected {
            failures.push(format!(
                "{} ({}):\n  expected {:?}\n  got      {:?}",
                case.name, case.dialect, case.expected, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
