-- CreateTable
CREATE TABLE "authors" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "joined_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "articles" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "public_id" TEXT NOT NULL,
    "short_code" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'ARTICLE',
    "title" TEXT NOT NULL,
    "draft" BOOLEAN NOT NULL DEFAULT true,
    "word_count" INTEGER NOT NULL DEFAULT 0,
    "reads" BIGINT NOT NULL DEFAULT 0,
    "score" REAL NOT NULL DEFAULT 0.5,
    "price" DECIMAL NOT NULL DEFAULT 1.25,
    "extra" JSONB,
    "thumbnail" BLOB,
    "seq" INTEGER NOT NULL DEFAULT (abs(random()) % 1000),
    "author_id" INTEGER NOT NULL,
    CONSTRAINT "articles_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Label" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "_ArticleLabels" (
    "A" TEXT NOT NULL,
    "B" INTEGER NOT NULL,
    CONSTRAINT "_ArticleLabels_A_fkey" FOREIGN KEY ("A") REFERENCES "articles" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_ArticleLabels_B_fkey" FOREIGN KEY ("B") REFERENCES "Label" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "authors_email_key" ON "authors"("email");

-- CreateIndex
CREATE UNIQUE INDEX "articles_public_id_key" ON "articles"("public_id");

-- CreateIndex
CREATE INDEX "articles_kind_draft" ON "articles"("kind", "draft");

-- CreateIndex
CREATE UNIQUE INDEX "articles_author_id_title_key" ON "articles"("author_id", "title");

-- CreateIndex
CREATE UNIQUE INDEX "Label_name_key" ON "Label"("name");

-- CreateIndex
CREATE UNIQUE INDEX "_ArticleLabels_AB_unique" ON "_ArticleLabels"("A", "B");

-- CreateIndex
CREATE INDEX "_ArticleLabels_B_index" ON "_ArticleLabels"("B");
