-- NOTE: accounts.id: @db.UnsignedInt has no sqlite equivalent; using INTEGER
-- NOTE: accounts.external_id: @db.Char(36) has no sqlite equivalent; using TEXT
-- NOTE: accounts.email: @db.VarChar(191) has no sqlite equivalent; using TEXT
-- NOTE: accounts.display_name: @db.VarChar(100) has no sqlite equivalent; using TEXT
-- NOTE: accounts.bio: @db.Text has no sqlite equivalent; using TEXT
-- NOTE: accounts.age: @db.SmallInt has no sqlite equivalent; using INTEGER
-- NOTE: accounts.balance: @db.Decimal(12, 4) has no sqlite equivalent; using DECIMAL
-- NOTE: accounts.ratio: @db.Double has no sqlite equivalent; using REAL
-- NOTE: accounts.active: @db.TinyInt has no sqlite equivalent; using BOOLEAN
-- NOTE: accounts.avatar: @db.Blob has no sqlite equivalent; using BLOB
-- NOTE: accounts.birthday: @db.Date has no sqlite equivalent; using DATETIME
-- NOTE: accounts.created_at: @db.DateTime(3) has no sqlite equivalent; using DATETIME
-- NOTE: accounts.updated_at: @db.Timestamp(0) has no sqlite equivalent; using DATETIME
-- NOTE: accounts.token: @db.VarChar(36) has no sqlite equivalent; using TEXT
-- NOTE: accounts.token: dbgenerated("(uuid())") is copied verbatim from a mysql schema; check that sqlite accepts it
-- NOTE: notes.account_id: @db.UnsignedInt has no sqlite equivalent; using INTEGER
-- NOTE: notes.title: @db.VarChar(255) has no sqlite equivalent; using TEXT
-- NOTE: notes.body: @db.MediumText has no sqlite equivalent; using TEXT
-- NOTE: notes(title, body): sqlite has no fulltext index; using an ordinary index

-- CreateTable
CREATE TABLE "accounts" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "external_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "display_name" TEXT,
    "bio" TEXT,
    "visibility" TEXT NOT NULL DEFAULT 'public',
    "age" INTEGER,
    "balance" DECIMAL NOT NULL DEFAULT 0.00,
    "ratio" REAL NOT NULL DEFAULT 1.0,
    "karma" BIGINT NOT NULL DEFAULT -1,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "settings" JSONB,
    "avatar" BLOB,
    "birthday" DATETIME,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    "token" TEXT NOT NULL DEFAULT (uuid())
);

-- CreateTable
CREATE TABLE "notes" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "account_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    CONSTRAINT "notes_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE RESTRICT
);

-- CreateIndex
CREATE UNIQUE INDEX "accounts_external_id_key" ON "accounts"("external_id");

-- CreateIndex
CREATE INDEX "accounts_name_created_idx" ON "accounts"("display_name", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "accounts_email_unique" ON "accounts"("email");

-- CreateIndex
CREATE INDEX "notes_title_idx" ON "notes"("title");

-- CreateIndex
CREATE INDEX "notes_title_body_idx" ON "notes"("title", "body");
