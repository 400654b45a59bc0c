-- NOTE: accounts.id: @db.UnsignedInt has no postgresql equivalent; using INTEGER
-- NOTE: accounts.ratio: @db.Double has no postgresql equivalent; using DOUBLE PRECISION
-- NOTE: accounts.active: @db.TinyInt has no postgresql equivalent; using BOOLEAN
-- NOTE: accounts.avatar: @db.Blob has no postgresql equivalent; using BYTEA
-- NOTE: accounts.created_at: @db.DateTime(3) has no postgresql equivalent; using TIMESTAMP(3)
-- NOTE: accounts.token: dbgenerated("(uuid())") is copied verbatim from a mysql schema; check that postgresql accepts it
-- NOTE: notes.account_id: @db.UnsignedInt has no postgresql equivalent; using INTEGER
-- NOTE: notes.body: @db.MediumText has no postgresql equivalent; using TEXT
-- NOTE: notes(title, body): postgresql has no fulltext index; using an ordinary index

-- CreateEnum
CREATE TYPE "Visibility" AS ENUM ('public', 'private');

-- CreateTable
CREATE TABLE "accounts" (
    "id" SERIAL NOT NULL,
    "external_id" CHAR(36) NOT NULL,
    "email" VARCHAR(191) NOT NULL,
    "display_name" VARCHAR(100),
    "bio" TEXT,
    "visibility" "Visibility" NOT NULL DEFAULT 'public',
    "age" SMALLINT,
    "balance" DECIMAL(12,4) NOT NULL DEFAULT 0.00,
    "ratio" DOUBLE PRECISION NOT NULL DEFAULT 1.0,
    "karma" BIGINT NOT NULL DEFAULT -1,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "settings" JSONB,
    "avatar" BYTEA,
    "birthday" DATE,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(0) NOT NULL,
    "token" VARCHAR(36) NOT NULL DEFAULT (uuid()),

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notes" (
    "id" SERIAL NOT NULL,
    "account_id" INTEGER NOT NULL,
    "title" VARCHAR(255) NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "notes" ADD CONSTRAINT "notes_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE RESTRICT;
