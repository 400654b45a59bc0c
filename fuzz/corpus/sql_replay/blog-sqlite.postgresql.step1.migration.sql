-- NOTE: articles.seq: dbgenerated("(abs(random()) % 1000)") is copied verbatim from a sqlite schema; check that postgresql accepts it

-- CreateEnum
CREATE TYPE "Kind" AS ENUM ('ARTICLE', 'note');

-- CreateTable
CREATE TABLE "authors" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "joined_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "authors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "articles" (
    "id" TEXT NOT NULL,
    "public_id" TEXT NOT NULL,
    "short_code" TEXT NOT NULL,
    "kind" "Kind" NOT NULL DEFAULT 'ARTICLE',
    "title" TEXT NOT NULL,
    "draft" BOOLEAN NOT NULL DEFAULT true,
    "word_count" INTEGER NOT NULL DEFAULT 0,
    "reads" BIGINT NOT NULL DEFAULT 0,
    "score" DOUBLE PRECISION NOT NULL DEFAULT 0.5,
    "price" DECIMAL(65,30) NOT NULL DEFAULT 1.25,
    "extra" JSONB,
    "thumbnail" BYTEA,
    "seq" INTEGER NOT NULL DEFAULT (abs(random()) % 1000),
    "author_id" INTEGER NOT NULL,

    CONSTRAINT "articles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Label" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Label_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_ArticleLabels" (
    "A" TEXT NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_ArticleLabels_AB_pkey" PRIMARY KEY ("A","B")
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
CREATE INDEX "_ArticleLabels_B_index" ON "_ArticleLabels"("B");

-- AddForeignKey
ALTER TABLE "articles" ADD CONSTRAINT "articles_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "authors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ArticleLabels" ADD CONSTRAINT "_ArticleLabels_A_fkey" FOREIGN KEY ("A") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ArticleLabels" ADD CONSTRAINT "_ArticleLabels_B_fkey" FOREIGN KEY ("B") REFERENCES "Label"("id") ON DELETE CASCADE ON UPDATE CASCADE;
