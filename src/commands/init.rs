//! `tether init`: a commented tether.toml and an example schema; never overwrites a file.

use crate::Outcome;
use crate::config;
use crate::output;
use anyhow::Result;
use std::path::Path;

const EXAMPLE_SCHEMA: &str = r#"// The single source of truth. `tether gen` turns it into migrations and models.
datasource db {
  provider = "sqlite"
}

model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique
  name      String?
  posts     Post[]
  createdAt DateTime @default(now())
}

model Post {
  id       Int     @id @default(autoincrement())
  title    String
  author   User    @relation(fields: [authorId], references: [id])
  authorId Int
}
"#;

pub fn run(cwd: &Path) -> Result<Outcome> {
    for (name, text) in [
        (config::FILE_NAME, config::TEMPLATE),
        ("schema/schema.prisma", EXAMPLE_SCHEMA),
    ] {
        let path = cwd.join(name);
        if path.exists() {
            crate::term::info(format_args!("kept {name} (exists already)"));
            continue;
        }
        output::write_atomic(&path, text)?;
        crate::term::info(format_args!("wrote {name}"));
    }
    Ok(Outcome::Success)
}
