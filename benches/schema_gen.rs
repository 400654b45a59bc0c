//! A synthetic Prisma schema of any size, for benchmarks and scale tests: N models with scalar
//! fields of every type, two enums, a 1-n chain between neighbours, a self relation, an implicit
//! m-n relation between neighbours, and indexes and uniques. Deterministic: the same N gives
//! the same text.

use std::fmt::Write;

pub fn schema(models: usize, provider: &str) -> String {
    let mut out = format!("datasource db {{\n  provider = \"{provider}\"\n}}\n\n");
    out.push_str(
        "enum Status {\n  ACTIVE\n  SUSPENDED\n  DELETED\n}\n\nenum Tier {\n  FREE\n  PRO\n}\n",
    );
    for i in 0..models {
        let _ = write!(
            out,
            "\n/// Model {i} of a generated schema.\nmodel M{i} {{\n  id        Int       @id @default(autoincrement())\n  \
             slug      String    @unique\n  title     String\n  body      String?\n  count     Int       @default(0)\n  \
             total     BigInt    @default(0)\n  ratio     Float?\n  price     Decimal?\n  active    Boolean   @default(true)\n  \
             createdAt DateTime  @default(now())\n  updatedAt DateTime  @updatedAt\n  meta      Json?\n  \
             blob      Bytes?\n  status    Status    @default(ACTIVE)\n  tier      Tier?\n  \
             parentId  Int?\n  parent    M{i}?     @relation(\"tree{i}\", fields: [parentId], references: [id])\n  \
             children  M{i}[]    @relation(\"tree{i}\")\n"
        );
        if i > 0 {
            let p = i - 1;
            let _ = write!(
                out,
                "  ownerId   Int\n  owner     M{p}       @relation(\"own{i}\", fields: [ownerId], references: [id], onDelete: Cascade)\n  \
                 peers     M{p}[]     @relation(\"peer{i}\")\n  @@index([ownerId])\n"
            );
        }
        if i + 1 < models {
            let n = i + 1;
            let _ = write!(
                out,
                "  owned     M{n}[]     @relation(\"own{n}\")\n  peersOf   M{n}[]     @relation(\"peer{n}\")\n"
            );
        }
        out.push_str("  @@unique([title, count])\n  @@index([status, createdAt])\n}\n");
    }
    out
}
